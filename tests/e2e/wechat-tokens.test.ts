import { getService } from '../../src/plugins/wechat/server/src/utils/get-service';
import { getStrapi, http } from '../helpers/strapi';
import { login, randomIp, setupWeChat, signIn, teardownWeChat } from '../helpers/wechat';

/** Staying signed in safely: rotation, reuse detection, logout, blocked and deleted accounts. */
const refresh = (refreshToken: string, ip = randomIp()) => http().post('/api/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken });


beforeAll(async () => {
  await setupWeChat();
});
afterAll(teardownWeChat);

describe('refresh tokens', () => {
  it('trade a refresh token for a new access token and a new refresh token', async () => {
    const session = await signIn('rita');
    const res = await refresh(session.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ jwt: expect.any(String), refreshToken: expect.stringMatching(/^rt_/) });
    expect(res.body.data.refreshToken).not.toBe(session.refreshToken);
    await http().get('/api/me').set({ Authorization: `Bearer ${res.body.data.jwt}` }).expect(200);
  });

  it('answer a retry of a rotated token within 30 s (its answer was lost) with the same new pair, while that pair is unused', async () => {
    const session = await signIn('sam');
    const rotated = await refresh(session.refreshToken).expect(200);
    const retry = await refresh(session.refreshToken);
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual(rotated.body.data);
    // Nothing was revoked: the pair works, once.
    const next = await refresh(rotated.body.data.refreshToken).expect(200);
    expect(next.body.data.refreshToken).not.toBe(rotated.body.data.refreshToken);
    // The pair is kept only encrypted: no stored column holds a usable token.
    const rows = await getStrapi().db.connection('wechat_refresh_tokens').where({ user_id: session.userId }).select('*');
    const stored = JSON.stringify(rows);
    for (const token of [session.refreshToken, rotated.body.data.refreshToken, next.body.data.refreshToken, rotated.body.data.jwt]) expect(stored).not.toContain(token);
  });

  it('treat a rotated token as reused once its successor was used, and revoke the whole sign-in', async () => {
    const session = await signIn('sid');
    const rotated = await refresh(session.refreshToken).expect(200);
    const next = await refresh(rotated.body.data.refreshToken).expect(200);
    const reuse = await refresh(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.message).toMatch(/already used/);
    expect(reuse.body.error.details).toEqual({ reason: 'reused' });
    // Every token of the family is dead now, and says so.
    const after = await refresh(next.body.data.refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('revoked');
  });

  it('treat a rotated token presented after the 30 s grace as reused', async () => {
    const session = await signIn('sue');
    const rotated = await refresh(session.refreshToken).expect(200);
    await getStrapi().db.connection('wechat_refresh_tokens').whereNotNull('rotated_at').where({ user_id: session.userId }).update({ rotated_at: new Date(Date.now() - 31_000) });
    const late = await refresh(session.refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.error.details.reason).toBe('reused');
    expect((await refresh(rotated.body.data.refreshToken)).status).toBe(401);
  });

  it('answer many concurrent refreshes with one token with one and the same new pair, and revoke nothing', async () => {
    const session = await signIn('tom');
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(session.refreshToken)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const pairs = new Set(results.map((r) => JSON.stringify(r.body.data)));
    expect(pairs.size).toBe(1);
    const rows = await getStrapi().db.connection('wechat_refresh_tokens').where({ user_id: session.userId }).select('rotated_at', 'revoked_at');
    expect(rows).toHaveLength(2);
    expect(rows.filter((row: { revoked_at: unknown }) => row.revoked_at !== null)).toEqual([]);
    await refresh(results[0].body.data.refreshToken).expect(200);
  });

  it('keep other sign-ins of the same person working when one family is revoked', async () => {
    const phone = await signIn('uma');
    const tablet = await signIn('uma');
    const rotated = await refresh(phone.refreshToken).expect(200);
    await refresh(rotated.body.data.refreshToken).expect(200);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await refresh(tablet.refreshToken)).status).toBe(200);
  });

  it('refuse unknown, malformed and missing tokens with 4xx in the envelope', async () => {
    const unknown = await refresh('rt_not-a-real-token-at-all');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.details).toEqual({ reason: 'invalid' });
    for (const body of [{}, { refreshToken: 12 }, { refreshToken: 'short' }, { refreshToken: 'x'.repeat(300) }]) {
      const res = await http().post('/api/auth/refresh').set('X-Forwarded-For', randomIp()).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });

  it('refuse an expired refresh token', async () => {
    const session = await signIn('val');
    await getStrapi().db.connection('wechat_refresh_tokens').where({ user_id: session.userId }).update({ expires_at: new Date(Date.now() - 1000) });
    const res = await refresh(session.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
    expect(res.body.error.details).toEqual({ reason: 'expired' });
  });

  it('allow 30 refreshes a minute per user, then answer 429 with Retry-After', async () => {
    let token = (await signIn('wes')).refreshToken;
    for (let i = 0; i < 30; i += 1) {
      const res = await refresh(token).expect(200);
      token = res.body.data.refreshToken;
    }
    const limited = await refresh(token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The refused attempt did not spend the token.
    expect(await getService(getStrapi(), 'refreshTokens').ownerOf(token)).not.toBeNull();
  });
});

describe('logout', () => {
  it('revokes the refresh token of this sign-in', async () => {
    const session = await signIn('xia');
    const res = await http().post('/api/auth/logout').send({ refreshToken: session.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: true });
    const after = await refresh(session.refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.error.details).toEqual({ reason: 'revoked' });
  });

  it('is idempotent for a token that is already gone', async () => {
    await http().post('/api/auth/logout').send({ refreshToken: 'rt_unknown-token-value' }).expect(200);
  });

  it('keeps the access token until it expires (it is short-lived: 2 h by default)', async () => {
    const session = await signIn('yan');
    await http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(200);
    await http().get('/api/me').set(session.auth).expect(200);
    const { exp, iat } = JSON.parse(Buffer.from(session.jwt.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(2 * 3600);
  });
});

describe('blocked accounts', () => {
  it('are refused on sign-in, on refresh and on every authenticated call', async () => {
    const session = await signIn('zed');
    // An admin blocks the user in the admin panel.
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: session.userId }, data: { blocked: true } });

    expect((await http().get('/api/me').set(session.auth)).status).toBe(401);
    expect((await http().get('/api/habits').set(session.auth)).status).toBe(401);
    const refused = await refresh(session.refreshToken);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/blocked/);
    const again = await login('zed');
    expect(again.res.status).toBe(403);
    expect(again.res.body.error.message).toMatch(/blocked/);

    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: session.userId }, data: { blocked: false } });
    expect((await refresh(session.refreshToken)).status).toBe(200);
  });
});

describe('deleting one\'s account', () => {
  it('stops every token at once, and signing in within 30 days restores the account with its data', async () => {
    const session = await signIn('abe');
    const habit = await http().post('/api/habits').set(session.auth).send({ data: { title: 'Floss' } }).expect(201);

    const deleted = await http().delete('/api/me').set(session.auth);
    expect(deleted.status).toBe(200);
    const { deletedAt, purgeAfter } = deleted.body.data as { deletedAt: string; purgeAfter: string };
    expect(new Date(purgeAfter).getTime() - new Date(deletedAt).getTime()).toBe(30 * 86_400_000);

    expect((await http().get('/api/me').set(session.auth)).status).toBe(401);
    const refused = await refresh(session.refreshToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error.details.reason).toBe('account_deleted');

    const back = await signIn('abe');
    expect(back.userId).toBe(session.userId);
    const habits = await http().get('/api/habits').set(back.auth).expect(200);
    expect(habits.body.data.map((h: { documentId: string }) => h.documentId)).toEqual([habit.body.data.documentId]);
  });

  it('is purged after the grace period by the scheduled job, keeping orders anonymised', async () => {
    const strapi = getStrapi();
    const session = await signIn('bea');
    await http().post('/api/habits').set(session.auth).send({ data: { title: 'Walk' } }).expect(201);
    const order = (await strapi.documents('api::order.order').create({
      data: { orderNo: `P${Date.now()}`, user: session.userId, status: 'completed', payMethod: 'points', totalPoints: 100, itemCount: 1, title: 'Pen' },
    } as never)) as { id: number };
    await http().delete('/api/me').set(session.auth).expect(200);

    const profile = getService(strapi, 'profile');
    expect(await profile.purgeExpired(new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await profile.purgeExpired(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);

    const knex = strapi.db.connection;
    expect(await knex('up_users').where({ id: session.userId }).first()).toBeUndefined();
    expect(await knex('habits').where({ user_id: session.userId }).first()).toBeUndefined();
    expect(await knex('wechat_refresh_tokens').where({ user_id: session.userId }).first()).toBeUndefined();
    expect(await knex('wechat_sessions').where({ user_id: session.userId }).first()).toBeUndefined();
    expect((await knex('orders').where({ id: order.id }).first('user_id')).user_id).toBeNull();

    // The same person signing in later gets a brand-new, empty account.
    const fresh = await signIn('bea');
    expect(fresh.userId).not.toBe(session.userId);
    expect((await http().get('/api/habits').set(fresh.auth).expect(200)).body.data).toEqual([]);
  });

  it('runs the purge on one instance at a time', async () => {
    const { runLocked } = await import('../../src/services/jobs');
    const strapi = getStrapi();
    let running = 0;
    let maxRunning = 0;
    const work = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running -= 1;
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runLocked(strapi, 'test-purge', 60, work)));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(maxRunning).toBe(1);
  });
});
