import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeIdentityFor, RISKY_MEDIA_MARKER, startFakeWeChatServer, type FakeWeChatServer } from '../fake-wechat-server';

/** Real HTTP against one started fake, the way the app's WeChat client talks to it. */

const APP_ID = 'wxfake0123456789ab';
const APP_SECRET = 'fake-secret-0123456789abcdef';
const SLOW_MS = 200;

type Json = Record<string, unknown>;

let fake: FakeWeChatServer;

beforeAll(async () => {
  fake = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET, slowMs: SLOW_MS });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

const login = async (code: string, overrides: Record<string, string | undefined> = {}) => {
  const params: Record<string, string | undefined> = {
    appid: APP_ID,
    secret: APP_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const res = await fetch(`${fake.url}/sns/jscode2session?${query.toString()}`);
  return res;
};

const loginJson = async (code: string, overrides: Record<string, string | undefined> = {}): Promise<Json> => {
  const res = await login(code, overrides);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  return (await res.json()) as Json;
};

const postRaw = (path: string, body: string) =>
  fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

const postJson = async (path: string, body: unknown): Promise<Json> => {
  const res = await postRaw(path, JSON.stringify(body));
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
};

const stableToken = (body: Json = {}) =>
  postJson('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, ...body });

const accessToken = async (): Promise<string> => {
  const body = await stableToken();
  expect(typeof body.access_token).toBe('string');
  return body.access_token as string;
};

const phoneNumber = (token: string, code: string) =>
  postJson(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { code });

const secCheck = (token: string, body: Json) =>
  postJson(`/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, { version: 2, scene: 2, ...body });

const subscribeSend = (token: string, body: Json) =>
  postJson(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, body);

const expectWxError = (body: Json, errcode: number, text: string) => {
  expect(body.errcode).toBe(errcode);
  // WeChat appends a request id to every error message.
  expect(body.errmsg).toMatch(new RegExp(`^${text}, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`));
};

/** An openid of the shape WeChat issues (the fake refuses others with 40003). */
const OPENID = 'o' + 'a'.repeat(27);

describe('jscode2session', () => {
  it('answers a good code with openid and session_key and no errcode', async () => {
    const body = await loginJson('alice.1');
    expect(Object.keys(body).sort()).toEqual(['openid', 'session_key']);
    expect(body.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(Buffer.from(body.session_key as string, 'base64')).toHaveLength(16);
    expect(fake.issuedSessionKeys).toContain(body.session_key);
    expect(fake.stats.jscode2session).toBe(1);
  });

  it('gives one identity the same openid and a fresh session key on every login', async () => {
    const first = await loginJson('alice.1');
    const second = await loginJson('alice.2');
    const other = await loginJson('bob.1');
    expect(second.openid).toBe(first.openid);
    expect(second.session_key).not.toBe(first.session_key);
    expect(other.openid).not.toBe(first.openid);
  });

  it('adds a unionid only for union_ identities', async () => {
    const plain = await loginJson('carol.1');
    const union = await loginJson('union_carol.1');
    expect(plain).not.toHaveProperty('unionid');
    expect(union.unionid).toMatch(/^U[A-Za-z0-9_-]{27}$/);
  });

  it('derives the same openid and unionid that fakeIdentityFor predicts', async () => {
    const body = await loginJson('union_dave.7');
    const predicted = fakeIdentityFor(APP_ID, 'union_dave.7');
    expect(predicted.identity).toBe('union_dave');
    expect(body.openid).toBe(predicted.openid);
    expect(body.unionid).toBe(predicted.unionid);
    expect(fakeIdentityFor(APP_ID, 'dave.1').unionid).toBeUndefined();
  });

  it('makes each code without a dot its own person, unless started with a DevTools person', async () => {
    const [a, b] = [await loginJson('0a1b2c3d4e5f6g7h'), await loginJson('0z9y8x7w6v5u4t3s')];
    expect(a.openid).not.toBe(b.openid);
    const devtools = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET, devtoolsPerson: 'demo' });
    try {
      const ask = async (code: string) =>
        (await (await fetch(`${devtools.url}/sns/jscode2session?appid=${APP_ID}&secret=${APP_SECRET}&js_code=${code}&grant_type=authorization_code`)).json()) as Json;
      const [first, second, named] = [await ask('0a1b2c3d4e5f6g7h'), await ask('0z9y8x7w6v5u4t3s'), await ask('demo.1')];
      expect(second.openid).toBe(first.openid);
      expect(named.openid).toBe(first.openid);
      expect(first.openid).toBe(fakeIdentityFor(APP_ID, 'anything-without-a-dot', 'demo').openid);
      expect((await ask('erin.1')).openid).not.toBe(first.openid);
      expect((await ask('invalid-code')).errcode).toBe(40029);
    } finally {
      await devtools.close();
    }
  });

  it('keeps the unionid across apps but gives each app its own openid', () => {
    const a = fakeIdentityFor('wxapp_a', 'union_erin.1');
    const b = fakeIdentityFor('wxapp_b', 'union_erin.1');
    expect(a.unionid).toBe(b.unionid);
    expect(a.openid).not.toBe(b.openid);
  });

  it('answers a second use of one code with 40163', async () => {
    expect(await loginJson('frank.1')).toHaveProperty('openid');
    expectWxError(await loginJson('frank.1'), 40163, 'code been used');
  });

  it('answers a wrong appid with 40013', async () => {
    expectWxError(await loginJson('alice.1', { appid: 'wxsomeoneelse' }), 40013, 'invalid appid');
  });

  it('answers a wrong secret with 40125', async () => {
    expectWxError(await loginJson('alice.1', { secret: 'nope' }), 40125, 'invalid appsecret');
  });

  it('checks the appid before the secret', async () => {
    expectWxError(await loginJson('alice.1', { appid: 'wxother', secret: 'nope' }), 40013, 'invalid appid');
  });

  it('answers a wrong grant_type with 40002', async () => {
    expectWxError(await loginJson('alice.1', { grant_type: 'client_credential' }), 40002, 'invalid grant_type');
  });

  it('answers a missing or empty code with 41008', async () => {
    expectWxError(await loginJson('', {}), 41008, 'missing code');
    expectWxError(await loginJson('ignored', { js_code: undefined }), 41008, 'missing code');
  });

  it('answers an invalid- code with 40029', async () => {
    expectWxError(await loginJson('invalid-alice.1'), 40029, 'invalid code');
  });

  it('answers a busy- code with -1 system error', async () => {
    expectWxError(await loginJson('busy-alice.1'), -1, 'system error');
  });

  it('answers a limited- code with 45011', async () => {
    expectWxError(
      await loginJson('limited-alice.1'),
      45011,
      'api minute-quota reach limit  mustslower  retry next minute',
    );
  });

  it('does not burn a code that failed', async () => {
    expectWxError(await loginJson('busy-gina.1'), -1, 'system error');
    expectWxError(await loginJson('busy-gina.1'), -1, 'system error');
  });

  it('answers a garbage- code with an HTML 502', async () => {
    const res = await login('garbage-alice.1');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe('<html><body>502 Bad Gateway</body></html>');
  });

  it('answers a slow- code normally after slowMs', async () => {
    const started = performance.now();
    const body = await loginJson('slow-hank.1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS);
    expect(body.openid).toBe(fakeIdentityFor(APP_ID, 'slow-hank.1').openid);
    expect(body).not.toHaveProperty('errcode');
  });

  it('answers a POST with 43001', async () => {
    const res = await postRaw('/sns/jscode2session', '{}');
    expectWxError((await res.json()) as Json, 43001, 'require GET method');
  });
});

describe('stable_token', () => {
  it('returns the same token with the remaining lifetime until force_refresh', async () => {
    const first = await stableToken();
    expect(first.access_token).toEqual(expect.any(String));
    expect(first.expires_in).toBe(7200);
    expect(first).not.toHaveProperty('errcode');

    const again = await stableToken();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeGreaterThan(7000);
    expect(again.expires_in).toBeLessThanOrEqual(7200);

    const refreshed = await stableToken({ force_refresh: true });
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.expires_in).toBe(7200);
    expect(fake.issuedAccessTokens).toEqual(expect.arrayContaining([first.access_token, refreshed.access_token]));

    expect((await stableToken()).access_token).toBe(refreshed.access_token);
    expect(fake.stats.stable_token).toBe(4);
  });

  it('keeps the previous token usable for a while after a force_refresh', async () => {
    const old = await accessToken();
    const fresh = (await stableToken({ force_refresh: true })).access_token as string;
    expect((await phoneNumber(old, 'phone-13800138000')).errcode).toBe(0);
    expect((await phoneNumber(fresh, 'phone-13800138000')).errcode).toBe(0);
  });

  it('answers a wrong appid with 40013, a wrong secret with 40125 and a wrong grant_type with 40002', async () => {
    expectWxError(await stableToken({ appid: 'wxother' }), 40013, 'invalid appid');
    expectWxError(await stableToken({ secret: 'nope' }), 40125, 'invalid appsecret');
    expectWxError(await stableToken({ grant_type: 'authorization_code' }), 40002, 'invalid grant_type');
    expect(fake.issuedAccessTokens).toHaveLength(new Set(fake.issuedAccessTokens).size);
  });

  it('answers 47003 naming the key for a value over its kind\'s limit, and 40003 for a touser that is not an openid', async () => {
    const token = await accessToken();
    expectWxError(
      await subscribeSend(token, { touser: OPENID, template_id: 'tmpl', data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }),
      47003,
      'argument invalid! data.thing1.value invalid',
    );
    expectWxError(await subscribeSend(token, { touser: OPENID, template_id: 'tmpl', data: { phrase2: { value: '六个字的短语' } } }), 47003, 'argument invalid! data.phrase2.value invalid');
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect((await subscribeSend(token, { touser: OPENID, template_id: 'tmpl', data: { thing1: { value: twenty } } })).errcode).toBe(0);
    expectWxError(await subscribeSend(token, { touser: 'not-an-openid', template_id: 'tmpl', data: { thing1: { value: 'x' } } }), 40003, 'invalid openid');
    expect(fake.sentMessages).toHaveLength(1);
  });

  it('answers 43101 for a subscription the user refused, to that user and template only', async () => {
    const token = await accessToken();
    const other = 'o' + 'b'.repeat(27);
    fake.refuseSubscription(OPENID, 'tmpl-a');
    expectWxError(await subscribeSend(token, { touser: OPENID, template_id: 'tmpl-a', data: { thing1: { value: 'x' } } }), 43101, 'user refuse to accept the msg');
    expect((await subscribeSend(token, { touser: other, template_id: 'tmpl-a', data: { thing1: { value: 'x' } } })).errcode).toBe(0);
    expect((await subscribeSend(token, { touser: OPENID, template_id: 'tmpl-b', data: { thing1: { value: 'x' } } })).errcode).toBe(0);
  });

  it('holds a request unanswered with holdNext until the client gives up, then answers the next one', async () => {
    const token = await accessToken();
    fake.holdNext('subscribe_send');
    expect(fake.heldNow('subscribe_send')).toBe(0); // armed, but nothing has arrived to hold
    const answer = fetch(`${fake.url}/cgi-bin/message/subscribe/send?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: OPENID, template_id: 'tmpl', data: { thing1: { value: 'x' } } }),
      signal: AbortSignal.timeout(1000),
    }).then(() => 'answered', (error: Error) => error.name);
    while (fake.heldNow('subscribe_send') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.heldNow('subscribe_send')).toBe(1);
    expect(await answer).toBe('TimeoutError');
    while (fake.heldNow('subscribe_send') > 0) await new Promise((resolve) => setTimeout(resolve, 10)); // the client went
    expect(fake.sentMessages).toEqual([]);
    expect((await subscribeSend(token, { touser: OPENID, template_id: 'tmpl', data: { thing1: { value: 'x' } } })).errcode).toBe(0);
  });

  it('answers malformed JSON with 47001', async () => {
    const res = await postRaw('/cgi-bin/stable_token', '{"grant_type": ');
    expect(res.status).toBe(200);
    expectWxError((await res.json()) as Json, 47001, 'data format error');
  });

  it('answers a GET with 43002', async () => {
    const res = await fetch(`${fake.url}/cgi-bin/stable_token`);
    expectWxError((await res.json()) as Json, 43002, 'require POST method');
  });
});

describe('access_token endpoints', () => {
  it('answers a missing access_token with 41001 and an unknown one with 40001', async () => {
    expectWxError(await postJson('/wxa/business/getuserphonenumber', { code: 'x' }), 41001, 'access_token missing');
    expectWxError(
      await phoneNumber('not-a-token', 'x'),
      40001,
      'invalid credential, access_token is invalid or not latest',
    );
  });

  it('answers with 40001 after expireAccessTokens', async () => {
    const token = await accessToken();
    expect((await phoneNumber(token, 'phone-13800138000')).errcode).toBe(0);
    fake.expireAccessTokens();
    expectWxError(await phoneNumber(token, 'phone-13800138000'), 40001, 'invalid credential, access_token is invalid or not latest');
    const next = await accessToken();
    expect(next).not.toBe(token);
    expect((await phoneNumber(next, 'phone-13800138000')).errcode).toBe(0);
  });

  it('returns the phone number a phone- code names', async () => {
    const token = await accessToken();
    const body = await phoneNumber(token, 'phone-13800138000');
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: expect.any(Number), appid: APP_ID },
      },
    });
  });

  it('derives a stable 138 number from any other phone code', async () => {
    const token = await accessToken();
    const first = (await phoneNumber(token, 'some-code')).phone_info as Json;
    const second = (await phoneNumber(token, 'some-code')).phone_info as Json;
    expect(first.purePhoneNumber).toMatch(/^138\d{8}$/);
    expect(second.purePhoneNumber).toBe(first.purePhoneNumber);
  });

  it('answers invalid- and busy- phone codes with 40029 and -1', async () => {
    const token = await accessToken();
    expectWxError(await phoneNumber(token, 'invalid-x'), 40029, 'invalid code');
    expectWxError(await phoneNumber(token, 'busy-x'), -1, 'system error');
    expect(fake.stats.getuserphonenumber).toBe(2);
  });

  it('passes harmless content and flags content with forbidden words as risky', async () => {
    const token = await accessToken();
    const pass = await secCheck(token, { content: '今天跑步五公里', openid: 'o_user' });
    expect(pass).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } });
    expect(pass.trace_id).toEqual(expect.any(String));

    for (const content of ['这里有赌博', '违禁品', 'this is FORBIDDEN stuff']) {
      const risky = await secCheck(token, { content, openid: 'o_user' });
      expect(risky).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20001 } });
      expect(Array.isArray(risky.detail)).toBe(true);
      expect(risky.trace_id).toEqual(expect.any(String));
    }
  });

  it('answers msg_sec_check without an openid with 40003', async () => {
    const token = await accessToken();
    expectWxError(await secCheck(token, { content: 'hello' }), 40003, 'invalid openid');
  });

  it('accepts a subscribe message, returns a msgid and records the body', async () => {
    const token = await accessToken();
    const message = {
      touser: OPENID,
      template_id: 'tmpl-daily-reminder',
      page: 'pages/index/index',
      data: { thing1: { value: '打卡提醒' } },
      miniprogram_state: 'developer',
      lang: 'zh_CN',
    };
    const body = await subscribeSend(token, message);
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(fake.sentMessages).toEqual([message]);
  });

  it('answers an unsubscribed- template with 43101 and a missing template_id with 40037', async () => {
    const token = await accessToken();
    expectWxError(
      await subscribeSend(token, { touser: OPENID, template_id: 'unsubscribed-tmpl', data: {} }),
      43101,
      'user refuse to accept the msg',
    );
    expectWxError(await subscribeSend(token, { touser: OPENID, data: {} }), 40037, 'invalid template_id');
    expect(fake.sentMessages).toEqual([]);
  });

  it('answers malformed JSON with 47001', async () => {
    const token = await accessToken();
    const res = await postRaw(`/wxa/msg_sec_check?access_token=${token}`, 'not json');
    expectWxError((await res.json()) as Json, 47001, 'data format error');
  });
});

describe('control surface', () => {
  it('answers an unknown path with a 404 and 40066', async () => {
    const res = await fetch(`${fake.url}/cgi-bin/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expectWxError((await res.json()) as Json, 40066, 'invalid url');
  });

  it('starts every endpoint key at zero calls', () => {
    expect(fake.stats).toEqual({
      jscode2session: 0,
      stable_token: 0,
      getuserphonenumber: 0,
      msg_sec_check: 0,
      subscribe_send: 0,
      media_check_async: 0,
    });
  });

  it('answers the next queued calls with the failNext errcode before any other check', async () => {
    fake.failNext('jscode2session', -1, 2);
    // Even a call that would fail otherwise (wrong appid) gets the queued failure first.
    expect(await loginJson('ivan.1', { appid: 'wxother' })).toEqual({ errcode: -1, errmsg: 'fake failure' });
    expect(await loginJson('ivan.1')).toEqual({ errcode: -1, errmsg: 'fake failure' });
    expect(await loginJson('ivan.1')).toHaveProperty('openid');
    expect(fake.stats.jscode2session).toBe(3);

    fake.failNext('stable_token', 45009);
    expect(await stableToken()).toEqual({ errcode: 45009, errmsg: 'fake failure' });
    expect(await stableToken()).toHaveProperty('access_token');
  });

  it('rejects failNext for an unknown endpoint key', () => {
    expect(() => fake.failNext('jscode2sesion', -1)).toThrow(/unknown endpoint key/);
  });

  it('forgets calls, used codes, tokens, messages and queued failures on reset', async () => {
    const token = await accessToken();
    await loginJson('judy.1');
    await subscribeSend(token, { touser: OPENID, template_id: 'tmpl', data: { thing1: { value: 'x' } } });
    fake.failNext('msg_sec_check', -1);
    expect(fake.sentMessages).toHaveLength(1);

    fake.reset();

    expect(Object.values(fake.stats)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(fake.sentMessages).toEqual([]);
    expect(await loginJson('judy.1')).toHaveProperty('openid');
    expectWxError(await phoneNumber(token, 'phone-1'), 40001, 'invalid credential, access_token is invalid or not latest');
    const fresh = await accessToken();
    expect(fresh).not.toBe(token);
    expect((await secCheck(fresh, { content: 'hi', openid: 'o_user' })).errcode).toBe(0);
  });
});

describe('media_check_async (v2) and its pushed verdict', () => {
  it('answers only a trace id, then pushes the verdict signed with the push token to the push URL', async () => {
    const received: Array<{ query: URLSearchParams; body: Json }> = [];
    const app = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += String(chunk)));
      req.on('end', () => {
        received.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body: JSON.parse(text) as Json });
        res.end('success');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      fake.setPushTarget({ url: `http://127.0.0.1:${(app.address() as AddressInfo).port}/push`, token: 'pushtoken1' });
      const token = await accessToken();
      const answer = await postJson(`/wxa/media_check_async?access_token=${encodeURIComponent(token)}`, {
        media_url: `https://cdn.example.com/${RISKY_MEDIA_MARKER}.png`,
        media_type: 2,
        version: 2,
        scene: 3,
        openid: 'o-reader',
      });
      expect(Object.keys(answer).sort()).toEqual(['errcode', 'errmsg', 'trace_id']);
      while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const [{ query, body }] = received;
      const expected = createHash('sha1').update(['pushtoken1', query.get('timestamp'), query.get('nonce')].sort().join('')).digest('hex');
      expect(query.get('signature')).toBe(expected);
      expect(body).toMatchObject({ Event: 'wxa_media_check', appid: APP_ID, trace_id: answer.trace_id, version: 2, errcode: 0, result: { suggest: 'risky', label: 20002 } });
      // The fake notes the delivery once the push target's answer is back, a moment after the body arrived.
      while (fake.mediaChecks.at(-1)?.pushed === null) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(fake.mediaChecks.at(-1)).toMatchObject({ traceId: answer.trace_id, suggest: 'risky', pushed: 200 });
    } finally {
      fake.setPushTarget(null);
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it('refuses a request without openid, URL or version 2 like WeChat', async () => {
    const token = await accessToken();
    const check = (body: Json) => postJson(`/wxa/media_check_async?access_token=${encodeURIComponent(token)}`, body);
    const good = { media_url: 'https://cdn.example.com/a.png', media_type: 2, version: 2, scene: 3, openid: 'o-reader' };
    expectWxError(await check({ ...good, openid: '' }), 40003, 'invalid openid');
    expectWxError(await check({ ...good, media_url: 'ftp://x' }), 47001, 'data format error');
    expectWxError(await check({ ...good, version: 1 }), 47001, 'data format error');
    expectWxError(await postJson('/wxa/media_check_async', good), 41001, 'access_token missing');
  });
});
