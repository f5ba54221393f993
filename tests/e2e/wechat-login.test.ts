import { fakeIdentityFor } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { capturedLogLines, registerSecret } from '../helpers/audit';
import { getStrapi, http } from '../helpers/strapi';
import { codeFor, fakeWeChat, identityOf, login, randomIp, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID, WECHAT_APP_SECRET } from '../helpers/wechat';

/** Mini-program sign-in: wx.login code -> POST /api/wechat/login -> tokens, against a fake WeChat over HTTP. */
const usersWithOpenid = async (openid: string) =>
  Number((await getStrapi().db.connection('up_users').where({ openid }).count<{ n: number }[]>({ n: '*' }))[0].n);

const loginWithCode = (code: string, body: Record<string, unknown> = {}) =>
  http().post('/api/wechat/login').set('X-Forwarded-For', randomIp()).send({ code, ...body });

beforeAll(async () => {
  await setupWeChat();
});
afterAll(teardownWeChat);
beforeEach(() => fakeWeChat().reset());

describe('first and later sign-ins', () => {
  it('creates one account on the first sign-in and returns tokens and the profile', async () => {
    const { res, session } = await login('ann', { nickname: 'Ann' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      jwt: expect.any(String),
      refreshToken: expect.stringMatching(/^rt_/),
      user: expect.objectContaining({ id: expect.any(Number), nickname: 'Ann', timezone: 'Asia/Shanghai', makeupCards: 3, pointsBalance: 0 }),
    });
    expect(res.body.data.user).not.toHaveProperty('openid');
    expect(await usersWithOpenid(fakeIdentityFor(WECHAT_APP_ID, identityOf('ann')).openid)).toBe(1);

    const me = await http().get('/api/me').set(session!.auth).expect(200);
    expect(me.body.data.id).toBe(session!.userId);
  });

  it('returns the same account when the same person signs in again', async () => {
    const first = await login('ben');
    const second = await login('ben');
    expect(second.session!.userId).toBe(first.session!.userId);
    expect(second.session!.refreshToken).not.toBe(first.session!.refreshToken);
  });

  it('keys accounts by unionid when WeChat gives one', async () => {
    const { session } = await login('union_cat');
    const row = await getStrapi().db.connection('up_users').where({ id: session!.userId }).first('openid', 'unionid');
    const identity = fakeIdentityFor(WECHAT_APP_ID, identityOf('union_cat'));
    registerSecret(identity.unionid!);
    expect(row).toEqual({ openid: identity.openid, unionid: identity.unionid });
    expect((await login('union_cat')).session!.userId).toBe(session!.userId);
  });

  it('creates exactly one account when 50 first sign-ins of one person race', async () => {
    const person = `racer${Date.now()}`;
    const responses = await Promise.all(Array.from({ length: 50 }, () => loginWithCode(codeFor(person))));
    registerIssuedSecrets();
    // 20 get through the per-identity limit (20 a minute) and race to create the account; 30 get 429.
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(20);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(30);
    const ids = new Set(ok.map((r) => r.body.data.user.id));
    expect(ids.size).toBe(1);
    expect(await usersWithOpenid(fakeIdentityFor(WECHAT_APP_ID, identityOf(person)).openid)).toBe(1);
  });

  it('creates accounts nobody can sign in to with a password', async () => {
    const { session } = await login('dora');
    const row = await getStrapi().db.connection('up_users').where({ id: session!.userId }).first('password', 'email', 'provider');
    expect(row).toEqual({ password: null, email: null, provider: 'wechat' });
    const local = await http().post('/api/auth/local').send({ identifier: identityOf('dora'), password: 'anything' });
    expect([400, 403]).toContain(local.status);
  });
});

describe('what WeChat says no to', () => {
  it('answers an invalid code with 400 and tells the client to call wx.login again', async () => {
    const res = await loginWithCode('invalid-code-1');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { errcode: 40029 } });
    expect(res.body.error.message).toMatch(/wx\.login/);
  });

  it('answers a code used twice with 409', async () => {
    const code = codeFor('eve');
    expect((await loginWithCode(code)).status).toBe(200);
    const again = await loginWithCode(code);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ status: 409, details: { errcode: 40163 } });
  });

  it("answers WeChat's rate limit with 429 and Retry-After", async () => {
    const res = await loginWithCode('limited-1');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body.error.details.errcode).toBe(45011);
  });

  it('retries once when WeChat is busy, and succeeds if the retry does', async () => {
    fakeWeChat().failNext('jscode2session', -1, 1);
    const res = await loginWithCode(codeFor('fay'));
    expect(res.status).toBe(200);
    expect(fakeWeChat().stats.jscode2session).toBe(2);
  });

  it('answers 503 when WeChat stays busy', async () => {
    const res = await loginWithCode('busy-1');
    expect(res.status).toBe(503);
    expect(fakeWeChat().stats.jscode2session).toBe(2);
  });

  it('answers 503 when WeChat does not answer in time', async () => {
    const started = Date.now();
    const res = await loginWithCode(codeFor('slow-gus'));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/unavailable/);
    expect(Date.now() - started).toBeLessThan(6000); // gave up before the fake's slow answer
    expect(capturedLogLines().some((line) => /jscode2session unavailable: no answer within 3000 ms/.test(line))).toBe(true);
  });

  it('answers 503 when WeChat answers garbage', async () => {
    const res = await loginWithCode('garbage-1');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ data: null, error: { status: 503 } });
  });

  it('answers 503 and tells the operators, not the client, when our app credentials are wrong', async () => {
    const strapi = getStrapi();
    strapi.config.set('plugin::wechat.appSecret', `${WECHAT_APP_SECRET}-wrong`);
    try {
      const res = await loginWithCode(codeFor('hal'));
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/misconfigured/);
      expect(res.body.error.details).toEqual({ errcode: 40125 });
      expect(capturedLogLines().some((line) => /errcode 40125/.test(line) && /WECHAT_APP_SECRET/.test(line))).toBe(true);
    } finally {
      strapi.config.set('plugin::wechat.appSecret', WECHAT_APP_SECRET);
    }
    strapi.config.set('plugin::wechat.appId', 'wx-someone-else');
    try {
      expect((await loginWithCode(codeFor('hal'))).body.error.details).toEqual({ errcode: 40013 });
    } finally {
      strapi.config.set('plugin::wechat.appId', WECHAT_APP_ID);
    }
  });

  it('refuses a malformed request before asking WeChat', async () => {
    for (const body of [{}, { code: '' }, { code: 42 }, { code: 'a b' }, { code: 'x'.repeat(200) }, { code: 'ok1', isAdmin: true }]) {
      const res = await http().post('/api/wechat/login').set('X-Forwarded-For', randomIp()).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.name).toBe('ValidationError');
    }
    expect(fakeWeChat().stats.jscode2session).toBe(0);
  });
});

describe('profile fields sent with the sign-in', () => {
  it('refuses an avatar off the allowed hosts without spending the code', async () => {
    const code = codeFor('ivy');
    const bad = await loginWithCode(code, { avatar: 'https://evil.example.com/a.png' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/avatar/);
    const good = await loginWithCode(code, { avatar: 'https://thirdwx.qlogo.cn/mmopen/abc/132' });
    expect(good.status).toBe(200);
    expect(good.body.data.user.avatar).toBe('https://thirdwx.qlogo.cn/mmopen/abc/132');
  });

  it('signs in but leaves out a nickname that fails WeChat\'s content check', async () => {
    const res = await loginWithCode(codeFor('jay'), { nickname: 'forbidden name' });
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ ignored: ['nickname'] });
    expect(res.body.data.user.nickname).toBeNull();
  });
});

describe('rate limits', () => {
  it('lets 300 people sign in within a minute through one NAT address (a campus at 8 a.m.)', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let wave = 0; wave < 30; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => http().post('/api/wechat/login').set('X-Forwarded-For', ip).send({ code: codeFor(`campus${wave}-${i}`) })),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    registerIssuedSecrets();
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(statuses).toHaveLength(300);
  }, 120_000);

  it('stops one address guessing codes after 30 refused ones, then refuses even a good code with Retry-After', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      statuses.push((await http().post('/api/wechat/login').set('X-Forwarded-For', ip).send({ code: `invalid-guess-${i}-${Date.now()}` })).status);
    }
    expect(statuses).toEqual(Array(30).fill(400));
    const calls = fakeWeChat().stats.jscode2session;
    const limited = await http().post('/api/wechat/login').set('X-Forwarded-For', ip).send({ code: codeFor('guesser') });
    expect(limited.status).toBe(429);
    expect(limited.body.error.name).toBe('RateLimitError');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(fakeWeChat().stats.jscode2session).toBe(calls); // WeChat is not even asked
    // Sign-ins that succeed from another address are not counted against it.
    await http().post('/api/wechat/login').set('X-Forwarded-For', randomIp()).send({ code: codeFor('neighbour') }).expect(200);
    registerIssuedSecrets();
  });

  it('limits attempts per code even when they come from many IPs', async () => {
    const code = `invalid-guessing-${Date.now()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await loginWithCode(code)).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400));
    expect(statuses[5]).toBe(429);
  });

  it('limits one WeChat identity to 20 sign-ins a minute, from any address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await loginWithCode(codeFor('replayer'))).status);
    registerIssuedSecrets();
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses[20]).toBe(429);
    // Somebody else is not affected.
    expect((await loginWithCode(codeFor('bystander'))).status).toBe(200);
    registerIssuedSecrets();
  });
});

