#!/usr/bin/env node
/**
 * The plans of the per-user reads of the stats screens, before (every check-in of the user or the habit
 * sent to Node) and after (the database counts), for the first loyal user of a seeded history database.
 * The "after" texts are the compiled statements themselves (dist/, as `npm run bench` compiles them).
 *
 *   node bench/history/explain.js <database-url>
 */
'use strict';

const path = require('node:path');
const { Client } = require('pg');
const { PREFIX } = require('./seed');

const dist = path.resolve(__dirname, '..', '..', 'dist', 'src', 'plugins', 'gamification', 'server', 'src', 'statements.js');
const { STATS_SQL, CHECK_IN_SQL, completionBucketsQuery } = require(dist);

const numbered = (text) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

const main = async () => {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node bench/history/explain.js <database-url>');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [user] } = await client.query(`SELECT id FROM up_users WHERE username LIKE $1 ORDER BY id LIMIT 1`, [`${PREFIX.loyal}%`]);
    const { rows: habits } = await client.query(`SELECT id, document_id, to_char(start_date, 'YYYY-MM-DD') AS start FROM habits WHERE user_id = $1 ORDER BY sort_order`, [user.id]);
    const { rows: [{ today, yesterday, from7 }] } = await client.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS today, to_char(d - 1, 'YYYY-MM-DD') AS yesterday, to_char(d - 6, 'YYYY-MM-DD') AS from7
         FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS d) t`,
    );
    const todayNumber = Math.round(Date.parse(`${today}T00:00:00Z`) / 86400000);
    const dayNumber = (date) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86400000);
    const buckets = completionBucketsQuery(true, user.id, today, habits.map((h) => ({ id: h.id, start: dayNumber(h.start), rule: { type: 'daily', today: todayNumber } })));
    const plans = [
      ['before: GET /api/me/stats read every check-in of the user', 'SELECT habit_id, local_date FROM check_ins WHERE user_id = $1', [user.id]],
      ['after: the runs of days (total, longest, current)', STATS_SQL.userRuns.postgres, [user.id, today, yesterday]],
      ['after: the last 7 days', STATS_SQL.userDayCounts.postgres, [user.id, from7, today]],
      ['after: completion buckets of the 20 habits', numbered(buckets.text), buckets.params],
      ['GET /api/habits/:id/stats (unchanged): the days of one habit', 'SELECT local_date FROM check_ins WHERE habit_id = $1', [habits[0].id]],
      ['POST /api/check-ins (unchanged): check-ins.load-habit, with the habit\'s days as a comma list', CHECK_IN_SQL.loadHabit.postgres, [habits[0].document_id, user.id]],
    ];
    for (const [label, text, params] of plans) {
      // load-habit locks the user's row: explain it inside a transaction that is rolled back.
      await client.query('BEGIN');
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY ON) ${text}`, params);
      await client.query('ROLLBACK');
      let lines = rows.map((r) => r['QUERY PLAN']);
      console.log(`\n-- ${label}\n${lines.join('\n')}`);
    }
  } finally {
    await client.end();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
