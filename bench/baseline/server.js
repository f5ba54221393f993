#!/usr/bin/env node
/**
 * The raw baseline: Koa + pg, no framework, doing the same work as the platform's endpoints, so that
 * `npm run bench` reports the platform as a ratio of what the hardware can do in the same run.
 *
 *   GET  /api/habit-templates   active templates, first page of 25, plus the total count (as Strapi does)
 *   POST /api/check-ins         JWT auth, then one transaction: insert the check-in (unique per user,
 *                               habit, local day), credit 10 points with a conditional UPDATE, append the
 *                               ledger row; 409 on a second check-in the same day.
 *
 * Env: BASELINE_DATABASE_URL, PORT, JWT_SECRET.
 */
'use strict';

const Koa = require('koa');
const { Pool } = require('pg');
const jwt = require('jsonwebtoken');

const pool = new Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: Number(process.env.BASELINE_POOL_MAX || 10) });
// A key object made once, as the platform does (a string secret costs jsonwebtoken a failed public-key parse per call).
const secret = require('node:crypto').createSecretKey(Buffer.from(process.env.JWT_SECRET || 'baseline-secret'));

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bl_users (id serial PRIMARY KEY, timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  points_balance integer NOT NULL DEFAULT 0 CHECK (points_balance >= 0));
CREATE TABLE IF NOT EXISTS bl_habits (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES bl_users(id), title text NOT NULL);
CREATE TABLE IF NOT EXISTS bl_check_ins (id serial PRIMARY KEY, user_id integer NOT NULL, habit_id integer NOT NULL,
  local_date date NOT NULL, note text, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (user_id, habit_id, local_date));
CREATE TABLE IF NOT EXISTS bl_ledger (id serial PRIMARY KEY, user_id integer NOT NULL, amount integer NOT NULL,
  reason text NOT NULL, source_type text, source_id integer, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS bl_habit_templates (id serial PRIMARY KEY, document_id text, title text NOT NULL, description text,
  category text, kind text, icon text, color text, frequency_type text, times_per_week int, weekdays jsonb, interval_days int,
  goal_type text, goal_value int, goal_unit text, reminder_times jsonb, tags jsonb, sort_order int, active boolean,
  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(), published_at timestamptz DEFAULT now());
`;

const localDay = (timezone, instant = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

const fail = (ctx, status, name, message) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

const readJson = (ctx) =>
  new Promise((resolve, reject) => {
    let raw = '';
    ctx.req.on('data', (chunk) => (raw += chunk));
    ctx.req.on('end', () => {
      try {
        resolve(raw ? JSON.parse(raw) : {});
      } catch (error) {
        reject(error);
      }
    });
    ctx.req.on('error', reject);
  });

const listTemplates = async (ctx) => {
  const [rows, count] = await Promise.all([
    pool.query('SELECT * FROM bl_habit_templates WHERE active = true ORDER BY id LIMIT 25 OFFSET 0'),
    pool.query('SELECT count(*)::int AS n FROM bl_habit_templates WHERE active = true'),
  ]);
  const total = count.rows[0].n;
  ctx.body = { data: rows.rows, meta: { pagination: { page: 1, pageSize: 25, pageCount: Math.ceil(total / 25), total } } };
};

const checkIn = async (ctx) => {
  const header = ctx.get('authorization');
  let userId;
  try {
    userId = jwt.verify(header.replace(/^Bearer /, ''), secret).id;
  } catch {
    return fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
  }
  let body;
  try {
    body = await readJson(ctx);
  } catch {
    return fail(ctx, 400, 'ValidationError', 'Invalid JSON');
  }
  const habitId = Number(body?.data?.habit);
  if (!Number.isInteger(habitId)) return fail(ctx, 400, 'ValidationError', 'habit is required');

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const user = await client.query(
      'SELECT u.timezone FROM bl_users u JOIN bl_habits h ON h.user_id = u.id WHERE u.id = $1 AND h.id = $2',
      [userId, habitId],
    );
    if (user.rowCount === 0) {
      await client.query('ROLLBACK');
      return fail(ctx, 404, 'NotFoundError', 'habit not found among your records');
    }
    const inserted = await client.query(
      `INSERT INTO bl_check_ins (user_id, habit_id, local_date, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, habit_id, local_date) DO NOTHING RETURNING id, local_date, created_at`,
      [userId, habitId, localDay(user.rows[0].timezone), body.data.note ?? null],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return fail(ctx, 409, 'ConflictError', 'This habit is already checked in for today');
    }
    await client.query('UPDATE bl_users SET points_balance = points_balance + 10 WHERE id = $1', [userId]);
    await client.query(
      "INSERT INTO bl_ledger (user_id, amount, reason, source_type, source_id) VALUES ($1, 10, 'check-in', 'check-in', $2)",
      [userId, inserted.rows[0].id],
    );
    await client.query('COMMIT');
    ctx.status = 201;
    ctx.body = { data: { id: inserted.rows[0].id, localDate: inserted.rows[0].local_date, pointsAwarded: 10 }, meta: {} };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/api/habit-templates') return listTemplates(ctx);
  if (ctx.method === 'POST' && ctx.path === '/api/check-ins') return checkIn(ctx);
  if (ctx.method === 'GET' && ctx.path === '/_health') {
    ctx.status = 204;
    return undefined;
  }
  return fail(ctx, 404, 'NotFoundError', 'Not Found');
});

const main = async () => {
  await pool.query(SCHEMA);
  const port = Number(process.env.PORT || 4100);
  app.listen(port, '127.0.0.1', () => process.send?.({ ready: true, port }));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
