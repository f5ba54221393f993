import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { addDays } from '../../../../../utils/clock';
import { ValidationError } from '../../../../../utils/errors';
import { gamification, type IdempotentRequest, type StoredAnswer } from '../../../../gamification/public';
import { UIDS } from '../content-types';
import { cravingStats, daysBetween, hourDistribution, instantFrom, localDateHour, meanIntensity, peakHours, type CravingFacts, type Trigger } from '../domain/stats';
import { quitConfig } from '../utils/get-service';
import type { CravingInput, CravingListQuery } from '../validation/requests';
import { timezoneOf, type QuitUser } from './context';
import { INSERT_CRAVING } from './sql';
import { idempotentWrite } from './writes';

type CravingRow = {
  documentId: string; at: string | Date; intensity: number; trigger: Trigger; note: string | null; resisted: unknown;
  localDate: string; localHour: number; timezone: string;
};

export type CravingView = {
  documentId: string; at: string; intensity: number; trigger: Trigger; note: string | null; resisted: boolean;
  localDate: string; localHour: number; timezone: string;
};

const view = (row: CravingRow): CravingView => ({
  documentId: row.documentId,
  at: new Date(row.at).toISOString(),
  intensity: Number(row.intensity),
  trigger: row.trigger,
  note: row.note ?? null,
  resisted: row.resisted === true || row.resisted === 1 || row.resisted === '1' || row.resisted === 't',
  localDate: String(row.localDate).slice(0, 10),
  localHour: Number(row.localHour),
  timezone: row.timezone,
});

const COLUMNS = ['documentId', 'at', 'intensity', 'trigger', 'note', 'resisted', 'localDate', 'localHour', 'timezone'];

/**
 * Cravings. Each keeps its instant AND its local day and hour in the timezone the user had when it was
 * logged (stored at write time): a craving at 23:30 in Shanghai stays a 23:00 craving of that day after the
 * user moves to New York, as they lived it. Ranges and day buckets read the stored local day; "today"
 * (the end of a stats window) is the user's current local day.
 */
const cravingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => gamification(strapi, 'clock');
  const rowsBetween = async (userId: number, startDate: string, endDate: string, limit?: number) =>
    ((await strapi.db.query(UIDS.craving).findMany({
      where: { user: { id: userId }, localDate: { $gte: startDate, $lte: endDate } },
      select: COLUMNS,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      ...(limit ? { limit } : {}),
    })) as CravingRow[]).map(view);

  return {
    /** POST /api/cravings: 201 with the craving, or the first answer to a retried key. */
    async record(user: QuitUser, input: CravingInput, idempotent: IdempotentRequest): Promise<StoredAnswer> {
      const timezone = timezoneOf(user);
      return idempotentWrite(strapi, user.id, idempotent, async (sql, now) => {
        const at = input.at === undefined ? now : instantFrom(input.at, timezone);
        if (!at) throw new ValidationError('at is not a date-time', { field: 'at' });
        if (at.getTime() > now.getTime()) throw new ValidationError('at is in the future', { field: 'at', reason: 'future' });
        const { date, hour } = localDateHour(at, timezone);
        const documentId = crypto.randomBytes(12).toString('hex');
        const note = input.note ? input.note : null;
        await sql.rows(INSERT_CRAVING, [documentId, user.id, at, input.intensity, input.trigger, note, input.resisted, date, hour, timezone, now, now, now]);
        const craving: CravingView = { documentId, at: at.toISOString(), intensity: input.intensity, trigger: input.trigger, note, resisted: input.resisted, localDate: date, localHour: hour, timezone };
        return { statusCode: 201, body: { data: craving, meta: {} } };
      });
    },

    /** GET /api/cravings: the newest first, capped; the summary covers the whole range. */
    async list(userId: number, query: CravingListQuery) {
      const { cravingPageSize, cravingRangeDays } = quitConfig(strapi);
      if (daysBetween(query.startDate, query.endDate).length > cravingRangeDays) {
        throw new ValidationError(`The range is at most ${cravingRangeDays} days`, { field: 'endDate', reason: 'range_too_long' });
      }
      const all = await rowsBetween(userId, query.startDate, query.endDate);
      const hours = hourDistribution(all);
      return {
        data: all.slice(0, cravingPageSize),
        meta: {
          startDate: query.startDate,
          endDate: query.endDate,
          total: all.length,
          truncated: all.length > cravingPageSize,
          meanIntensity: meanIntensity(all),
          peakHours: peakHours(hours),
        },
      };
    },

    /** GET /api/cravings/stats?days=N: the N local days up to today (the user's timezone now). */
    async stats(user: QuitUser, days: number) {
      const end = clock().localDay(user);
      const start = addDays(end, -(days - 1));
      const rows: CravingFacts[] = await rowsBetween(user.id, start, end);
      return cravingStats(rows, start, end);
    },
  };
};

export type CravingsService = ReturnType<typeof cravingsService>;
export default cravingsService;
