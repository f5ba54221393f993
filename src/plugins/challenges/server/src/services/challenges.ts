import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { effectiveTier, gamification, satisfies } from '../../../../gamification/public';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { daysNeededFor, joinClosedAt, phaseAt, type Phase } from '../domain/phase';
import { rulesText } from '../domain/rules-text';
import type { ChallengeListQuery, MyChallengesQuery } from '../validation/requests';

/**
 * Reading challenges: the list, one challenge, the caller's own (GET /challenges, /challenges/:id,
 * /me/challenges), with the phase, whether the caller may join, and the caller's participation.
 *
 * Who sees what: a reader sees an active challenge that is official and published, or one they made, or
 * one they take part in. The list holds official published ones (and the caller's own), without the
 * region-only ones of other regions; user-made challenges are never listed to others (their friends join
 * by invite code). A VIP-only challenge is listed to all: joining it asks for the membership.
 *
 * Plain knex reads (two or three statements per page, whatever its size), not the Document Service: the
 * answer joins the template, the cover, the caller's participation and rewards, in a shape of its own.
 */
export type Caller = {
  id: number;
  membershipTier?: unknown;
  membershipExpiresAt?: string | Date | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
};

export type ChallengeRow = {
  id: number;
  document_id: string;
  title: string;
  description: string | null;
  timezone: string;
  start_date: unknown;
  end_date: unknown;
  join_deadline: unknown;
  rule: 'daysOf' | 'streak' | 'weekly';
  target_days: number;
  per_week: number | null;
  weeks: number | null;
  allow_makeup: unknown;
  max_participants: number | null;
  entry_cost: number;
  reward_points: number;
  badge: string | null;
  badge_icon: string | null;
  top_k: number;
  top_points: number;
  visibility: 'everyone' | 'vip' | 'region';
  region: string | null;
  is_official: unknown;
  creator_id: number | null;
  review: string;
  state: string;
  participants_count: number | null;
  active: unknown;
  sort_order: number | null;
  habit_template_id: number | null;
  t_document_id: string | null;
  t_title: string | null;
  t_icon: string | null;
};

/** A challenge's fields as the domain reads them (camelCase, dates as YYYY-MM-DD, booleans). */
export type ChallengeFields = ReturnType<typeof fieldsOf>;

const bool = (value: unknown) => value === true || value === 1 || value === '1';
const day = (value: unknown): string => String(value).slice(0, 10);
const dayOrNull = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : day(value));
const instantOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string | number).toISOString());
const int = (value: unknown) => Number(value ?? 0);
const intOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export const fieldsOf = (row: ChallengeRow) => ({
  id: Number(row.id),
  documentId: row.document_id,
  title: row.title,
  description: row.description ?? null,
  timezone: row.timezone,
  startDate: day(row.start_date),
  endDate: day(row.end_date),
  joinDeadline: dayOrNull(row.join_deadline),
  rule: row.rule,
  targetDays: int(row.target_days),
  perWeek: intOrNull(row.per_week),
  weeks: intOrNull(row.weeks),
  allowMakeup: bool(row.allow_makeup),
  maxParticipants: intOrNull(row.max_participants),
  entryCost: int(row.entry_cost),
  rewardPoints: int(row.reward_points),
  badge: row.badge ?? null,
  badgeIcon: row.badge_icon ?? null,
  topK: int(row.top_k),
  topPoints: int(row.top_points),
  visibility: row.visibility,
  region: row.region ?? null,
  isOfficial: bool(row.is_official),
  creatorId: intOrNull(row.creator_id),
  review: row.review,
  state: row.state,
  participantsCount: int(row.participants_count),
  active: bool(row.active),
  habitTemplate: row.t_document_id ? { documentId: row.t_document_id, title: row.t_title ?? '', icon: row.t_icon ?? null } : null,
});

export type ParticipantRow = {
  id: number;
  challenge_id: number;
  user_id: number;
  habit_id: number | null;
  status: 'active' | 'completed' | 'failed' | 'left';
  days_done: number;
  days_needed: number;
  streak: number;
  best_streak: number;
  progress_at: unknown;
  reached_at: unknown;
  entry_paid: number;
  joined_at: unknown;
  left_at: unknown;
  finish_rank: number | null;
  h_document_id: string | null;
  h_title: string | null;
};

export type Participation = {
  status: ParticipantRow['status'];
  daysDone: number;
  daysNeeded: number;
  streak: number;
  bestStreak: number;
  progressAt: string | null;
  reachedAt: string | null;
  joinedAt: string;
  leftAt: string | null;
  entryPaid: number;
  finishRank: number | null;
  habit: { documentId: string; title: string } | null;
  rewards: Array<{ kind: 'completion' | 'top' | 'pool' | 'refund'; points: number }>;
};

export type ChallengeView = Omit<ChallengeFields, 'visibility' | 'region' | 'creatorId' | 'review' | 'state' | 'active'> & {
  coverUrl: string | null;
  phase: Phase;
  joinable: boolean;
  me: Participation | null;
};

/** Refusals of a caller who may not join a challenge they can see. */
export type Ineligible = 'membership_required' | 'region';

/** The caller's regions (province, city, district): a region challenge names one of them. */
const regionsOf = (caller: Caller): string[] => [caller.province, caller.city, caller.district].filter((r): r is string => typeof r === 'string' && r !== '');

export const ineligibility = (challenge: Pick<ChallengeFields, 'visibility' | 'region' | 'creatorId'>, caller: Caller, now: Date): Ineligible | null => {
  if (challenge.creatorId === caller.id) return null;
  if (challenge.visibility === 'vip') {
    const tier = effectiveTier({ tier: caller.membershipTier, expiresAt: caller.membershipExpiresAt ?? null }, now);
    return satisfies(tier, 'vip') ? null : 'membership_required';
  }
  if (challenge.visibility === 'region') return challenge.region !== null && regionsOf(caller).includes(challenge.region) ? null : 'region';
  return null;
};

const cursorSchema = z.object({ s: z.number().int(), d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), i: z.number().int().positive() }).strict();
type ListCursor = z.infer<typeof cursorSchema>;
const encodeCursor = (cursor: ListCursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
const decodeCursor = (text: string): ListCursor => {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('Invalid query: cursor: not one this server issued', { errors: [{ path: ['cursor'], message: 'not one this server issued' }] });
  }
};

const challengesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => gamification(strapi, 'clock').now();

  const selectChallenges = (db: Knex | Knex.Transaction = knex()) =>
    db(`${TABLES.challenges} as c`)
      .leftJoin('habit_templates as t', 't.id', 'c.habit_template_id')
      .select('c.*', 't.document_id as t_document_id', 't.title as t_title', 't.icon as t_icon');

  const coversOf = async (ids: number[], baseUrl: string): Promise<Map<number, string>> => {
    if (ids.length === 0) return new Map();
    const rows = (await knex()('files_related_mph as r')
      .join('files as f', 'f.id', 'r.file_id')
      .where({ 'r.related_type': UIDS.challenge, 'r.field': 'cover' })
      .whereIn('r.related_id', ids)
      .select('r.related_id', 'f.url')) as Array<{ related_id: number; url: string }>;
    return new Map(rows.map((row) => [Number(row.related_id), /^https?:\/\//.test(row.url) ? row.url : `${baseUrl}${row.url}`]));
  };

  const participationsOf = async (userId: number, challengeIds: number[], db: Knex | Knex.Transaction = knex()): Promise<Map<number, Participation>> => {
    if (challengeIds.length === 0) return new Map();
    const [rows, rewards] = await Promise.all([
      db(`${TABLES.participants} as p`)
        .leftJoin('habits as h', 'h.id', 'p.habit_id')
        .where('p.user_id', userId)
        .whereIn('p.challenge_id', challengeIds)
        .select('p.*', 'h.document_id as h_document_id', 'h.title as h_title') as Promise<ParticipantRow[]>,
      db(TABLES.rewards).where('user_id', userId).whereIn('challenge_id', challengeIds).orderBy('id').select('challenge_id', 'kind', 'points') as Promise<
        Array<{ challenge_id: number; kind: Participation['rewards'][number]['kind']; points: number }>
      >,
    ]);
    return new Map(
      rows.map((row) => [
        Number(row.challenge_id),
        participationOf(
          row,
          rewards.filter((reward) => Number(reward.challenge_id) === Number(row.challenge_id)),
        ),
      ]),
    );
  };

  const participationOf = (row: ParticipantRow, rewards: Array<{ kind: Participation['rewards'][number]['kind']; points: number }>): Participation => ({
    status: row.status,
    daysDone: int(row.days_done),
    daysNeeded: int(row.days_needed),
    streak: int(row.streak),
    bestStreak: int(row.best_streak),
    progressAt: instantOrNull(row.progress_at),
    reachedAt: instantOrNull(row.reached_at),
    joinedAt: instantOrNull(row.joined_at) as string,
    leftAt: instantOrNull(row.left_at),
    entryPaid: int(row.entry_paid),
    finishRank: intOrNull(row.finish_rank),
    habit: row.h_document_id ? { documentId: row.h_document_id, title: row.h_title ?? '' } : null,
    rewards: rewards.map((reward) => ({ kind: reward.kind, points: int(reward.points) })),
  });

  /** The answer's shape for rows already read; `caller` null for guests. */
  const render = async (rows: ChallengeRow[], caller: Caller | null, baseUrl: string): Promise<ChallengeView[]> => {
    const ids = rows.map((row) => Number(row.id));
    const [covers, mine] = await Promise.all([coversOf(ids, baseUrl), caller ? participationsOf(caller.id, ids) : Promise.resolve(new Map<number, Participation>())]);
    const at = now();
    return rows.map((row) => {
      const { visibility: _v, region: _r, creatorId: _c, review: _rv, state: _s, active: _a, ...fields } = fieldsOf(row);
      const full = fieldsOf(row);
      const me = mine.get(full.id) ?? null;
      const joinable =
        joinClosedAt(full, at) === null && (caller === null || (ineligibility(full, caller, at) === null && me?.status !== 'active'));
      return { ...fields, coverUrl: covers.get(full.id) ?? null, phase: phaseAt(full, at), joinable, me };
    });
  };

  /** What a reader may open: active, and official + published, or theirs, or one they take part in. */
  const visibleTo = (query: Knex.QueryBuilder, caller: Caller | null) =>
    query.where('c.active', true).andWhere((q) => {
      q.where((o) => o.where('c.is_official', true).andWhere('c.review', 'published'));
      if (caller) {
        q.orWhere('c.creator_id', caller.id).orWhereExists(
          knex()(TABLES.participants).whereRaw('challenge_id = c.id').andWhere('user_id', caller.id).select(knex().raw('1')),
        );
      }
    });

  const service = {
    fieldsOf,
    render,
    participationsOf,

    /** The challenge row by documentId, whoever may see it (null when there is none). */
    async rowByDocumentId(documentId: string, db: Knex | Knex.Transaction = knex()): Promise<ChallengeRow | null> {
      return ((await selectChallenges(db).where('c.document_id', documentId).first()) as ChallengeRow | undefined) ?? null;
    },

    /** A challenge the caller may open, or 404 (one they may not see looks missing). */
    async visibleRow(documentId: string, caller: Caller | null): Promise<ChallengeRow> {
      const row = (await visibleTo(selectChallenges().where('c.document_id', documentId), caller).first()) as ChallengeRow | undefined;
      if (!row) throw new NotFoundError('No such challenge', { reason: 'challenge_not_found' });
      return row;
    },

    /** GET /challenges: editors' order (sortOrder), then the latest start first. */
    async list(caller: Caller | null, query: ChallengeListQuery, baseUrl: string) {
      const listed = selectChallenges()
        .where('c.active', true)
        .andWhere((q) => {
          q.where((o) => o.where('c.is_official', true).andWhere('c.review', 'published'));
          if (caller) q.orWhere('c.creator_id', caller.id);
        })
        .andWhere((q) => {
          q.whereNot('c.visibility', 'region');
          if (caller) {
            const regions = regionsOf(caller);
            if (regions.length > 0) q.orWhereIn('c.region', regions);
            q.orWhere('c.creator_id', caller.id);
          }
        });
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        // Keyset: strictly after the last row of the previous page in (sort_order ASC, start_date DESC, id DESC).
        listed.andWhere((q) =>
          q
            .where(knex().raw('coalesce(c.sort_order, 0)'), '>', after.s)
            .orWhere((o) => o.where(knex().raw('coalesce(c.sort_order, 0)'), '=', after.s).andWhere('c.start_date', '<', after.d))
            .orWhere((o) => o.where(knex().raw('coalesce(c.sort_order, 0)'), '=', after.s).andWhere('c.start_date', '=', after.d).andWhere('c.id', '<', after.i)),
        );
      }
      const rows = (await listed
        .orderByRaw('coalesce(c.sort_order, 0) asc')
        .orderBy('c.start_date', 'desc')
        .orderBy('c.id', 'desc')
        .limit(query.limit + 1)) as ChallengeRow[];
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const next = rows.length > query.limit && last ? encodeCursor({ s: Number(last.sort_order ?? 0), d: day(last.start_date), i: Number(last.id) }) : null;
      return { data: await render(page, caller, baseUrl), meta: { next } };
    },

    /** GET /challenges/:documentId, with the rule in words. */
    async findOne(documentId: string, caller: Caller | null, baseUrl: string) {
      const row = await service.visibleRow(documentId, caller);
      const [view] = await render([row], caller, baseUrl);
      return { ...view, rules: rulesText(fieldsOf(row)) };
    },

    /** GET /me/challenges: `active` = not ended and not left; `ended` = the rest (ended, finished or left). */
    async mine(caller: Caller, query: MyChallengesQuery, baseUrl: string) {
      const rows = (await selectChallenges()
        .join(`${TABLES.participants} as p`, 'p.challenge_id', 'c.id')
        .where('p.user_id', caller.id)
        .orderBy('c.end_date', query.status === 'active' ? 'asc' : 'desc')
        .orderBy('c.id', 'desc')
        .select('p.status as p_status')) as Array<ChallengeRow & { p_status: string }>;
      const at = now();
      const wanted = rows.filter((row) => {
        const running = row.p_status === 'active' && phaseAt(fieldsOf(row), at) !== 'ended';
        return query.status === 'active' ? running : !running;
      });
      const views = await render(wanted, caller, baseUrl);
      return { data: views.map((challenge) => ({ challenge })), meta: {} };
    },

    daysNeededFor,
  };
  return service;
};

export type ChallengesService = ReturnType<typeof challengesService>;
export default challengesService;
