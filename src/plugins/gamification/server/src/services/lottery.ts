import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { ValidationError } from '../../../../../utils/errors';
import { invalidatePublic } from '../../../../../services/public-cache';
import { PUBLIC_UIDS } from '../content-types';
import { pickWeighted } from '../domain';
import { LOTTERY_SQL, USER_SQL } from '../statements';
import { getService } from '../utils/get-service';
import { calendarDate, isoInstant } from '../utils/rows';
import type { IdempotentRequest, StoredAnswer } from './idempotency';

/** Emitted after a draw commits (not for a replayed idempotent one): the app's metrics count draws. */
export const LOTTERY_DRAWN_EVENT = 'gamification.lottery.drawn';
export type LotteryDrawn = { userId: number; isWinner: boolean };

type LotteryUser = { id: number; timezone?: string | null; dayStartHour?: number | null };
type PrizeRow = { id: number; document_id: string; name: string; kind: string; amount: number | null; weight: number; stock: number };

/**
 * The lottery (seed 002). A draw is one transaction: spend the cost through the ledger (a conditional
 * UPDATE that also takes the user's row lock, so the daily cap is counted one draw at a time), pick
 * with crypto.randomInt over the active prizes in stock plus the no-prize outcome, take one unit of a
 * limited prize with a conditional UPDATE (gone in between: pick again among the rest, never oversell),
 * record the draw, and pay a points, makeup-card or VIP-days prize.
 */
const lotteryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');

  return {
    /** GET /api/lottery/prizes: active prizes with what is left, the cost and today's draws left. */
    async prizes(user: LotteryUser) {
      const settings = await getService(strapi, 'settings').get();
      const sql = getService(strapi, 'sql');
      const [rows, [today]] = await Promise.all([
        sql.rows<PrizeRow & { description: string | null }>(LOTTERY_SQL.listedPrizes, [true]),
        sql.rows<{ n: number | string }>(LOTTERY_SQL.drawsOnDay, [user.id, clock().localDay(user)]),
      ]);
      return {
        data: rows.map((row) => ({
          documentId: row.document_id,
          name: row.name,
          description: row.description,
          kind: row.kind,
          amount: row.amount,
          weight: Number(row.weight),
          stock: Number(row.stock),
          available: Number(row.stock) !== 0,
        })),
        meta: { cost: settings.drawCost, drawsPerDay: settings.drawsPerDay, drawsLeftToday: Math.max(0, settings.drawsPerDay - Number(today.n)), noPrize: settings.noPrizeName },
      };
    },

    /** POST /api/lottery/draw */
    async draw(user: LotteryUser, idempotent?: IdempotentRequest): Promise<StoredAnswer> {
      const idempotency = getService(strapi, 'idempotency');
      if (idempotent) {
        const stored = await idempotency.find(null, user.id, idempotent);
        if (stored) return stored;
      }
      const settings = await getService(strapi, 'settings').get();
      const now = clock().now();
      const today = clock().localDay(user);

      const drawId = crypto.randomBytes(12).toString('hex');
      let stockTaken = false;
      let isWinner = false;
      return getService(strapi, 'sql').transaction(async (sql) => {
        // The spend locks the user's row: from here on this user's draws run one at a time.
        const spent = await getService(strapi, 'ledger').apply(sql, user.id, [{ amount: -settings.drawCost, reason: 'lottery', sourceType: 'lottery', sourceId: drawId }], now);
        if (idempotent) {
          const stored = await idempotency.find(sql, user.id, idempotent);
          if (stored) throw new StoredAnswerFound(stored);
        }
        const [{ n }] = await sql.rows<{ n: number | string }>(LOTTERY_SQL.drawsOnDay, [user.id, today]);
        if (Number(n) >= settings.drawsPerDay) {
          throw new ValidationError(`今日抽奖次数已用完: at most ${settings.drawsPerDay} draws a day`, { reason: 'daily_limit', drawsPerDay: settings.drawsPerDay });
        }

        const candidates: Array<PrizeRow | null> = [...(await sql.rows<PrizeRow>(LOTTERY_SQL.drawablePrizes, [true])), null];
        const weightOf = (c: PrizeRow | null) => (c ? Number(c.weight) : settings.noPrizeWeight);
        let won: PrizeRow | null = null;
        for (;;) {
          const index = pickWeighted(candidates.map((c) => ({ weight: weightOf(c) })), (max) => crypto.randomInt(max));
          const picked = index < 0 ? null : candidates[index];
          if (!picked) break;
          const unlimited = Number(picked.stock) === -1;
          if (unlimited || (await sql.rows(LOTTERY_SQL.takePrize, [picked.id])).length > 0) {
            won = picked;
            stockTaken = !unlimited;
            break;
          }
          // Its last unit went to another draw after we listed it: pick again among the rest.
          candidates.splice(index, 1);
        }

        isWinner = won !== null;
        const [record] = await sql.rows<{ id: number; document_id: string }>(LOTTERY_SQL.insertDraw, [
          drawId, user.id, won?.id ?? null, won?.name ?? settings.noPrizeName, won?.kind ?? null,
          won?.amount ?? null, won !== null, settings.drawCost, today, now, now, now,
        ]);
        let balance = spent.balance;
        const amount = Number(won?.amount ?? 0);
        if (won?.kind === 'points' && amount > 0) {
          balance = (await getService(strapi, 'ledger').apply(sql, user.id, [{ amount, reason: 'lottery-prize', sourceType: 'lottery', sourceId: record.document_id }], now)).balance;
        }
        if (won?.kind === 'makeupCard' && amount > 0) await sql.rows(USER_SQL.addMakeupCards, [amount, user.id]);
        let membership: Record<string, unknown> | undefined;
        if (won?.kind === 'vipDays' && amount > 0) {
          // A higher tier in force keeps its time; the VIP days are then not added (said in the answer).
          membership = await getService(strapi, 'memberships')
            .extend(sql, user.id, 'vip', amount, now)
            .catch((error: unknown) => {
              if ((error as { details?: { reason?: string } }).details?.reason !== 'higher_tier_active') throw error;
              return { kept: (error as { details: { tier: string } }).details.tier };
            });
        }

        const answer: StoredAnswer = {
          statusCode: 201,
          body: {
            data: {
              documentId: record.document_id,
              isWinner: won !== null,
              prize: won ? { documentId: won.document_id, name: won.name, kind: won.kind, amount: won.amount } : null,
              prizeName: won?.name ?? settings.noPrizeName,
              cost: settings.drawCost,
              localDate: today,
            },
            meta: { balance, drawsLeftToday: Math.max(0, settings.drawsPerDay - Number(n) - 1), ...(membership ? { membership } : {}) },
          },
        };
        if (idempotent) await idempotency.save(sql, user.id, idempotent, answer, now);
        return answer;
      }).then(async (answer) => {
        // Committed: the public prize lists (GET /api/prizes) show the new stock from the next request on.
        const drawn: LotteryDrawn = { userId: user.id, isWinner };
        void strapi.eventHub.emit(LOTTERY_DRAWN_EVENT, drawn);
        if (stockTaken) await invalidatePublic(strapi, PUBLIC_UIDS.prizes);
        return answer;
      }).catch((error: unknown) => {
        if (error instanceof StoredAnswerFound) return error.answer;
        throw error;
      });
    },

    /** GET /api/lottery/records?page=&pageSize= */
    async records(userId: number, page: number, pageSize: number) {
      const sql = getService(strapi, 'sql');
      type Row = { document_id: string; prize_name: string; prize_kind: string | null; prize_amount: number | null; is_winner: boolean | number; cost: number; local_date: unknown; created_at: unknown; prize_document_id: string | null };
      const [rows, [count]] = await Promise.all([
        sql.rows<Row>(LOTTERY_SQL.listDraws, [userId, pageSize, (page - 1) * pageSize]),
        sql.rows<{ n: number | string }>(LOTTERY_SQL.countDraws, [userId]),
      ]);
      const total = Number(count.n);
      return {
        data: rows.map((row) => ({
          documentId: row.document_id,
          isWinner: Boolean(row.is_winner),
          prizeName: row.prize_name,
          prize: row.prize_document_id ? { documentId: row.prize_document_id, kind: row.prize_kind, amount: row.prize_amount } : null,
          cost: Number(row.cost),
          localDate: calendarDate(row.local_date),
          createdAt: isoInstant(row.created_at),
        })),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};

/** A retry whose first answer committed while it waited for the lock: roll back its own spend, replay. */
class StoredAnswerFound extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('stored answer');
  }
}

export type LotteryService = ReturnType<typeof lotteryService>;
export default lotteryService;
