import type { Core } from '@strapi/strapi';
import { conflictError, NotFoundError } from '../../../../../utils/errors';
import { UIDS } from '../content-types';
import { getService } from '../utils/get-service';
import type { MuteInput } from '../validation/requests';
import type { Moderator } from './decisions';

/**
 * Moderators mute a user for N days: until then their posts, comments and reports are refused with 403
 * and the end (services/gate.ts assertNotMuted). A mute can be lifted early. Each is a decision on the user.
 */
type Row = Record<string, unknown>;

export type MuteRecord = { id: number; userId: number; nickname: string | null; until: string; reason: string | null; moderatorId: number | null; liftedAt: string | null; createdAt: string };

const DAY_MS = 86_400_000;
const iso = (value: unknown) => new Date(value as string).toISOString();
/** The end as the user reads it (China time). */
const shownUntil = (until: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(until);

const toRecord = (row: Row): MuteRecord => ({
  id: Number(row.id),
  userId: Number((row.user as Row | null)?.id ?? 0),
  nickname: ((row.user as Row | null)?.nickname as string | null) ?? null,
  until: iso(row.until),
  reason: (row.reason as string | null) ?? null,
  moderatorId: row.moderatorId == null ? null : Number(row.moderatorId),
  liftedAt: row.liftedAt ? iso(row.liftedAt) : null,
  createdAt: iso(row.createdAt),
});

const mutesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async mute(input: MuteInput, moderator: Moderator, now = new Date()): Promise<MuteRecord> {
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: input.userId }, select: ['id'] })) as Row | null;
    if (!user) throw new NotFoundError('User not found');
    const until = new Date(now.getTime() + input.days * DAY_MS);
    const row = await strapi.db.transaction(async () => {
      const created = (await strapi.db.query(UIDS.mute).create({
        data: { user: input.userId, until, reason: input.note, moderatorId: moderator.id, liftedAt: null },
        populate: { user: { select: ['id', 'nickname'] } },
      })) as Row;
      await getService(strapi, 'decisions').record({
        source: 'moderator',
        moderator,
        targetType: 'user',
        targetId: input.userId,
        action: 'mute',
        toStatus: `muted until ${until.toISOString()}`,
        note: input.note,
      });
      return created;
    });
    await getService(strapi, 'notifications').notify(input.userId, { kind: 'muted', text: `你已被禁言至 ${shownUntil(until)}：${input.note}` });
    return toRecord(row);
  },

  /** Lift a mute still in force (409 when it already ended or was lifted). */
  async lift(muteId: number, moderator: Moderator, now = new Date()): Promise<MuteRecord> {
    const row = await strapi.db.transaction(async () => {
      const mute = (await strapi.db.query(UIDS.mute).findOne({ where: { id: muteId }, populate: { user: { select: ['id', 'nickname'] } } })) as Row | null;
      if (!mute) throw new NotFoundError('Mute not found');
      if (mute.liftedAt) throw conflictError('This mute was already lifted', { reason: 'already_lifted', liftedAt: iso(mute.liftedAt) });
      if (new Date(mute.until as string).getTime() <= now.getTime()) throw conflictError('This mute has already ended', { reason: 'already_ended', until: iso(mute.until) });
      const lifted = (await strapi.db.query(UIDS.mute).update({ where: { id: muteId }, data: { liftedAt: now }, populate: { user: { select: ['id', 'nickname'] } } })) as Row;
      const userId = Number((mute.user as Row | null)?.id ?? 0);
      await getService(strapi, 'decisions').record({ source: 'moderator', moderator, targetType: 'user', targetId: userId, action: 'unmute', fromStatus: `muted until ${iso(mute.until)}` });
      return lifted;
    });
    return toRecord(row);
  },

  /** The mutes in force, ending soonest first. */
  async active(now = new Date()): Promise<MuteRecord[]> {
    const rows = (await strapi.db.query(UIDS.mute).findMany({
      where: { until: { $gt: now }, liftedAt: { $null: true } },
      orderBy: { until: 'asc' },
      limit: 200,
      populate: { user: { select: ['id', 'nickname'] } },
    })) as Row[];
    return rows.map(toRecord);
  },
});

export type MutesService = ReturnType<typeof mutesService>;
export default mutesService;
