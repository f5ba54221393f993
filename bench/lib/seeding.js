/**
 * What the seeded-template scenarios (leaderboard, history) share: how a template database is recognised,
 * how a seeding session goes fast, and the bench's Redis database wiped.
 */
'use strict';

const Redis = require('ioredis');

/** What the schema looks like (columns, indexes, constraints): a seeded template is reused only for the same. */
const schemaFingerprint = async (client) => {
  const { rows: [row] } = await client.query(
    `SELECT md5(string_agg(x, ',' ORDER BY x)) AS hash FROM (
       SELECT table_name || '.' || column_name || ':' || data_type AS x FROM information_schema.columns WHERE table_schema = 'public'
       UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
       UNION ALL SELECT conname || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     ) s`,
  );
  return row.hash;
};

/** A text as an SQL literal (COMMENT ON DATABASE takes no parameters). */
const escapeLiteral = (text) => `'${text.replace(/'/g, "''")}'`;

/** Empty the bench's own Redis database. */
const flushRedis = async (url) => {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  redis.disconnect();
};

/** Runs `work`, appending its wall time to `steps` as `label` (and logging it when `log` is given). */
const timed = async (steps, label, work, log) => {
  const started = process.hrtime.bigint();
  const result = await work();
  steps.push({ step: label, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  log?.(`[seed] ${label}: ${steps.at(-1).seconds.toFixed(1)} s`);
  return result;
};

module.exports = { schemaFingerprint, escapeLiteral, flushRedis, timed };
