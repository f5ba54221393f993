import type { Core } from '@strapi/strapi';
import { ApplicationError } from '../../../../utils/errors';
import { UIDS } from './content-types';
import { getService } from './utils/get-service';
import { scheduleLockedJob } from '../../../../services/jobs';
import { leavesOwnedListsAlone } from '../../../../utils/owned-list';
import { EARNED_SQL } from './domain/earned';

/** Scheduled jobs of this plugin, stopped on destroy. */
export const jobs: { expireMemberships?: { stop(): void } } = {};

type DocumentContext = { uid: string; action: string; params: { data?: Record<string, unknown> } };

/**
 * Admin point grants become ledger entries; the settings cache forgets old rules when an editor saves.
 * A Document Service middleware sees every write, whether from the admin panel or from code.
 */
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await backfillRankingCounters(strapi);

  // An admin permission, so a super admin can let editors generate redeem codes (admin API).
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Generate redeem codes', uid: 'redeem-batches.create', pluginName: 'gamification' },
  ]);

  // Memberships past their expiry are free on every read at once; this writes them down daily, on one
  // instance (the job takes a lock in the shared store).
  if (process.env.NODE_ENV !== 'test') {
    jobs.expireMemberships = scheduleLockedJob(strapi, {
      name: 'gamification:expire-memberships',
      cron: '5 0 * * *',
      lockSeconds: 600,
      run: () => getService(strapi, 'memberships').expireDue(),
    });
  }

  // Acts on the settings and points-grant types only, so owned lists keep their fast path.
  strapi.documents.use(leavesOwnedListsAlone(async (context, next) => {
    const ctx = context as unknown as DocumentContext;
    if (ctx.uid === UIDS.settings) {
      const result = await next();
      getService(strapi, 'settings').invalidate();
      return result;
    }
    if (ctx.uid !== UIDS.pointsGrant) return next();
    if (ctx.action === 'update' || ctx.action === 'delete' || ctx.action === 'publish' || ctx.action === 'unpublish') {
      throw new ApplicationError('A points grant cannot be changed or deleted: create a reverse grant instead');
    }
    if (ctx.action !== 'create') return next();

    const data = ctx.params.data ?? {};
    const amount = Number(data.amount);
    const reason = typeof data.reason === 'string' ? data.reason.trim() : '';
    const userId = relationId(data.user);
    if (!Number.isInteger(amount) || amount === 0) throw new ApplicationError('amount must be a whole number other than 0');
    if (reason.length < 2) throw new ApplicationError('reason is required');
    if (userId === null) throw new ApplicationError('user is required');

    const ledger = getService(strapi, 'ledger');
    const now = getService(strapi, 'clock').now();
    // The entry and the grant record are written in one transaction (the Document Service joins it),
    // so a grant the content type refuses (a 300-character reason, say) leaves no entry behind.
    // ledger.apply's conditional UPDATE holds the user's row until the grant record is written.
    return strapi.db.transaction(async ({ trx }) => {
      const line = { amount, reason: amount > 0 ? 'admin-grant' : 'admin-deduct', sourceType: 'points-grant', note: reason };
      const { entries } = await ledger.apply(trx, userId, [line], now);
      ctx.params.data = { ...data, reason, ledgerEntryId: entries[0].id };
      return next();
    });
  }));
};

/**
 * The ranking counters (points earned, and when each counter last changed) arrived after users already
 * had ledger rows and check-ins: fill them from that history once, on the first boot that has them.
 */
export const backfillRankingCounters = async (strapi: Core.Strapi) => {
  const done = strapi.store({ type: 'plugin', name: 'gamification', key: 'ranking-counters-backfilled' });
  if (await done.get({})) return;
  const knex = strapi.db.connection;
  const earned = EARNED_SQL('l');
  await knex.transaction(async (trx) => {
    await trx.raw(`
      UPDATE up_users SET
        points_earned = (SELECT coalesce(sum(${earned}), 0) FROM points_ledger l WHERE l.user_id = up_users.id),
        points_reached_at = (SELECT max(l.created_at) FROM points_ledger l WHERE l.user_id = up_users.id AND ${earned} <> 0)
      WHERE points_reached_at IS NULL AND EXISTS (SELECT 1 FROM points_ledger l WHERE l.user_id = up_users.id AND ${earned} <> 0)`);
    await trx.raw(`
      UPDATE up_users SET days_reached_at = (SELECT max(c.created_at) FROM check_ins c WHERE c.user_id = up_users.id)
      WHERE days_reached_at IS NULL AND total_check_in_days > 0`);
    await trx.raw(`
      UPDATE up_users SET streak_reached_at = (SELECT max(c.created_at) FROM check_ins c WHERE c.user_id = up_users.id)
      WHERE streak_reached_at IS NULL AND consecutive_days > 0`);
  });
  await done.set({ value: true });
};

/** The admin sends a relation as an id, `{ id }`, or `{ connect: [{ id }] }`. */
const relationId = (value: unknown): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (value && typeof value === 'object') {
    const object = value as { id?: unknown; connect?: unknown; set?: unknown };
    if (object.id !== undefined) return relationId(object.id);
    const list = (object.connect ?? object.set) as unknown;
    if (Array.isArray(list) && list.length > 0) return relationId(list[0]);
  }
  return null;
};

export default bootstrap;
