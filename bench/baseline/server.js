#!/usr/bin/env node
/**
 * The raw baseline: Koa + pg, no framework, doing the same work as the platform's endpoints, so that
 * `npm run bench` reports the platform as a ratio of what the hardware can do in the same run.
 *
 *   GET  /api/habit-templates   active templates, first page of 25, plus the total count (as Strapi does)
 *   POST /api/check-ins         JWT auth, then the platform's check-in transaction, statement for statement,
 *                               on a copy of the platform's schema (bench/run.js clones it): lock the
 *                               owner and load the habit, insert the check-in, update the owner's counters
 *                               and balance, append the ledger entries; 409 on a second check-in the same day.
 *   POST /api/orders            the mall's points order transaction (stock, ledger, order, items, trail, idempotency)
 *   POST /api/lottery/draw      the platform's draw transaction (spend, daily cap, weighted pick, stock,
 *                               record), after loading the user as users-permissions does.
 *   GET  /api/me, /api/habits, /api/check-ins/today, /api/points/balance, /api/tasks, POST /api/diaries
 *                               the same queries as the platform's services, after loading the user the same way.
 *
 * Env: BASELINE_DATABASE_URL, PORT, JWT_SECRET.
 */
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');
const Koa = require('koa');
const { Pool, types } = require('pg');
const jwt = require('jsonwebtoken');

// The compiled plugin (npm run bench compiles the app first): its statements and pure domain rules only.
const PLUGIN = path.resolve(__dirname, '../../dist/src/plugins/gamification/server/src');
const { CHECK_IN_SQL, DIARY_SQL, LEDGER_SQL, LOTTERY_SQL, TASK_SQL } = require(`${PLUGIN}/statements`);
const domain = require(`${PLUGIN}/domain`);
const { DEFAULT_SETTINGS } = require(`${PLUGIN}/services/settings`);
/** The rules: the plugin's defaults, overridden by the platform's settings row when the schema has one. */
const SETTINGS = { ...DEFAULT_SETTINGS };
const { localDayFor } = require('../../dist/src/utils/clock');

// Calendar dates as text, as Strapi sets it up for the platform.
types.setTypeParser(types.builtins.DATE, (value) => value);

const pool = new Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: Number(process.env.BASELINE_POOL_MAX || 10) });
// A key object made once, as the platform does (a string secret costs jsonwebtoken a failed public-key parse per call).
const secret = crypto.createSecretKey(Buffer.from(process.env.JWT_SECRET || 'baseline-secret'));

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bl_habit_templates (id serial PRIMARY KEY, document_id text, title text NOT NULL, description text,
  category text, kind text, icon text, color text, frequency_type text, times_per_week int, weekdays jsonb, interval_days int,
  goal_type text, goal_value int, goal_unit text, reminder_times jsonb, tags jsonb, sort_order int, active boolean,
  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(), published_at timestamptz DEFAULT now());
`;

const localDay = (timezone, instant = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

const fail = (ctx, status, name, message, details = {}) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details } };
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

/**
 * The check-in: the platform's own transaction (the same prepared statements, imported from the compiled
 * plugin, on a copy of the platform's schema) and the same rules (the plugin's pure domain functions),
 * with nothing around them but Koa and pg. The platform's answer and this one differ only by the framework.
 */
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
  const habitId = body?.data?.habit;
  if (typeof habitId !== 'string' || habitId.length === 0) return fail(ctx, 400, 'ValidationError', 'habit is required');
  const note = typeof body.data.note === 'string' ? body.data.note : null;

  const client = await pool.connect();
  const run = async (st, values) => (await client.query({ name: st.name, text: st.postgres, values })).rows;
  try {
    await client.query('BEGIN');
    const [habit] = await run(CHECK_IN_SQL.loadHabit, [habitId, userId]);
    if (!habit) {
      await client.query('ROLLBACK');
      return fail(ctx, 404, 'NotFoundError', 'habit not found among your habits');
    }
    if (habit.blocked || habit.deleted_at !== null || !allowedRoleIds.includes(Number(habit.role_id))) {
      await client.query('ROLLBACK');
      return fail(ctx, 401, 'UnauthorizedError', 'This account cannot check in');
    }
    const days =
      habit.row_version !== habit.seen_version
        ? (await run(CHECK_IN_SQL.habitDays, [habit.id])).map((r) => Number(r.day))
        : habit.check_in_days
          ? habit.check_in_days.split(',').map(Number)
          : [];
    const now = new Date();
    const today = localDayFor({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }, now);
    const startDate = habit.start_date ?? localDayFor({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }, new Date(habit.created_at));
    if (habit.archived || startDate > today || (habit.end_date && habit.end_date < today)) {
      await client.query('ROLLBACK');
      return fail(ctx, 400, 'ValidationError', 'This habit cannot be checked in today');
    }
    const todayNumber = domain.toDayNumber(today);
    if (days.includes(todayNumber)) {
      const [existing] = await run(CHECK_IN_SQL.findByDay, [habit.id, today]);
      await client.query('ROLLBACK');
      return fail(ctx, 409, 'ConflictError', `This habit is already checked in for ${today}`, { checkIn: existing });
    }
    const streak = domain.habitStreakOfDays({ frequency: frequencyOf(habit), startDate, checkInDays: [...days, todayNumber], today, weekStartsOn: SETTINGS.weekStartsOn });
    const points = domain.checkInPoints({ perCheckIn: SETTINGS.pointsPerCheckIn, streakBonuses: SETTINGS.streakBonuses }, streak.current);
    // With the habit's stored streak, in the same statement, as the platform keeps it for GET /api/check-ins/today.
    const streakInput = { frequency: frequencyOf(habit), startDate, checkInDays: [...days, todayNumber], today, weekStartsOn: SETTINGS.weekStartsOn };
    const [inserted] = await run(CHECK_IN_SQL.insertWithStreak, [
      crypto.randomBytes(12).toString('hex'), userId, habit.id, today, now, now, now, now, false, null, null, note, null, null, null, points.total,
      streak.current, streak.longest, domain.streakHoldsThrough(streakInput, streak.current),
    ]);
    if (!inserted) {
      await client.query('ROLLBACK');
      return fail(ctx, 409, 'ConflictError', `This habit is already checked in for ${today}`);
    }
    const lastDay = habit.last_check_in_date;
    const firstToday = lastDay !== today;
    const before = lastDay === today || lastDay === domain.addDays(today, -1) ? Number(habit.consecutive_days) : 0;
    const consecutive = firstToday ? before + 1 : before;
    const totalDays = Number(habit.total_check_in_days) + (firstToday ? 1 : 0);
    const cardsEarned = firstToday && habit.last_makeup_award_date !== today ? domain.makeupCardsEarned(before, consecutive, SETTINGS.makeupCardEvery) : 0;
    const lines = points.parts.filter((part) => part.amount !== 0).sort((a, b) => b.amount - a.amount);
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const earned = lines.reduce((sum, line) => sum + domain.earnedDelta(line), 0);
    const update = LEDGER_SQL.balanceUpdate({
      userId, total, earned, now,
      days: { totalDays, consecutiveDays: consecutive, lastCheckInDate: today, cardsDelta: cardsEarned, cardsAwardedOn: cardsEarned > 0 ? today : null },
    });
    const [updated] = await run(update.statement, update.params);
    const balance = Number(updated.points_balance);
    let running = balance - total;
    if (lines.length > 0) {
      await run(
        LEDGER_SQL.insertEntries(lines.length),
        lines.flatMap((line) => {
          running += line.amount;
          const note = line.every ? `${line.every}-${streak.unit} streak` : null;
          return [crypto.randomBytes(12).toString('hex'), userId, line.amount, running, line.reason, 'check-in', inserted.document_id, note, now, now, now];
        }),
      );
    }
    await client.query('COMMIT');
    ctx.status = 201;
    ctx.body = {
      data: { ...inserted, habit: { documentId: habit.document_id, title: habit.title } },
      meta: {
        streak: { current: streak.current, longest: streak.longest, unit: streak.unit },
        points: { awarded: points.total, parts: points.parts, balance },
        user: {
          totalDays,
          consecutiveDays: consecutive,
          makeupCards: Number(habit.makeup_cards) + cardsEarned,
          makeupCardsEarned: cardsEarned,
          rank: domain.rankFor(totalDays),
        },
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * A lottery draw: the platform's draw transaction with its statements and pick, after loading the user
 * as users-permissions does for the platform (one query: the account and its role).
 */
const draw = async (ctx) => {
  let userId;
  try {
    userId = jwt.verify(ctx.get('authorization').replace(/^Bearer /, ''), secret).id;
  } catch {
    return fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
  }
  await readJson(ctx).catch(() => undefined);
  await refreshSettings();
  const { rows: [user] } = await pool.query(
    'SELECT u.id, u.timezone, u.day_start_hour, u.blocked, l.role_id FROM up_users u LEFT JOIN up_users_role_lnk l ON l.user_id = u.id WHERE u.id = $1',
    [userId],
  );
  if (!user || user.blocked) return fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
  const client = await pool.connect();
  const run = async (st, values) => (await client.query({ name: st.name, text: st.postgres, values })).rows;
  const now = new Date();
  const today = localDayFor({ timezone: user.timezone, dayStartHour: user.day_start_hour }, now);
  const drawId = crypto.randomBytes(12).toString('hex');
  try {
    await client.query('BEGIN');
    const cost = SETTINGS.drawCost;
    const spend = LEDGER_SQL.balanceUpdate({ userId, total: -cost, earned: 0, now });
    const [spent] = await run(spend.statement, spend.params);
    if (!spent) {
      await client.query('ROLLBACK');
      return fail(ctx, 400, 'ValidationError', `积分不足: this needs ${cost} points`);
    }
    const balance = Number(spent.points_balance);
    await run(LEDGER_SQL.insertEntries(1), [crypto.randomBytes(12).toString('hex'), userId, -cost, balance, 'lottery', 'lottery', drawId, null, now, now, now]);
    const [{ n }] = await run(LOTTERY_SQL.drawsOnDay, [userId, today]);
    if (Number(n) >= SETTINGS.drawsPerDay) {
      await client.query('ROLLBACK');
      return fail(ctx, 400, 'ValidationError', 'daily limit');
    }
    const candidates = [...(await run(LOTTERY_SQL.drawablePrizes, [true])), null];
    let won = null;
    for (;;) {
      const index = domain.pickWeighted(candidates.map((c) => ({ weight: c ? Number(c.weight) : SETTINGS.noPrizeWeight })), (max) => crypto.randomInt(max));
      const picked = index < 0 ? null : candidates[index];
      if (!picked) break;
      if (Number(picked.stock) === -1 || (await run(LOTTERY_SQL.takePrize, [picked.id])).length > 0) {
        won = picked;
        break;
      }
      candidates.splice(index, 1);
    }
    const [record] = await run(LOTTERY_SQL.insertDraw, [
      drawId, userId, won?.id ?? null, won?.name ?? SETTINGS.noPrizeName, won?.kind ?? null, won?.amount ?? null, won !== null, cost, today, now, now, now,
    ]);
    await client.query('COMMIT');
    ctx.status = 201;
    ctx.body = {
      data: {
        documentId: record.document_id,
        isWinner: won !== null,
        prize: won ? { documentId: won.document_id, name: won.name, kind: won.kind, amount: won.amount } : null,
        prizeName: won?.name ?? SETTINGS.noPrizeName,
        cost,
        localDate: today,
      },
      meta: { balance, drawsLeftToday: Math.max(0, SETTINGS.drawsPerDay - Number(n) - 1) },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

const MALL = path.resolve(__dirname, '../../dist/src/plugins/mall/server/src');
let mallStatements = null;
const mall = () => (mallStatements ??= { SQL: require(`${MALL}/statements`), orderNo: require(`${MALL}/domain/order-no`), IDEMPOTENCY_SQL: require(`${PLUGIN}/statements`).IDEMPOTENCY_SQL });

/**
 * POST /api/orders paid with points: the mall's placing transaction with its own statements (the SKUs with
 * their shop, the buyer's row held, each SKU's conditional stock UPDATE, the ledger spend and entry, the
 * order, its items and trail, the idempotent answer), after loading the user as users-permissions does.
 */
const placeOrder = async (ctx) => {
  let userId;
  try {
    userId = jwt.verify(ctx.get('authorization').replace(/^Bearer /, ''), secret).id;
  } catch {
    return fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
  }
  let body;
  try {
    body = await readJson(ctx);
  } catch {
    return fail(ctx, 400, 'ValidationError', 'Invalid JSON');
  }
  const items = Array.isArray(body.items) ? body.items : [];
  if (items.length === 0 || body.payWith !== 'points' || typeof body.pickup !== 'string') return fail(ctx, 400, 'ValidationError', 'Invalid order');
  const { rows: [user] } = await pool.query(
    'SELECT u.id, u.blocked, l.role_id FROM up_users u LEFT JOIN up_users_role_lnk l ON l.user_id = u.id WHERE u.id = $1',
    [userId],
  );
  if (!user || user.blocked) return fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
  const { SQL, orderNo: numbers, IDEMPOTENCY_SQL } = mall();
  const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey : null;
  const fingerprint = key ? crypto.createHash('sha256').update(`mall.order\n${JSON.stringify({ items, payWith: body.payWith, pickup: body.pickup, note: body.note ?? '' })}`).digest('hex') : null;
  const q = async (st, values) => (await pool.query({ name: st.name, text: st.postgres, values })).rows;
  if (key) {
    const [stored] = await q(IDEMPOTENCY_SQL.find, [userId, key, 'mall.order']);
    if (stored) {
      ctx.status = stored.status_code;
      ctx.body = stored.response;
      return undefined;
    }
  }
  const rows = await q(SQL.SKUS_FOR_ORDER(items.length), items.map((item) => item.sku));
  const lines = items.map((item) => ({ row: rows.find((r) => r.document_id === item.sku), quantity: Number(item.quantity) }));
  if (lines.some((line) => !line.row || line.row.points_price === null)) return fail(ctx, 404, 'NotFoundError', 'This item is no longer on sale');
  const pickupPoints = lines[0].row.pickup_points ?? [];
  if (!pickupPoints.includes(body.pickup)) return fail(ctx, 400, 'ValidationError', 'This shop has no such pickup point');
  lines.sort((a, b) => a.row.id - b.row.id);
  const total = lines.reduce((sum, line) => sum + Number(line.row.points_price) * line.quantity, 0);
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  const now = new Date();
  const orderNo = numbers.orderNumberAt(now);
  const title = lines.length === 1 ? lines[0].row.name : `${lines[0].row.name} 等 ${lines.length} 件商品`;
  const client = await pool.connect();
  const run = async (st, values) => (await client.query({ name: st.name, text: st.postgres, values })).rows;
  const newId = () => crypto.randomBytes(12).toString('hex');
  try {
    await client.query('BEGIN');
    await client.query({ name: 'users.lock', text: 'SELECT id FROM up_users WHERE id = $1 FOR NO KEY UPDATE', values: [userId] });
    if (key && (await run(IDEMPOTENCY_SQL.find, [userId, key, 'mall.order'])).length > 0) {
      await client.query('ROLLBACK');
      return fail(ctx, 409, 'ConflictError', 'retry');
    }
    for (const line of lines) {
      if ((await run(SQL.SELL_NOW, [line.quantity, line.quantity, line.row.id, line.quantity])).length === 0) {
        await client.query('ROLLBACK');
        return fail(ctx, 409, 'ConflictError', '库存不足', { reason: 'sold_out' });
      }
    }
    const spend = LEDGER_SQL.balanceUpdate({ userId, total: -total, earned: 0, now });
    const [spent] = await run(spend.statement, spend.params);
    if (!spent) {
      await client.query('ROLLBACK');
      return fail(ctx, 400, 'ValidationError', '积分不足', { reason: 'insufficient_points' });
    }
    const balance = Number(spent.points_balance);
    await run(LEDGER_SQL.insertEntries(1), [newId(), userId, -total, balance, 'mall-order', 'order', orderNo, null, now, now, now]);
    const [order] = await run(SQL.INSERT_ORDER, [newId(), orderNo, userId, lines[0].row.merchant_id, 'paid', 'points', 0, total, itemCount, title,
      null, body.pickup, body.note || null, null, now, key, now, now, now]);
    await run(SQL.INSERT_ITEMS(lines.length), lines.flatMap((line) => [newId(), order.id, line.row.id, line.row.product_id, line.row.name, line.row.spec, line.row.image, 0, line.row.points_price, line.quantity, now, now, now]));
    const events = [
      [newId(), order.id, null, 'pending_payment', 'user', String(userId), null, '下单', now, now, now],
      [newId(), order.id, 'pending_payment', 'paid', 'system', null, null, `积分支付 ${total}`, now, now, now],
    ];
    await run(SQL.INSERT_EVENTS(2), events.flat());
    const answer = {
      data: {
        orderNo, status: 'paid', statusLabel: '待发货', payMethod: 'points', totalFen: 0, totalPoints: total, itemCount, title,
        items: lines.map((line) => ({ sku: line.row.document_id, product: line.row.product_document_id, name: line.row.name, spec: line.row.spec, image: line.row.image, unitPrice: 0, unitPoints: Number(line.row.points_price), quantity: line.quantity })),
        address: null, pickup: body.pickup, note: body.note || null,
        merchant: lines[0].row.merchant_document_id ? { documentId: lines[0].row.merchant_document_id, name: lines[0].row.merchant_name } : null,
        createdAt: now.toISOString(), expiresAt: null, paidAt: now.toISOString(), shippedAt: null, completedAt: null, cancelledAt: null,
        refundedAt: null, afterSalesUntil: null, carrier: null, trackingNumber: null, refund: null, actions: ['refund'],
        trail: events.map((e) => ({ from: e[2], to: e[3], by: e[4], reason: e[7], at: now.toISOString() })),
      },
      meta: { balance },
    };
    if (key) await run(IDEMPOTENCY_SQL.save, [newId(), userId, 'mall.order', key, fingerprint, 201, JSON.stringify(answer), now, now, now]);
    await client.query('COMMIT');
    ctx.status = 201;
    ctx.body = answer;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return undefined;
};

/**
 * The signed-in caller, as users-permissions loads them for the platform: the JWT, then one query for the
 * account and its role (the platform batches these; the baseline pays one round trip per request).
 */
const authenticate = async (ctx) => {
  let userId;
  try {
    userId = jwt.verify(ctx.get('authorization').replace(/^Bearer /, ''), secret).id;
  } catch {
    fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
    return null;
  }
  const { rows: [user] } = await pool.query(
    'SELECT u.*, l.role_id FROM up_users u LEFT JOIN up_users_role_lnk l ON l.user_id = u.id WHERE u.id = $1',
    [userId],
  );
  if (!user || user.blocked || user.deleted_at !== null) {
    fail(ctx, 401, 'UnauthorizedError', 'Missing or invalid credentials');
    return null;
  }
  return user;
};

const PAGE = 25;
const pagination = (total, pageSize = PAGE) => ({ page: 1, pageSize, pageCount: Math.ceil(total / pageSize), total });

/** GET /api/me: the caller's profile, from the row authentication loaded. */
const me = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  ctx.body = {
    data: {
      id: user.id, documentId: user.document_id, nickname: user.nickname, avatar: user.avatar, timezone: user.timezone,
      dayStartHour: user.day_start_hour, province: user.province, city: user.city, district: user.district,
      pointsBalance: Number(user.points_balance), makeupCards: Number(user.makeup_cards), totalCheckInDays: Number(user.total_check_in_days),
      consecutiveDays: Number(user.consecutive_days), membership: { tier: user.membership_tier, expiresAt: user.membership_expires_at },
    },
    meta: {},
  };
};

/** GET /api/habits: the caller's habits, first page with the total (Strapi's list: rows, then the count). */
const habits = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  const [rows, count] = await Promise.all([
    pool.query('SELECT * FROM habits WHERE user_id = $1 ORDER BY id LIMIT $2 OFFSET 0', [user.id, PAGE]),
    pool.query('SELECT count(*)::int AS n FROM habits WHERE user_id = $1', [user.id]),
  ]);
  ctx.body = { data: rows.rows.map(({ user_id: _owner, ...habit }) => habit), meta: { pagination: pagination(count.rows[0].n) } };
};

/** GET /api/check-ins/today: the caller's active habits with today's check-ins (the platform's statement). */
const today = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  const day = localDayFor({ timezone: user.timezone, dayStartHour: user.day_start_hour }, new Date());
  const st = CHECK_IN_SQL.today;
  const { rows } = await pool.query({ name: st.name, text: st.postgres, values: [day, user.id, false] });
  const checked = rows.filter((row) => row.id !== null);
  // The stored streak, as the platform reads it (holds while today <= streak_holds_through).
  const streak = (row) => ({
    current: row.streak_holds_through !== null && day <= row.streak_holds_through ? Number(row.streak_current) : 0,
    longest: Number(row.streak_longest ?? 0),
    unit: domain.streakUnitOf(row.habit_frequency_type),
  });
  ctx.body = {
    data: checked.map(({ habit_id: _h, habit_document_id, habit_title, habit_kind: _k, habit_frequency_type: _f, streak_current: _c, streak_longest: _l, streak_holds_through: _t, ...checkIn }) => ({
      ...checkIn,
      habit: { documentId: habit_document_id, title: habit_title },
    })),
    meta: {
      localDate: day,
      habits: rows.map((row) => ({ documentId: row.habit_document_id, title: row.habit_title, kind: row.habit_kind, checkedIn: row.id !== null, streak: streak(row) })),
      progress: { done: checked.length, total: rows.length },
      user: { pointsBalance: Number(user.points_balance), makeupCards: Number(user.makeup_cards) },
    },
  };
};

/** GET /api/points/balance: the balance and the earned / spent sums of the ledger (the platform's two queries). */
const points = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  const [balance, sums] = await Promise.all([
    pool.query('SELECT points_balance FROM up_users WHERE id = $1', [user.id]),
    pool.query(
      'SELECT coalesce(sum(case when amount > 0 then amount else 0 end), 0) AS earned, coalesce(sum(case when amount < 0 then -amount else 0 end), 0) AS spent FROM points_ledger WHERE user_id = $1',
      [user.id],
    ),
  ]);
  ctx.body = { data: { balance: Number(balance.rows[0].points_balance), earned: Number(sums.rows[0].earned), spent: Number(sums.rows[0].spent) }, meta: {} };
};

/** GET /api/tasks: today's system tasks made from the active templates if missing (the platform's statements), then the list. */
const tasks = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  const day = localDayFor({ timezone: user.timezone, dayStartHour: user.day_start_hour }, new Date());
  const run = async (st, values) => (await pool.query({ name: st.name, text: st.postgres, values })).rows;
  const templates = await run(TASK_SQL.activeTemplates, [true]);
  if (templates.length > 0) {
    const now = new Date();
    await run(
      TASK_SQL.insertSystem(templates.length),
      templates.flatMap((t) => [crypto.randomBytes(12).toString('hex'), user.id, t.id, day, t.title, t.description, t.category, Number(t.points), true, false, now, now, now]),
    );
  }
  const [rows, count] = await Promise.all([
    pool.query('SELECT * FROM tasks WHERE user_id = $1 AND local_date = $2 ORDER BY is_system DESC, id LIMIT 100 OFFSET 0', [user.id, day]),
    pool.query('SELECT count(*)::int AS n FROM tasks WHERE user_id = $1 AND local_date = $2', [user.id, day]),
  ]);
  ctx.body = { data: rows.rows.map(({ user_id: _owner, template_id: _template, ...task }) => task), meta: { pagination: pagination(count.rows[0].n, 100) } };
};

/**
 * POST /api/diaries: the diary, and in the same transaction the first-diary-of-the-day award (the
 * platform's claim statement; its ledger entry when the claim succeeds). 409 on a second diary that date.
 */
const createDiary = async (ctx) => {
  const user = await authenticate(ctx);
  if (!user) return;
  let body;
  try {
    body = await readJson(ctx);
  } catch {
    return fail(ctx, 400, 'ValidationError', 'Invalid JSON');
  }
  const data = body?.data ?? {};
  const now = new Date();
  const day = localDayFor({ timezone: user.timezone, dayStartHour: user.day_start_hour }, now);
  const localDate = typeof data.localDate === 'string' ? data.localDate : day;
  if (localDate > day) return fail(ctx, 400, 'ValidationError', 'A diary cannot be written for a future date');
  const client = await pool.connect();
  const run = async (st, values) => (await client.query({ name: st.name, text: st.postgres, values })).rows;
  try {
    await client.query('BEGIN');
    const { rows: [diary] } = await client.query(
      `INSERT INTO diaries (document_id, user_id, local_date, title, content, mood, is_draft, points_awarded, created_at, updated_at, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, 0, $7, $7, $7) ON CONFLICT DO NOTHING RETURNING *`,
      [crypto.randomBytes(12).toString('hex'), user.id, localDate, data.title ?? null, data.content ?? null, data.mood ?? null, now],
    );
    if (!diary) {
      await client.query('ROLLBACK');
      return fail(ctx, 409, 'ConflictError', 'You already have a diary for this date; edit it instead');
    }
    let awarded = 0;
    if (SETTINGS.pointsPerDiary > 0 && (await run(DIARY_SQL.claimAward, [day, user.id, day])).length > 0) {
      awarded = SETTINGS.pointsPerDiary;
      const update = LEDGER_SQL.balanceUpdate({ userId: user.id, total: awarded, earned: awarded, now });
      const [updated] = await run(update.statement, update.params);
      await run(LEDGER_SQL.insertEntries(1), [crypto.randomBytes(12).toString('hex'), user.id, awarded, Number(updated.points_balance), 'diary', 'diary', diary.document_id, null, now, now, now]);
      await run(DIARY_SQL.setPoints, [awarded, diary.id]);
    }
    await client.query('COMMIT');
    const { user_id: _owner, ...view } = diary;
    ctx.status = 201;
    ctx.body = { data: { ...view, pointsAwarded: awarded }, meta: {} };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * GET /api/community/boards/:slug/posts?sort=hot (npm run bench -- feed): the board, the hot page, the
 * pinned posts and the page's images, with the community plugin's own statements, built once by its
 * query builders (compiled) and bound per request; the answer shaped as the platform shapes it for a guest.
 */
const COMMUNITY = path.resolve(__dirname, '../../dist/src/plugins/community/server/src');
let communitySql = null;
const feedStatements = () => {
  if (communitySql) return communitySql;
  const builder = require('knex')({ client: 'pg' });
  const { hotPageQuery, pinnedQuery } = require(`${COMMUNITY}/services/feed`);
  const { imagesQuery } = require(`${COMMUNITY}/services/post-views`);
  const { encodeCursor, cursorAfter } = require(`${COMMUNITY}/domain/cursor`);
  const AS_OF = new Date(0);
  const BOARD = -424242;
  const bindable = (query) => {
    const { sql, bindings } = query.toSQL().toNative();
    return { sql, bind: (values) => bindings.map((b) => (b === AS_OF ? values.asOf : b === BOARD ? values.boardId : b)) };
  };
  const images = new Map();
  communitySql = {
    hot: bindable(hotPageQuery(builder, BOARD, AS_OF, null, 21)),
    pinned: bindable(pinnedQuery(builder, BOARD)),
    /** The images statement for this many posts (sentinel ids -1, -2 ... stand for the page's ids in order). */
    images: (ids) => {
      if (!images.has(ids.length)) images.set(ids.length, imagesQuery(builder, ids.map((_, i) => -1 - i)).toSQL().toNative());
      const { sql: text, bindings } = images.get(ids.length);
      return { sql: text, values: bindings.map((b) => (typeof b === 'number' && b < 0 ? ids[-1 - b] : b)) };
    },
    encodeCursor,
    cursorAfter,
  };
  return communitySql;
};

const communityFeed = async (ctx, slug) => {
  const sql = feedStatements();
  const { rows: [board] } = await pool.query({ name: 'community.board', text: 'SELECT id FROM community_boards WHERE slug = $1 AND active = $2 LIMIT 1', values: [slug, true] });
  if (!board) return fail(ctx, 404, 'NotFoundError', 'No such board');
  const asOf = new Date();
  const [page, pinned] = await Promise.all([
    // A named prepared statement, as the platform runs it (services/feed.ts hotPageRows).
    pool.query({ name: 'community.hot', text: sql.hot.sql, values: sql.hot.bind({ asOf, boardId: board.id }) }),
    pool.query({ name: 'community.pinned', text: sql.pinned.sql, values: sql.pinned.bind({ boardId: board.id }) }),
  ]);
  const rows = page.rows.slice(0, 20);
  const shown = [...pinned.rows, ...rows];
  const ids = shown.map((row) => row.id);
  const imageStatement = ids.length > 0 ? sql.images(ids) : null;
  const imageRows = imageStatement ? (await pool.query({ name: `community.images.${ids.length}`, text: imageStatement.sql, values: imageStatement.values })).rows : [];
  const images = new Map();
  for (const image of imageRows) {
    const list = images.get(image.post_id) ?? [];
    list.push({ documentId: image.document_id, url: image.url, width: image.width, height: image.height, thumbnailUrl: null });
    images.set(image.post_id, list);
  }
  const view = (row) => ({
    documentId: row.document_id,
    board: { slug: row.board_slug, name: row.board_name },
    title: row.title,
    content: row.content,
    images: images.get(row.id) ?? [],
    author: row.anonymous
      ? { documentId: null, nickname: '匿名用户', avatar: null, anonymous: true }
      : { documentId: row.author_document_id, nickname: row.author_nickname ?? '用户', avatar: row.author_avatar, anonymous: false },
    link: null,
    likeCount: row.like_count,
    commentCount: row.comment_count,
    viewCount: row.view_count,
    liked: false,
    pinned: Boolean(row.pinned),
    commentsLocked: Boolean(row.comments_locked),
    mine: false,
    status: row.status,
    moderationNote: null,
    createdAt: new Date(row.created_at).toISOString(),
  });
  const last = rows[rows.length - 1];
  const next = page.rows.length > 20 && last
    ? sql.encodeCursor(sql.cursorAfter({ id: last.id, createdAt: new Date(last.listed_at).toISOString(), score: Number(last.score) }, 'hot', asOf.toISOString()))
    : null;
  ctx.body = { data: rows.map(view), meta: { cursor: { next }, pinned: pinned.rows.map(view) } };
};

const frequencyOf = (habit) => {
  switch (habit.frequency_type) {
    case 'timesPerWeek':
      return { type: 'timesPerWeek', timesPerWeek: habit.times_per_week ?? 1 };
    case 'weekdays':
      return { type: 'weekdays', weekdays: habit.weekdays ?? [1, 2, 3, 4, 5, 6, 7] };
    case 'everyNDays':
      return { type: 'everyNDays', intervalDays: habit.interval_days ?? 2 };
    default:
      return { type: 'daily' };
  }
};

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/api/habit-templates') return listTemplates(ctx);
  if (ctx.method === 'POST' && ctx.path === '/api/check-ins') return checkIn(ctx);
  if (ctx.method === 'POST' && ctx.path === '/api/lottery/draw') return draw(ctx);
  if (ctx.method === 'GET' && ctx.path === '/api/me') return me(ctx);
  if (ctx.method === 'GET' && ctx.path === '/api/habits') return habits(ctx);
  if (ctx.method === 'GET' && ctx.path === '/api/check-ins/today') return today(ctx);
  if (ctx.method === 'GET' && ctx.path === '/api/points/balance') return points(ctx);
  if (ctx.method === 'GET' && ctx.path === '/api/tasks') return tasks(ctx);
  if (ctx.method === 'POST' && ctx.path === '/api/diaries') return createDiary(ctx);
  if (ctx.method === 'POST' && ctx.path === '/api/orders') return placeOrder(ctx);
  const feed = ctx.method === 'GET' && /^\/api\/community\/boards\/([a-z0-9-]+)\/posts$/.exec(ctx.path);
  if (feed) return communityFeed(ctx, feed[1]);
  if (ctx.method === 'GET' && ctx.path === '/_health') {
    ctx.status = 204;
    return undefined;
  }
  return fail(ctx, 404, 'NotFoundError', 'Not Found');
});

/** The settings row, read at most every 5 s, as the platform caches it. */
let settingsReadAt = 0;
const refreshSettings = async () => {
  if (Date.now() - settingsReadAt < 5000) return;
  settingsReadAt = Date.now();
  const { rows: [schema] } = await pool.query("SELECT to_regclass('gamification_settings') IS NOT NULL AS present");
  if (!schema.present) return;
  const { rows: [stored] } = await pool.query('SELECT draw_cost, draws_per_day, no_prize_name, no_prize_weight FROM gamification_settings LIMIT 1');
  if (!stored) return;
  const set = (key, value) => value !== null && value !== undefined && (SETTINGS[key] = value);
  set('drawCost', stored.draw_cost);
  set('drawsPerDay', stored.draws_per_day);
  set('noPrizeName', stored.no_prize_name);
  set('noPrizeWeight', stored.no_prize_weight);
};

/** The roles allowed to check in, read once from the platform's permissions (the platform caches them too). */
let allowedRoleIds = [];

const main = async () => {
  await pool.query(SCHEMA);
  // Only the check-in scenario runs on a copy of the platform's schema.
  const { rows: [schema] } = await pool.query("SELECT to_regclass('up_permissions') IS NOT NULL AS platform");
  if (schema.platform) {
    const { rows } = await pool.query(
      `SELECT l.role_id FROM up_permissions p JOIN up_permissions_role_lnk l ON l.permission_id = p.id WHERE p.action = 'api::check-in.check-in.create'`,
    );
    allowedRoleIds = rows.map((row) => Number(row.role_id));
  }
  const port = Number(process.env.PORT || 4100);
  app.listen(port, '127.0.0.1', () => process.send?.({ ready: true, port }));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
