import crypto from 'node:crypto';
import { startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { appEnvironment, bearer, call, freshDatabase, killApp, NoAnswer, redisServer, signIn, sql, startApp, type Answer, type AppProcess, type RedisServer } from './harness';

/**
 * Issue 18: `kill -9` of the app in the middle of mixed writes (check-ins, diaries, lottery draws, cravings,
 * redeem codes, orders paid with points, likes),
 * every one sent with an idempotency key. After a restart every invariant of DESIGN.md holds on the database,
 * and replaying each key returns the first answer (or, for a request the crash left unanswered, one answer
 * with nothing written twice).
 */
const APP_ID = 'wx00000000000fault4';
const APP_SECRET = 'fault-suite-secret-4';
const ADMIN = { email: 'crash@example.com', password: 'Cr4shTestPass' };
const SCARCE_STOCK = 6;
const MUG_STOCK = 10;
/** One points code shared by all 16 (10 uses) and one makeup-card code each can use. */
const SHARED_CODE_USES = 10;
const CODE_POINTS = 25;
const ADDRESS = { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' };

let redis: RedisServer;
let wechat: FakeWeChatServer;
let databaseUrl: string;
let env: Record<string, string>;
let app: AppProcess;

beforeAll(async () => {
  redis = await redisServer();
  wechat = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET });
  databaseUrl = await freshDatabase('habit_faults_crash');
  env = appEnvironment(databaseUrl, redis.url, {
    WECHAT_MODE: 'live',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  app = await startApp('app', env);
}, 240_000);

afterAll(async () => {
  await killApp(app);
  await wechat?.close();
  await redis?.stop();
});

/**
 * `byDate`: a diary takes no key; one per local date is its idempotency (a second answers 409 naming the first).
 * `byCode`: a redemption takes no key either; one per user and code is its idempotency (a second answers 409
 * already_used, or the first answer again when that was a refusal).
 * `freeAfterRefusal`: a draw or an order refused for a state that can change (400 insufficient_points,
 * 409 sold_out) rolled back and stored nothing with its key (gamification and mall READMEs): its replay
 * answers the same refusal, or, once the points are there, makes the one write (the invariants below count it).
 */
type Op = { key: string; method: string; target: string; body: unknown; jwt: string; byDate?: boolean; byCode?: boolean; statusOnly?: boolean; freeAfterRefusal?: boolean };

const send = (op: Op): Promise<Answer> =>
  call(app.url, op.method, op.target, { body: op.body, headers: bearer(op.jwt) });

/** The diary an answer is about: the one created (201) or the one that already holds the date (409). */
const diaryOf = (answer: Answer) => answer.body?.data?.documentId ?? answer.body?.error?.details?.diary?.documentId;

/** Fisher–Yates. */
const shuffled = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = crypto.randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/** What a redemption's replay must answer after `first`: used by this user already, or refused the same way. */
const redemptionReplay = (first: Answer) => (first.status === 200 ? { status: 409, reason: 'already_used' } : { status: first.status, reason: first.body?.error?.details?.reason });
const refusedThenWritten = (op: Op, first: Answer, again: Answer) =>
  Boolean(op.freeAfterRefusal) && [400, 409].includes(first.status) && ['insufficient_points', 'sold_out'].includes(first.body?.error?.details?.reason) && again.status === 201;
const redemptionOf = (answer: Answer) => ({ status: answer.status, reason: answer.body?.error?.details?.reason });

it('keeps every invariant and every first answer through a kill -9 under mixed load', async () => {
  const login = await call(app.url, 'POST', '/admin/login', { body: ADMIN });
  const admin = bearer(login.body.data.token ?? login.body.data.accessToken);
  for (const prize of [
    { name: '限量水杯', kind: 'physical', weight: 1000, stock: SCARCE_STOCK, active: true },
    { name: '贴纸', kind: 'virtual', weight: 1, stock: -1, active: true },
  ]) {
    expect((await call(app.url, 'POST', '/content-manager/collection-types/api::prize.prize', { body: prize, headers: admin })).status).toBe(201);
  }

  // A product bought with points (stock 10 for 16 buyers), and a post everybody likes.
  const [product] = await sql<{ id: number }>(
    databaseUrl,
    "INSERT INTO products (document_id, name, kind, active, review, created_at, updated_at, published_at) VALUES ('crashmug0000000000000001', '积分马克杯', 'mall', true, 'approved', now(), now(), now()) RETURNING id",
  );
  const [sku] = await sql<{ document_id: string }>(
    databaseUrl,
    `INSERT INTO mall_skus (document_id, product_id, spec, points_price, stock, reserved, sales_count, active, created_at, updated_at, published_at)
     VALUES ('crashmugsku0000000000001', $1, '白色', 30, ${MUG_STOCK}, 0, 0, true, now(), now(), now()) RETURNING document_id`,
    [product.id],
  );
  const author = await signIn(app.url, 'crash-author');
  const boards = await call(app.url, 'GET', '/api/community/boards', { headers: bearer(author.jwt) });
  const post = await call(app.url, 'POST', '/api/community/posts', { body: { board: boards.body.data[0].slug, content: '今天跑了五公里' }, headers: bearer(author.jwt) });
  expect(post.status).toBe(201);
  const postId: string = post.body.data.documentId;

  // Redeem codes, generated in the admin: one points code for 10 of the 16, one makeup-card code for all.
  const codeOf = async (kind: string, amount: number, maxUses: number) => {
    const batch = await call(app.url, 'POST', '/gamification/redeem-batches', { body: { name: `crash ${kind}`, kind, amount, maxUses, count: 1, format: 'json' }, headers: admin });
    expect(batch.status).toBe(200);
    return String(batch.body.data.codes[0]);
  };
  const sharedCode = await codeOf('points', CODE_POINTS, SHARED_CODE_USES);
  const cardCode = await codeOf('makeupCards', 1, 100);

  // 16 people, 6 habits each; each person's work is a list of keyed writes.
  const plans: Op[][] = [];
  for (let index = 0; index < 16; index += 1) {
    const person = await signIn(app.url, `crash${index}`);
    const ops: Op[] = [];
    for (let habit = 0; habit < 6; habit += 1) {
      const created = await call(app.url, 'POST', '/api/habits', { body: { data: { title: `H${habit}`, startDate: '2026-01-01' } }, headers: bearer(person.jwt) });
      const key = `ck-${index}-${habit}-${crypto.randomBytes(4).toString('hex')}`;
      ops.push({ key, method: 'POST', target: '/api/check-ins', body: { data: { habit: created.body.data.documentId, idempotencyKey: key } }, jwt: person.jwt });
    }
    for (let draw = 0; draw < 4; draw += 1) {
      const key = `dr-${index}-${draw}-${crypto.randomBytes(4).toString('hex')}`;
      ops.push({ key, method: 'POST', target: '/api/lottery/draw', body: { data: { idempotencyKey: key } }, jwt: person.jwt, freeAfterRefusal: true });
    }
    for (let craving = 0; craving < 3; craving += 1) {
      const key = `cr-${index}-${craving}-${crypto.randomBytes(4).toString('hex')}`;
      ops.push({ key, method: 'POST', target: '/api/cravings', body: { intensity: 2 + craving, trigger: 'stress', resisted: true, idempotencyKey: key }, jwt: person.jwt });
    }
    for (const [name, code] of [['pts', sharedCode], ['card', cardCode]]) {
      ops.push({ key: `rd-${name}-${index}`, method: 'POST', target: '/api/redeem-codes/redeem', body: { code }, jwt: person.jwt, byCode: true });
    }
    const orderKey = `or-${index}-${crypto.randomBytes(4).toString('hex')}`;
    ops.push({ key: orderKey, method: 'POST', target: '/api/orders', body: { items: [{ sku: sku.document_id, quantity: 1 }], payWith: 'points', address: ADDRESS, idempotencyKey: orderKey }, jwt: person.jwt, freeAfterRefusal: true });
    // A like is idempotent by nature: liking twice is one like.
    // (Its answer carries the post's like count, which others move: a replay is compared by status.)
    ops.push({ key: `lk-${index}`, method: 'PUT', target: `/api/community/posts/${postId}/like`, body: {}, jwt: person.jwt, statusOnly: true });
    const diaryKey = `di-${index}-${crypto.randomBytes(4).toString('hex')}`;
    ops.push({ key: diaryKey, method: 'POST', target: '/api/diaries', body: { data: { content: '今天也坚持了', mood: 'happy' } }, jwt: person.jwt, byDate: true });
    // In a random order, so the kill lands among every kind of write, not always among the check-ins.
    plans.push(shuffled(ops));
  }
  const total = plans.reduce((sum, ops) => sum + ops.length, 0);

  // Load; kill -9 once about a third of the writes have been answered.
  const answered = new Map<string, Answer>();
  const unanswered: Op[] = [];
  let killed = false;
  await Promise.all(
    plans.map(async (ops) => {
      for (const op of ops) {
        if (killed) {
          unanswered.push(op);
          continue;
        }
        try {
          answered.set(op.key, await send(op));
        } catch (error) {
          if (!(error instanceof NoAnswer)) throw error;
          unanswered.push(op);
        }
        if (!killed && answered.size >= total / 3) {
          killed = true;
          app.kill('SIGKILL');
        }
      }
    }),
  );
  expect((await app.exited).signal).toBe('SIGKILL');
  const first = [...answered.values()];
  expect(first.filter((answer) => answer.status >= 500)).toEqual([]);
  expect(answered.size).toBeGreaterThan(0);

  app = await startApp('app', env, app.port);

  // Replays: the same answer for every key that had one.
  let laterWrites = 0;
  for (const ops of plans) {
    for (const op of ops) {
      const before = answered.get(op.key);
      if (!before) continue;
      const again = await send(op);
      if (op.byDate) expect({ key: op.key, status: again.status, diary: diaryOf(again) }).toEqual({ key: op.key, status: 409, diary: diaryOf(before) });
      else if (op.byCode) expect({ key: op.key, ...redemptionOf(again) }).toEqual({ key: op.key, ...redemptionReplay(before) });
      else if (op.statusOnly) expect({ key: op.key, status: again.status }).toEqual({ key: op.key, status: before.status });
      else if (refusedThenWritten(op, before, again)) laterWrites += 1;
      else expect({ key: op.key, status: again.status, body: again.body }).toEqual({ key: op.key, status: before.status, body: before.body });
    }
  }
  // The unanswered ones, sent again: an answer now, never a 500, and (below) nothing twice.
  for (const op of unanswered) {
    const answer = await send(op);
    expect({ key: op.key, status: answer.status < 500 ? 'answered' : answer.status }).toEqual({ key: op.key, status: 'answered' });
    const replay = await send(op);
    if (op.byDate) expect({ key: op.key, status: replay.status, diary: diaryOf(replay) }).toEqual({ key: op.key, status: 409, diary: diaryOf(answer) });
    else if (op.byCode) expect({ key: op.key, ...redemptionOf(replay) }).toEqual({ key: op.key, ...redemptionReplay(answer) });
    else if (op.statusOnly) expect({ key: op.key, status: replay.status }).toEqual({ key: op.key, status: answer.status });
    else if (refusedThenWritten(op, answer, replay)) laterWrites += 1;
    else expect({ key: op.key, status: replay.status, body: replay.body }).toEqual({ key: op.key, status: answer.status, body: answer.body });
  }

  // The invariants, read from the database.
  const duplicateCheckIns = await sql(databaseUrl, 'SELECT user_id, habit_id, local_date, count(*) FROM check_ins GROUP BY 1, 2, 3 HAVING count(*) > 1');
  expect(duplicateCheckIns).toEqual([]);
  const checkIns = await sql<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM check_ins');
  expect(Number(checkIns[0].n)).toBe(16 * 6);
  const balances = await sql(
    databaseUrl,
    `SELECT u.id, u.points_balance, COALESCE(sum(l.amount), 0) AS ledger
       FROM up_users u LEFT JOIN points_ledger l ON l.user_id = u.id
      GROUP BY u.id, u.points_balance
     HAVING u.points_balance <> COALESCE(sum(l.amount), 0) OR u.points_balance < 0`,
  );
  expect(balances).toEqual([]);
  const stock = await sql<{ name: string; stock: number }>(databaseUrl, 'SELECT name, stock FROM prizes');
  expect(stock.every((prize) => prize.stock === -1 || prize.stock >= 0)).toBe(true);
  const scarceWon = await sql<{ n: string }>(databaseUrl, "SELECT count(*) AS n FROM lottery_draws WHERE prize_name = '限量水杯'");
  expect(Number(scarceWon[0].n) + Number(stock.find((prize) => prize.name === '限量水杯')?.stock)).toBe(SCARCE_STOCK);
  // Every draw paid once: as many lottery spends in the ledger as draws, user by user.
  const unpaid = await sql(
    databaseUrl,
    `SELECT d.user_id, d.draws, COALESCE(l.spends, 0) AS spends
       FROM (SELECT user_id, count(*) AS draws FROM lottery_draws GROUP BY user_id) d
       LEFT JOIN (SELECT user_id, count(*) AS spends FROM points_ledger WHERE reason = 'lottery' GROUP BY user_id) l ON l.user_id = d.user_id
      WHERE d.draws <> COALESCE(l.spends, 0)`,
  );
  expect(unpaid).toEqual([]);
  // Orders: stock never below 0, sold + left = stock, one order per key (16 keys), each paid once.
  const [mug] = await sql<{ stock: number; reserved: number; sales_count: number }>(databaseUrl, 'SELECT stock, reserved, sales_count FROM mall_skus WHERE id IN (SELECT id FROM mall_skus WHERE product_id = $1)', [product.id]);
  expect(mug.stock).toBeGreaterThanOrEqual(0);
  const ordered = await sql<{ n: string }>(databaseUrl, "SELECT count(*) AS n FROM orders WHERE status <> 'cancelled'");
  expect(Number(ordered[0].n) + mug.stock).toBe(MUG_STOCK);
  const orderSpends = await sql<{ n: string }>(databaseUrl, "SELECT count(*) AS n FROM points_ledger WHERE source_type = 'order' AND amount < 0");
  expect(Number(orderSpends[0].n)).toBe(Number(ordered[0].n));
  // Likes: the post's counter equals its rows, one per liker.
  const [likes] = await sql<{ counted: number; rows: string }>(
    databaseUrl,
    "SELECT p.like_count AS counted, (SELECT count(*) FROM community_likes l WHERE l.target_type = 'post' AND l.target_id = p.id) AS rows FROM community_posts p WHERE p.document_id = $1",
    [postId],
  );
  expect(Number(likes.counted)).toBe(Number(likes.rows));
  expect(Number(likes.rows)).toBe(16);
  // Redeem codes: never used beyond their uses, each use one redemption, each points redemption paid once.
  const codes = await sql<{ max_uses: number; uses: number; redeemed: string; kind: string }>(
    databaseUrl,
    'SELECT c.kind, c.max_uses, c.uses, (SELECT count(*) FROM redemptions r WHERE r.code_id = c.id) AS redeemed FROM redeem_codes c ORDER BY c.kind',
  );
  expect(codes.map((code) => ({ kind: code.kind, uses: code.uses, redeemed: Number(code.redeemed) }))).toEqual([
    { kind: 'makeupCards', uses: 16, redeemed: 16 },
    { kind: 'points', uses: SHARED_CODE_USES, redeemed: SHARED_CODE_USES },
  ]);
  const codePayments = await sql<{ n: string; total: string }>(databaseUrl, "SELECT count(*) AS n, COALESCE(sum(amount), 0) AS total FROM points_ledger WHERE source_type = 'redeem-code'");
  expect({ n: Number(codePayments[0].n), total: Number(codePayments[0].total) }).toEqual({ n: SHARED_CODE_USES, total: SHARED_CODE_USES * CODE_POINTS });
  const diaries = await sql(databaseUrl, 'SELECT user_id, local_date, count(*) FROM diaries GROUP BY 1, 2 HAVING count(*) > 1');
  expect(diaries).toEqual([]);
  const kinds = [...answered.keys()].reduce<Record<string, number>>((count, key) => ({ ...count, [key.split('-')[0]]: (count[key.split('-')[0]] ?? 0) + 1 }), {});
  console.log(`[crash] ${total} keyed writes, ${first.length} answered before the kill -9 (${JSON.stringify(kinds)}), ${unanswered.length} sent again after the restart, ${laterWrites} refusals written on a replay`);
}, 240_000);
