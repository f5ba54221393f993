import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { keyValueStore } from '../../../../../services/key-value';
import { TABLES } from '../content-types';

/**
 * View counts without a write per view on the post row: each view is an increment in the shared store
 * (Redis HINCRBY on one hash when REDIS_URL is set, a map in this process otherwise), and a locked job
 * (bootstrap, `viewFlushCron`) adds what was counted to `view_count` in one statement per batch.
 *
 * A flush first moves the hash aside under a name of its own (RENAME is atomic), so views counted while
 * it writes land in a fresh hash for the next flush; if the write fails, the counts are added back.
 */
// One hash tag, so the pending hash and the ones being flushed share a Redis Cluster slot (RENAME needs it).
const PENDING_KEY = '{community:views}:pending';
const FLUSHING_PREFIX = '{community:views}:flushing:';
const BATCH = 500;

const memoryCounts = new WeakMap<Core.Strapi, Map<number, number>>();

const viewsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => keyValueStore(strapi);
  const redis = async () => {
    const { redis: client } = store();
    if (!client) return null;
    // The store connects lazily and queues nothing offline: ping connects it (or throws while Redis is down).
    if (client.status !== 'ready') await store().ping();
    return client;
  };
  const memory = () => {
    let counts = memoryCounts.get(strapi);
    if (!counts) memoryCounts.set(strapi, (counts = new Map()));
    return counts;
  };

  /** Add the counts to the posts' view_count, in batches (one UPDATE per batch, one transaction). */
  const apply = async (counts: Map<number, number>) => {
    const entries = [...counts].filter(([id, count]) => Number.isInteger(id) && id > 0 && count > 0);
    if (entries.length === 0) return 0;
    const knex = strapi.db.connection;
    await knex.transaction(async (trx) => {
      for (let i = 0; i < entries.length; i += BATCH) {
        const batch = entries.slice(i, i + BATCH);
        // knex: one UPDATE adds every post's count of the batch (the Query Engine would write row by row).
        await trx(TABLES.posts)
          .whereIn('id', batch.map(([id]) => id))
          .update({
            view_count: trx.raw(`view_count + CASE id ${batch.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`, batch.flatMap(([id, count]) => [id, count])),
          });
      }
    });
    return entries.reduce((sum, [, count]) => sum + count, 0);
  };

  return {
    /**
     * Count one view of post `postId`; returns the views counted and not yet flushed (this one included),
     * which the answer adds to the stored count. Never fails the read it belongs to (0 then).
     */
    async count(postId: number): Promise<number> {
      try {
        const client = await redis();
        if (client) return await client.hincrby(PENDING_KEY, String(postId), 1);
        const pending = (memory().get(postId) ?? 0) + 1;
        memory().set(postId, pending);
        return pending;
      } catch (error) {
        strapi.log.warn(`[community] a view of post ${postId} was not counted: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      }
    },

    /** Views counted and not yet added to the posts (what the next flush adds). */
    async pending(postId: number): Promise<number> {
      const client = await redis();
      if (client) return Number((await client.hget(PENDING_KEY, String(postId))) ?? 0);
      return memory().get(postId) ?? 0;
    },

    /** Add the counted views to the posts' view_count; returns how many views were added. */
    async flushViews(): Promise<number> {
      const client = await redis();
      if (!client) {
        const counts = memory();
        if (counts.size === 0) return 0;
        memoryCounts.set(strapi, new Map());
        try {
          return await apply(counts);
        } catch (error) {
          for (const [id, count] of counts) memory().set(id, (memory().get(id) ?? 0) + count);
          throw error;
        }
      }
      const flushing = `${FLUSHING_PREFIX}${crypto.randomBytes(8).toString('hex')}`;
      try {
        await client.rename(PENDING_KEY, flushing);
      } catch (error) {
        if (error instanceof Error && /no such key/i.test(error.message)) return 0;
        throw error;
      }
      const raw = await client.hgetall(flushing);
      const counts = new Map(Object.entries(raw).map(([id, count]) => [Number(id), Number(count)]));
      try {
        const added = await apply(counts);
        await client.del(flushing);
        return added;
      } catch (error) {
        // Put the counts back for the next flush: a view is never lost to a failed write.
        const pipeline = client.multi();
        for (const [id, count] of counts) pipeline.hincrby(PENDING_KEY, String(id), count);
        pipeline.del(flushing);
        await pipeline.exec();
        throw error;
      }
    },
  };
};

export type ViewsService = ReturnType<typeof viewsService>;
export default viewsService;
