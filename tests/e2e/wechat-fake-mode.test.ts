import { getService } from '../../src/plugins/wechat/server/src/utils/get-service';
import { registerSecret } from '../helpers/audit';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';

/** WECHAT_MODE=fake: what `npm run develop` offers a mini-program developer with no WeChat credentials. */
beforeAll(async () => {
  await setupStrapi({ WECHAT_MODE: 'fake', WECHAT_APP_ID: undefined, WECHAT_APP_SECRET: undefined, WECHAT_API_BASE: undefined });
});
afterAll(teardownStrapi);

const run = Date.now();

describe('fake mode', () => {
  it('starts an in-process fake WeChat and points the client at it', () => {
    const config = getStrapi().config.get('plugin::wechat') as { apiBase: string; appId: string; appSecret: string };
    registerSecret(config.appSecret);
    expect(config.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.appId).toBe('wx0000000000fake00');
  });

  it('signs a developer in with any code and lets them call authenticated endpoints', async () => {
    const res = await http().post('/api/wechat/login').send({ code: `alice${run}.1` });
    expect(res.status).toBe(200);
    registerSecret(res.body.data.refreshToken, { fromNow: true });
    const me = await http().get('/api/me').set({ Authorization: `Bearer ${res.body.data.jwt}` }).expect(200);
    expect(me.body.data.id).toBe(res.body.data.user.id);
    const again = await http().post('/api/wechat/login').send({ code: `alice${run}.2` });
    registerSecret(again.body.data.refreshToken, { fromNow: true });
    expect(again.body.data.user.id).toBe(res.body.data.user.id);
  });

  it('signs every WeChat DevTools code (no dot, new each time) in as the one demo person, and named codes as their own', async () => {
    // What DevTools' wx.login returns: 32 random characters, a different code at every start.
    const devtoolsCode = () => `0${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.slice(0, 32);
    const first = await http().post('/api/wechat/login').send({ code: devtoolsCode() }).expect(200);
    const afterRestart = await http().post('/api/wechat/login').send({ code: devtoolsCode() }).expect(200);
    for (const res of [first, afterRestart]) registerSecret(res.body.data.refreshToken, { fromNow: true });
    expect(afterRestart.body.data.user.id).toBe(first.body.data.user.id);
    // The demo person is WECHAT_FAKE_DEVTOOLS_PERSON ("devtools" by default), the same as the code "devtools.1".
    expect((getStrapi().config.get('plugin::wechat') as { fakeDevtoolsPerson: string }).fakeDevtoolsPerson).toBe('devtools');
    const named = await http().post('/api/wechat/login').send({ code: `devtools.${run}` }).expect(200);
    registerSecret(named.body.data.refreshToken, { fromNow: true });
    expect(named.body.data.user.id).toBe(first.body.data.user.id);
    // Test codes that name a person keep working, each person their own account.
    const bob = await http().post('/api/wechat/login').send({ code: `bob${run}.1` }).expect(200);
    registerSecret(bob.body.data.refreshToken, { fromNow: true });
    expect(bob.body.data.user.id).not.toBe(first.body.data.user.id);
  });
});

describe('the WeChat client beyond sign-in', () => {
  it('sends subscribe messages and reports a refusal with its errcode', async () => {
    const wechat = getService(getStrapi(), 'wechatApi');
    await expect(
      wechat.sendSubscribeMessage({ touser: 'o-someone-0123456789', template_id: 'tpl-checkin-reminder', data: { thing1: { value: '该打卡啦' } } }),
    ).resolves.toEqual({ msgid: expect.stringMatching(/^\d+$/) });
    const refusal = await wechat
      .sendSubscribeMessage({ touser: 'o-someone-0123456789', template_id: 'unsubscribed-tpl', data: { thing1: { value: 'x' } } })
      .catch((error: unknown) => error);
    // The app runs the compiled copy of the class, so compare by what the error says, not its identity.
    expect(refusal).toMatchObject({ name: 'WeChatApiError', endpoint: 'subscribe_send', errcode: 43101 });
  });

  it('checks text with msgSecCheck', async () => {
    const wechat = getService(getStrapi(), 'wechatApi');
    expect(await wechat.checkText({ content: '今天跑了五公里', openid: 'o-someone', scene: 2 })).toEqual({ suggest: 'pass', label: 100 });
    expect((await wechat.checkText({ content: '来赌博吧', openid: 'o-someone', scene: 2 })).suggest).toBe('risky');
  });
});
