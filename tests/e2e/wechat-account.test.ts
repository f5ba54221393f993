import { getService } from '../../src/plugins/wechat/server/src/utils/get-service';
import { getStrapi, http } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { fakeWeChat, registerIssuedSecrets, setupWeChat, signIn, teardownWeChat, type Session } from '../helpers/wechat';

/** The signed-in user's own account: profile, phone, export; and what the server keeps to itself. */
let session: Session;


beforeAll(async () => {
  await setupWeChat();
  session = await signIn('pat');
});
afterAll(teardownWeChat);

describe('GET and PUT /api/me', () => {
  it('shows the profile without any private field', async () => {
    const res = await http().get('/api/me').set(session.auth).expect(200);
    expect(Object.keys(res.body.data).sort()).toEqual(
      [
        'avatar', 'city', 'consecutiveDays', 'createdAt', 'dayStartHour', 'district', 'documentId', 'id', 'lastCheckInDate', 'lastLoginAt',
        'makeupCards', 'membershipExpiresAt', 'membershipTier', 'nickname', 'phoneMasked', 'pointsBalance', 'province', 'showInRanking',
        'smokingSettings', 'timezone', 'totalCheckInDays',
      ].sort(),
    );
  });

  it('changes what the user may change', async () => {
    const res = await http()
      .put('/api/me')
      .set(session.auth)
      .send({ nickname: '  Pat 🌱 ', timezone: 'America/New_York', dayStartHour: 4, province: '广东省', city: '深圳市', district: '南山区', showInRanking: false });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ nickname: 'Pat 🌱', timezone: 'America/New_York', dayStartHour: 4, city: '深圳市', showInRanking: false });
  });

  it.each([
    ['an unknown timezone', { timezone: 'Mars/Base' }, 'timezone'],
    ['an hour past 23', { dayStartHour: 24 }, 'dayStartHour'],
    ['a fractional hour', { dayStartHour: 1.5 }, 'dayStartHour'],
    ['a nickname of 21 characters', { nickname: 'x'.repeat(21) }, 'nickname'],
    ['a blank nickname', { nickname: '   ' }, 'nickname'],
    ['a nickname with control characters', { nickname: 'a\u0007b' }, 'nickname'],
    ['a right-to-left override', { nickname: 'abc\u202Egnp.exe' }, 'nickname'],
    ['an avatar on another host', { avatar: 'https://example.com/me.png' }, 'avatar'],
    ['an avatar over http', { avatar: 'http://thirdwx.qlogo.cn/x' }, 'avatar'],
    ['a field users cannot set', { pointsBalance: 1000000 }, ''],
    ['an empty update', {}, ''],
  ])('refuses %s with 400', async (_name, body, field) => {
    const res = await http().put('/api/me').set(session.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    if (field) expect(res.body.error.message).toContain(field);
  });

  it("refuses a nickname WeChat's content check rejects", async () => {
    const res = await http().put('/api/me').set(session.auth).send({ nickname: '赌博高手' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not allowed/);
    expect(fakeWeChat().stats.msg_sec_check).toBeGreaterThan(0);
  });

  it('answers 503, not 500, when the content check cannot be reached', async () => {
    fakeWeChat().failNext('msg_sec_check', -1, 2);
    const res = await http().put('/api/me').set(session.auth).send({ nickname: 'Pat again' });
    expect(res.status).toBe(503);
  });

  it('needs a signed-in user', async () => {
    expect([401, 403]).toContain((await http().get('/api/me')).status);
    expect([401, 403]).toContain((await http().put('/api/me').send({ nickname: 'x' })).status);
  });
});

describe('binding a phone number', () => {
  it('stores it encrypted and shows only a masked form', async () => {
    const res = await http().post('/api/wechat/phone').set(session.auth).send({ code: 'phone-13800138000' });
    expect(res.status).toBe(200);
    expect(res.body.data.phoneMasked).toBe('138****8000');
    expect(JSON.stringify(res.body)).not.toContain('13800138000');

    const row = await getStrapi().db.connection('up_users').where({ id: session.userId }).first('phone_cipher');
    expect(row.phone_cipher).toMatch(/^v1\./);
    expect(row.phone_cipher).not.toContain('13800138000');
    expect(getService(getStrapi(), 'dataCipher').decrypt(row.phone_cipher)).toBe('+86 13800138000');
  });

  it('answers an invalid phone code with 400', async () => {
    const res = await http().post('/api/wechat/phone').set(session.auth).send({ code: 'invalid-phone' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/phone code/);
  });

  it('renews the access token once when WeChat says it expired, and carries on', async () => {
    fakeWeChat().expireAccessTokens();
    const res = await http().post('/api/wechat/phone').set(session.auth).send({ code: 'phone-13900139000' });
    expect(res.status).toBe(200);
    expect(res.body.data.phoneMasked).toBe('139****9000');
  });

  it('needs a signed-in user', async () => {
    expect([401, 403]).toContain((await http().post('/api/wechat/phone').send({ code: 'phone-1' })).status);
  });
});

describe('the access token', () => {
  it('is fetched from WeChat once when 20 callers need it at the same time', async () => {
    const strapi = getStrapi();
    fakeWeChat().expireAccessTokens();
    fakeWeChat().reset();
    // Nothing cached: every caller misses at once.
    const { keyValueStore } = await import('../../src/services/key-value');
    await keyValueStore(strapi).del(`wechat:access-token:${strapi.config.get('plugin::wechat.appId')}`);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getService(strapi, 'wechatApi').getAccessToken()));
    registerIssuedSecrets();
    expect(new Set(tokens).size).toBe(1);
    expect(fakeWeChat().stats.stable_token).toBe(1);
  });

  it('is served from the cache afterwards', async () => {
    const before = fakeWeChat().stats.stable_token;
    const others = await Promise.all(['qin', 'ray', 'sue'].map(signIn));
    await Promise.all(others.map((s, i) => http().post('/api/wechat/phone').set(s.auth).send({ code: `phone-1370000000${i}` }).expect(200)));
    expect(fakeWeChat().stats.getuserphonenumber).toBeGreaterThanOrEqual(3);
    expect(fakeWeChat().stats.stable_token).toBe(before);
  });
});

describe('the WeChat session key', () => {
  it('is kept encrypted, one per user, replaced at every sign-in, and never sent anywhere', async () => {
    const knex = getStrapi().db.connection;
    const before = await knex('wechat_sessions').where({ user_id: session.userId }).select('session_key_cipher');
    expect(before).toHaveLength(1);
    const again = await signIn('pat');
    expect(again.userId).toBe(session.userId);
    const after = await knex('wechat_sessions').where({ user_id: session.userId }).select('session_key_cipher');
    expect(after).toHaveLength(1);
    expect(after[0].session_key_cipher).not.toBe(before[0].session_key_cipher);
    const latest = fakeWeChat().issuedSessionKeys.at(-1)!;
    expect(after[0].session_key_cipher).not.toContain(latest);
    expect(getService(getStrapi(), 'dataCipher').decrypt(after[0].session_key_cipher)).toBe(latest);
    // The response audit after this file checks every body and log line for every issued session key.
  });

  it('is not visible in the admin panel', () => {
    const contentType = getStrapi().contentType('plugin::wechat.session' as never) as { pluginOptions: Record<string, { visible: boolean }> };
    expect(contentType.pluginOptions['content-manager'].visible).toBe(false);
  });
});

describe('GET /api/me/export', () => {
  it("contains the user's own records and nobody else's, without private fields", async () => {
    const mine = await http().post('/api/habits').set(session.auth).send({ data: { title: 'Export me' } }).expect(201);
    const other = await createUser();
    await http().post('/api/habits').set(other.auth).send({ data: { title: 'Not yours' } }).expect(201);

    const res = await http().get('/api/me/export').set(session.auth).expect(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const { profile, records } = res.body.data as { profile: { id: number }; records: Record<string, Array<{ title?: string; documentId: string }>> };
    expect(profile.id).toBe(session.userId);
    expect(records.habits.map((h) => h.documentId)).toContain(mine.body.data.documentId);
    expect(records.habits.map((h) => h.title)).not.toContain('Not yours');
    expect(Object.keys(records)).toEqual(expect.arrayContaining(['habits', 'check-ins', 'diaries', 'tasks', 'posts', 'orders']));
  });
});
