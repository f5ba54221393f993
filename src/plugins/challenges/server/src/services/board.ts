import type { Core } from '@strapi/strapi';
import { keyValueStore } from '../../../../../services/key-value';
import { serviceUnavailableError } from '../../../../../utils/errors';
import { createRedisBoardStore, createSqlBoardStore, decodeScore, encodeScore, ensureBoardTables, MAX_SCORE, type BoardStore, type Ranked } from '../../../../leaderboard/public';
import { TABLES } from '../content-types';
import { daysNeededOf } from '../domain/progress';
import { instant as toDate, termsOfRow, truthy, type TermsRow } from '../utils/rows';
import { getService } from '../utils/get-service';

/**
 * The challenge boards: one per challenge, ordered by daysDone (desc) then progressAt (asc: who got
 * there first), kept in the leaderboard plugin's stores with its score encoding (encodeScore(daysDone,
 * progressAt)). They live in a namespace of their own, so the leaderboard's rebuild and its per-user
 * placement never touch them:
 * - Redis: a sorted set `chb:{<challenge id>}` (outside `lb:`, which the leaderboard's rebuild swaps);
 * - SQL: the table `challenge_board_entries` (same shape as `leaderboard_entries`).
 * The participant rows are the source of truth: `rebuild(challengeId)` rewrites a board from
 * challenge_participants, and a read that finds a board empty while participants exist rebuilds it
 * (a flushed Redis heals without a restart).
 */
export const BOARD_TABLE = 'challenge_board_entries';
export const boardKey = (challengeId: number) => `chb:{${challengeId}}`;
/** Neighbours shown on each side of the caller on /board/me. */
export const AROUND = 2;

export type ParticipantScore = { userId: number; status: string; daysDone: number; progressAt: Date | null; joinedAt: Date };
export type BoardEntry = { rank: number; nickname: string | null; avatar: string | null; daysDone: number; daysNeeded: number; reachedAt: string | null; isMe: boolean };
export type BoardChallenge = { id: number; documentId: string; daysNeeded: number; participantsCount: number };

/** Who is on the board: everyone who joined and has not left (0 days too: the board is the field). */
export const boardScore = (row: ParticipantScore): number | null =>
  row.status === 'left' ? null : encodeScore(Math.min(Math.max(0, row.daysDone), MAX_SCORE), row.progressAt ?? row.joinedAt);


const boardService = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: BoardStore | null = null;
  const knex = () => strapi.db.connection;

  const service = {
    /** Pick and prepare the store (bootstrap): Redis when the app has it, the SQL table otherwise. */
    async init(): Promise<BoardStore> {
      const redis = keyValueStore(strapi).redis;
      if (redis) {
        store = createRedisBoardStore(redis, async () => {
          if (redis.status === 'wait') await redis.connect().catch(() => undefined);
          if (redis.status !== 'ready') {
            throw serviceUnavailableError('Challenge boards are unavailable right now; try again shortly', { reason: 'store_unavailable' });
          }
        });
      } else {
        await ensureBoardTables(knex(), BOARD_TABLE);
        store = createSqlBoardStore(knex(), BOARD_TABLE);
      }
      return store;
    },

    store(): BoardStore {
      if (!store) throw new Error('challenge board store used before bootstrap');
      return store;
    },

    /** Put participants' current scores on their challenge's board (after progress was saved). */
    async put(challengeId: number, rows: readonly ParticipantScore[]): Promise<void> {
      if (rows.length === 0) return;
      await service.store().putScores(boardKey(challengeId), rows.map((row) => ({ userId: row.userId, score: boardScore(row) })));
    },

    /** The board rewritten from challenge_participants (the source of truth). Returns its size. */
    async rebuild(challengeId: number): Promise<number> {
      const rows = await knex()(TABLES.participants)
        .where({ challenge_id: challengeId })
        .whereNot({ status: 'left' })
        .select('user_id', 'status', 'days_done', 'progress_at', 'joined_at');
      const scores = rows.map((row: Record<string, unknown>) => ({
        userId: Number(row.user_id),
        score: boardScore({ userId: Number(row.user_id), status: String(row.status), daysDone: Number(row.days_done), progressAt: toDate(row.progress_at), joinedAt: toDate(row.joined_at) ?? new Date(0) }),
      }));
      await service.store().putScores(boardKey(challengeId), scores, { replace: true });
      return scores.length;
    },

    /** Every open challenge's board rewritten (by hand, or after the store was lost). */
    async rebuildAll(): Promise<number> {
      const ids = await knex()(TABLES.challenges).where({ state: 'open' }).pluck('id');
      for (const id of ids) await service.rebuild(Number(id));
      return ids.length;
    },

    /**
     * A challenge the viewer may open, by documentId; 404 otherwise. The detail's rule (services/challenges.ts
     * visibleRow): official and published for anyone; a user-made or pending one for its creator and its
     * participants only, so the names on a friends' board stay among friends.
     */
    async challenge(documentId: string, viewerId: number | null): Promise<BoardChallenge> {
      const row = await getService(strapi, 'challenges').visibleRow(documentId, viewerId === null ? null : { id: viewerId });
      return { id: Number(row.id), documentId: String(row.document_id), daysNeeded: daysNeededOf(termsOfRow(row as unknown as TermsRow)), participantsCount: Number(row.participants_count ?? 0) };
    },

    /** A board read; a board found empty while the challenge has participants is rebuilt first. */
    async readHealing<T extends { total: number }>(challenge: BoardChallenge, read: () => Promise<T>): Promise<T> {
      const first = await read();
      if (first.total > 0) return first;
      const present = await knex()(TABLES.participants).where({ challenge_id: challenge.id }).whereNot({ status: 'left' }).first('id');
      if (!present) return first;
      await service.rebuild(challenge.id);
      return read();
    },

    /** Names, avatars and reachedAt of the users shown (blocked or deleted accounts show no name). */
    async entries(challenge: BoardChallenge, ranked: Ranked[], firstRank: number, viewerId: number | null): Promise<BoardEntry[]> {
      if (ranked.length === 0) return [];
      const ids = ranked.map((entry) => entry.userId);
      const rows: Array<Record<string, unknown>> = await knex()(`${TABLES.participants} as p`)
        .join('up_users as u', 'u.id', 'p.user_id')
        .where('p.challenge_id', challenge.id)
        .whereIn('p.user_id', ids)
        .select('p.user_id', 'p.reached_at', 'u.nickname', 'u.avatar', 'u.blocked', 'u.deleted_at');
      const byUser = new Map(rows.map((row) => [Number(row.user_id), row]));
      return ranked.map((entry, i) => {
        const row = byUser.get(entry.userId);
        const hidden = !row || truthy(row.blocked) || (row.deleted_at !== null && row.deleted_at !== undefined);
        const reachedAt = toDate(row?.reached_at);
        return {
          rank: firstRank + i,
          nickname: hidden ? null : ((row?.nickname as string | null) ?? null),
          avatar: hidden ? null : ((row?.avatar as string | null) ?? null),
          daysDone: decodeScore(entry.score).score,
          daysNeeded: challenge.daysNeeded,
          reachedAt: reachedAt ? reachedAt.toISOString() : null,
          isMe: viewerId !== null && entry.userId === viewerId,
        };
      });
    },

    /** GET /challenges/:documentId/board: a page, best first, and the board's size. */
    async page(documentId: string, offset: number, limit: number, viewerId: number | null) {
      const challenge = await service.challenge(documentId, viewerId);
      const { entries, total } = await service.readHealing(challenge, () => service.store().page(boardKey(challenge.id), offset, limit));
      return { data: await service.entries(challenge, entries, offset + 1, viewerId), meta: { total } };
    },

    /** GET /challenges/:documentId/board/me: the caller's place and the entries around it. */
    async mine(documentId: string, userId: number) {
      const challenge = await service.challenge(documentId, userId);
      const place = await service.readHealing(challenge, () => service.store().around(boardKey(challenge.id), userId, AROUND));
      return {
        data: {
          rank: place.rank,
          daysDone: place.rank === null ? 0 : decodeScore(place.score).score,
          daysNeeded: challenge.daysNeeded,
          total: place.total,
          around: await service.entries(challenge, place.entries, place.firstRank, userId),
        },
      };
    },
  };
  return service;
};

export type BoardService = ReturnType<typeof boardService>;
export default boardService;
