import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { conflictError, ValidationError } from '../../../../../utils/errors';
import { gamification, type IdempotentRequest, type StoredAnswer } from '../../../../gamification/public';
import { UIDS } from '../content-types';
import { instantFrom } from '../domain/stats';
import { getService } from '../utils/get-service';
import type { RelapseInput } from '../validation/requests';
import { timezoneOf, type QuitUser } from './context';
import { INSERT_RELAPSE } from './sql';
import { idempotentWrite } from './writes';

type RelapseRow = { documentId: string; at: string | Date; count: number; note: string | null; localDate: string };

export type RelapseView = { documentId: string; at: string; count: number; note: string | null; localDate: string };

const view = (row: RelapseRow): RelapseView => ({
  documentId: row.documentId,
  at: new Date(row.at).toISOString(),
  count: Number(row.count),
  note: row.note ?? null,
  localDate: String(row.localDate).slice(0, 10),
});

/**
 * Relapses, recorded honestly: the smoke-free clock restarts at the last one, and the history is kept.
 * `at` is an instant between the quit time and now; its local day (in the user's timezone when logged) is stored with it.
 */
const relapsesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/quit/relapses: 201 with the relapse, or the first answer to a retried key. */
  async record(user: QuitUser, input: RelapseInput, idempotent: IdempotentRequest): Promise<StoredAnswer> {
    const timezone = timezoneOf(user);
    const { quitAt } = await getService(strapi, 'profile').facts(user.id);
    const settings = await gamification(strapi, 'settings').get();
    return idempotentWrite(strapi, user.id, idempotent, async (sql, now) => {
      const at = input.at === undefined ? now : instantFrom(input.at, timezone);
      if (!at) throw new ValidationError('at is not a date-time', { field: 'at' });
      if (at.getTime() > now.getTime()) throw new ValidationError('at is in the future', { field: 'at', reason: 'future' });
      if (!quitAt) throw conflictError('Set a quit date first (PUT /api/quit/profile)', { reason: 'no_quit_date' });
      if (at.getTime() < quitAt.getTime()) throw new ValidationError('at is before your quit date', { field: 'at', reason: 'before_quit_date' });
      const localDate = gamification(strapi, 'clock').localDay(user, at);
      const documentId = crypto.randomBytes(12).toString('hex');
      const note = input.note ? input.note : null;
      await sql.rows(INSERT_RELAPSE, [documentId, user.id, at, input.count, note, localDate, now, now, now]);
      // The check-in rule of quit habits (gamification settings): the relapse day is not checked in.
      const undone = settings.quitRelapseRule === 'dayNotCheckedIn' ? await gamification(strapi, 'checkIns').undoDay(sql, user.id, localDate, 'quit', now, settings) : [];
      return { statusCode: 201, body: { data: view({ documentId, at, count: input.count, note, localDate }), meta: { undoneCheckIns: undone } } };
    });
  },

  /** GET /api/quit/relapses: the newest first. */
  async list(userId: number, limit = 50): Promise<RelapseView[]> {
    const rows = (await strapi.db.query(UIDS.relapse).findMany({
      where: { user: { id: userId } },
      select: ['documentId', 'at', 'count', 'note', 'localDate'],
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      limit,
    })) as RelapseRow[];
    return rows.map(view);
  },

  /** Every relapse instant of the user (for the smoke-free clock). */
  async instants(userId: number): Promise<Date[]> {
    const rows = (await strapi.db.query(UIDS.relapse).findMany({ where: { user: { id: userId } }, select: ['at'] })) as Array<{ at: string | Date }>;
    return rows.map((r) => new Date(r.at));
  },

  /** Relapses (records and cigarettes) since `since`. */
  async since(userId: number, since: Date): Promise<{ records: number; cigarettes: number }> {
    const rows = (await strapi.db.query(UIDS.relapse).findMany({ where: { user: { id: userId }, at: { $gte: since } }, select: ['count'] })) as Array<{ count: number }>;
    return { records: rows.length, cigarettes: rows.reduce((sum, r) => sum + Number(r.count), 0) };
  },

});

export type RelapsesService = ReturnType<typeof relapsesService>;
export default relapsesService;
