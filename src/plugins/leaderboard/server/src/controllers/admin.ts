import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { conflictError, ValidationError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { METRICS, PERIODS, SCOPES } from '../domain/boards';
import { getService } from '../utils/get-service';
import { adminEntriesQuerySchema } from '../validation/boards';

const REGIONS_LISTED = 500;

/** The admin page's API (admin JWT + the plugin's read / rebuild permissions, see routes/admin). */
const adminController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The regions users have, most populous first: the page's region picker. */
  const knownRegions = async () => {
    const knex = strapi.db.connection;
    const levels = async (columns: string[]) => {
      const rows = (await knex('up_users')
        .select(columns)
        .count({ n: '*' })
        .where((where) => columns.forEach((column) => where.whereNotNull(column).andWhere(column, '<>', '')))
        .groupBy(columns)
        .orderBy('n', 'desc')
        .limit(REGIONS_LISTED)) as Array<Record<string, string>>;
      return rows.map((row) => columns.map((column) => row[column]).join('/'));
    };
    const [province, city, district] = await Promise.all([levels(['province']), levels(['province', 'city']), levels(['province', 'city', 'district'])]);
    return { province, city, district };
  };

  const rebuildStatus = async () => {
    const rebuild = getService(strapi, 'rebuild');
    const [running, last] = await Promise.all([rebuild.running(), rebuild.last()]);
    return { running: running !== null, current: running, last };
  };

  return {
    /** What the page opens with: the choices, the known regions (three GROUP BYs over the users) and the rebuild status. */
    async overview(ctx: Context) {
      const [regions, rebuild] = await Promise.all([knownRegions(), rebuildStatus()]);
      ctx.body = {
        data: { backend: getService(strapi, 'boards').store().backend, metrics: METRICS, scopes: SCOPES, periods: PERIODS, regions, rebuild },
      };
    },

    /** The rebuild status alone: what the page polls while a rebuild runs (two reads of the store, no user scan). */
    async rebuildStatus(ctx: Context) {
      ctx.body = { data: await rebuildStatus() };
    },

    async entries(ctx: Context) {
      const query = parseOrThrow(adminEntriesQuerySchema, ctx.query, 'query');
      if (query.scope !== 'national' && !query.region) throw new ValidationError(`Pick a region for a ${query.scope} board`, { field: 'region' });
      const ref = { metric: query.metric, scope: query.scope, region: query.region ?? null, period: query.period };
      const page = await getService(strapi, 'boards').page(ref, 0, query.limit, new Date());
      ctx.body = {
        data: page.entries,
        meta: { board: { metric: ref.metric, scope: ref.scope, region: ref.region, period: page.period }, total: page.total },
      };
    },

    async rebuild(ctx: Context) {
      const rebuild = getService(strapi, 'rebuild');
      const running = await rebuild.running();
      const busy = (since: string | null, trigger: string | null) =>
        conflictError(`A rebuild is already running${trigger ? ` (${trigger}` : ''}${since ? `, since ${since}` : ''}${trigger ? ')' : ''}; wait for it to finish`, {
          reason: 'rebuild_running',
          runningSince: since,
        });
      if (running) throw busy(running.startedAt, running.trigger);
      const outcome = rebuild.start('admin');
      // Taking the lock is the first thing a run does: wait for that much, so a lost race is a 409 too.
      const early = await Promise.race([outcome, new Promise<null>((resolve) => setTimeout(() => resolve(null), 250))]);
      if (early && !early.ran) throw busy(early.runningSince, early.trigger);
      ctx.status = 202;
      ctx.body = { data: { started: true, finished: early?.ran ?? false } };
    },
  };
};

export default adminController;
