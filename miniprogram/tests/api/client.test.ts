import { createApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { ApiError, NetworkError, apiErrorFrom, messageFor } from '../../api/errors';
import { SignedOutError, STORAGE_KEYS } from '../../api/auth';
import { FakeServer } from '../helpers/fake-server';
import { envelope, installWx, type WxDouble } from '../helpers/wx-double';

/** The request wrapper and the session: sign-in, the single-flight refresh, 429, errors. */

let server: FakeServer;
let wxDouble: WxDouble;
let platform: ReturnType<WxDouble['platform']>;
let api: Api;

const build = () => {
  platform = wxDouble.platform();
  api = createApi(new ApiClient({ baseUrl: 'http://api.test', platform }));
};

beforeEach(() => {
  server = new FakeServer();
  wxDouble = installWx(server.handle);
  build();
});

const callsTo = (path: string) => wxDouble.calls.filter((call) => call.path.split('?')[0] === path);

describe('signing in', () => {
  it('signs in with wx.login before the first signed-in call, stores the pair and sends the bearer token', async () => {
    await api.habits.list();
    expect(wxDouble.loginCodes).toEqual(['code-1']);
    expect(callsTo('/api/wechat/login')[0].body).toEqual({ code: 'code-1' });
    expect(wxDouble.storage.get(STORAGE_KEYS.jwt)).toBe(JSON.stringify('jwt-1'));
    expect(wxDouble.storage.get(STORAGE_KEYS.refreshToken)).toBe(JSON.stringify('refresh-1'));
    expect(callsTo('/api/habits')[0].headers.Authorization).toBe('Bearer jwt-1');
    expect(api.session.user?.id).toBe(7);
  });

  it('signs in once for many first calls at the same time', async () => {
    await Promise.all(Array.from({ length: 5 }, () => api.habits.list()));
    expect(server.loginCalls).toBe(1);
    expect(callsTo('/api/habits')).toHaveLength(5);
  });

  it('asks wx.login for a fresh code once when the code was already used (40163)', async () => {
    let first = true;
    server.override = (call) => {
      if (call.path === '/api/wechat/login' && first) {
        first = false;
        return envelope(409, 'ConflictError', 'This login code was already used: call wx.login again', { errcode: 40163 });
      }
      return undefined;
    };
    await api.habits.list();
    expect(wxDouble.loginCodes).toEqual(['code-1', 'code-2']);
    expect(callsTo('/api/wechat/login').map((call) => (call.body as { code: string }).code)).toEqual(['code-1', 'code-2']);
  });

  it('signs in as the configured person with the fake WeChat instead of wx.login', async () => {
    api = createApi(new ApiClient({ baseUrl: 'http://api.test', platform, devSignInAs: 'alice' }));
    await api.habits.list();
    expect(wxDouble.loginCodes).toEqual([]);
    expect((callsTo('/api/wechat/login')[0].body as { code: string }).code).toMatch(/^alice\.\d+$/);
  });

  it('logs out: the refresh token goes to the server once and the device forgets both tokens', async () => {
    await api.habits.list();
    await api.account.logout();
    expect(callsTo('/api/auth/logout')[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(wxDouble.storage.has(STORAGE_KEYS.jwt)).toBe(false);
    expect(wxDouble.storage.has(STORAGE_KEYS.refreshToken)).toBe(false);
  });
});

describe('signing out on purpose', () => {
  it('after a logout, no call signs in on its own until the person signs in again', async () => {
    await api.habits.list();
    await api.account.logout();
    const error = await api.habits.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignedOutError);
    expect(error).toMatchObject({ status: 401, reason: 'logout' });
    expect(server.loginCalls).toBe(1);
    await api.account.signIn();
    await api.habits.list();
    expect(server.loginCalls).toBe(2);
  });

  it('after deleting the account, does not sign in again (that would restore it)', async () => {
    await api.habits.list();
    server.override = (call) => (call.path === '/api/me' && call.method === 'DELETE' ? { status: 200, body: { data: { deletedAt: 'x', purgeAfter: 'y' }, meta: {} } } : undefined);
    await api.account.remove();
    await expect(api.habits.list()).rejects.toMatchObject({ reason: 'account_deleted' });
    expect(server.loginCalls).toBe(1);
  });

  it('treats a refresh answered 401 account_deleted (deleted on another phone) the same way', async () => {
    await api.habits.list();
    server.expireAccessToken();
    server.override = (call) =>
      call.path === '/api/auth/refresh' ? envelope(401, 'UnauthorizedError', 'This account was deleted: sign in again with wx.login to restore it', { reason: 'account_deleted' }) : undefined;
    const error = await api.habits.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignedOutError);
    expect(server.loginCalls).toBe(1);
    expect(api.session.signedOut).toBe('account_deleted');
    expect(wxDouble.storage.has(STORAGE_KEYS.refreshToken)).toBe(false);
  });
});

describe('an expired access token', () => {
  beforeEach(async () => {
    await api.habits.list();
    wxDouble.calls.length = 0;
    server.expireAccessToken();
  });

  it('is refreshed exactly once for 10 requests that all get 401, and each request is sent once more', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.habits.list()));
    expect(answers).toHaveLength(10);
    expect(server.refreshCalls).toBe(1);
    expect(callsTo('/api/auth/refresh')[0].body).toEqual({ refreshToken: 'refresh-1' });
    const habitCalls = callsTo('/api/habits');
    expect(habitCalls).toHaveLength(20);
    expect(habitCalls.filter((call) => call.headers.Authorization === 'Bearer jwt-2')).toHaveLength(10);
    expect(wxDouble.storage.get(STORAGE_KEYS.refreshToken)).toBe(JSON.stringify('refresh-2'));
    expect(server.loginCalls).toBe(1);
  });

  it('is not refreshed again for a 401 that arrives after the refresh finished: the request just uses the new token', async () => {
    await api.habits.list();
    expect(server.refreshCalls).toBe(1);
    // A request that was sent with the old token and answered late.
    await api.session.renew('jwt-1');
    expect(server.refreshCalls).toBe(1);
  });

  it('signs in again with wx.login when the refresh token is spent or revoked (refresh answers 401)', async () => {
    server.revokeRefreshToken();
    const answers = await Promise.all(Array.from({ length: 3 }, () => api.habits.list()));
    expect(answers).toHaveLength(3);
    expect(server.refreshCalls).toBe(1);
    expect(server.loginCalls).toBe(2);
    expect(wxDouble.loginCodes).toEqual(['code-1', 'code-2']);
    expect(callsTo('/api/habits').slice(-3).every((call) => call.headers.Authorization === 'Bearer jwt-2')).toBe(true);
  });

  it('fails with the 401 when the retried request is refused again, without a second refresh', async () => {
    server.override = (call) => (call.path.startsWith('/api/habits') ? envelope(401, 'UnauthorizedError', 'This account was deleted') : undefined);
    await expect(api.habits.list()).rejects.toMatchObject({ status: 401, message: 'This account was deleted' });
    expect(server.refreshCalls).toBe(1);
    expect(callsTo('/api/habits')).toHaveLength(2);
  });

  it('waits and sends the same refresh token again when the refresh is rate limited', async () => {
    let limited = true;
    server.override = (call) => {
      if (call.path === '/api/auth/refresh' && limited) {
        limited = false;
        return envelope(429, 'RateLimitError', 'Too many refreshes; retry in 3 s', { retryAfterSeconds: 3 }, { 'Retry-After': '3' });
      }
      return undefined;
    };
    await api.habits.list();
    expect(platform.sleeps).toEqual([3000]);
    expect(callsTo('/api/auth/refresh').map((call) => call.body)).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-1' }]);
    expect(server.loginCalls).toBe(1);
  });
});

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds, then sends the request once more', async () => {
    let limited = 1;
    server.override = (call) => {
      if (call.path.startsWith('/api/habits') && limited > 0) {
        limited -= 1;
        return envelope(429, 'RateLimitError', 'Too many requests; retry in 2 s', {}, { 'Retry-After': '2' });
      }
      return undefined;
    };
    await api.habits.list();
    expect(platform.sleeps).toEqual([2000]);
    expect(callsTo('/api/habits')).toHaveLength(2);
  });

  it('gives up with the ApiError (and its wait) when the second attempt is limited too', async () => {
    server.override = (call) =>
      call.path.startsWith('/api/habits') ? envelope(429, 'RateLimitError', 'Too many failed codes; retry in 5 s', { retryAfterSeconds: 5 }, { 'Retry-After': '5' }) : undefined;
    const error = await api.habits.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 5 });
    expect(platform.sleeps).toEqual([5000]);
    expect(callsTo('/api/habits')).toHaveLength(2);
  });

  it('does not wait longer than it is willing to: a Retry-After of 10 minutes fails at once', async () => {
    server.override = (call) => (call.path.startsWith('/api/habits') ? envelope(429, 'RateLimitError', 'Slow down', {}, { 'Retry-After': '600' }) : undefined);
    await expect(api.habits.list()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 600 });
    expect(platform.sleeps).toEqual([]);
  });
});

describe('errors', () => {
  it("map Strapi's envelope to ApiError: status, name, message, details", async () => {
    await api.habits.list();
    server.override = (call) =>
      call.path.startsWith('/api/habits') ? envelope(400, 'ValidationError', 'timesPerWeek: timesPerWeek is required for N times a week', { field: 'timesPerWeek' }) : undefined;
    const error = (await api.habits.create({ title: 'Gym', frequencyType: 'timesPerWeek' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errorName: 'ValidationError', message: 'timesPerWeek: timesPerWeek is required for N times a week', details: { field: 'timesPerWeek' } });
    expect(messageFor(error)).toBe('timesPerWeek: timesPerWeek is required for N times a week');
  });

  it('surface 409 as "already done" with the reason', () => {
    const error = apiErrorFrom(409, {}, { data: null, error: { status: 409, name: 'ConflictError', message: 'You have already used this code', details: { reason: 'already_used' } } });
    expect(error.alreadyDone).toBe(true);
    expect(error.reason).toBe('already_used');
  });

  it('turn an answer that is not the envelope (a proxy page) into an ApiError with a readable message', () => {
    const error = apiErrorFrom(502, { 'content-type': 'text/html' }, '<html>Bad gateway</html>');
    expect(error).toMatchObject({ status: 502, errorName: 'HTTP502', message: '服务暂时不可用，请稍后再试', details: {} });
  });

  it('read Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-04T00:00:00Z');
    expect(apiErrorFrom(429, { 'retry-after': '7' }, null, now).retryAfterSeconds).toBe(7);
    expect(apiErrorFrom(429, { 'retry-after': 'Fri, 04 Dec 2026 00:00:30 GMT' }, null, now).retryAfterSeconds).toBe(30);
    expect(apiErrorFrom(429, {}, { data: null, error: { status: 429, name: 'RateLimitError', message: 'x', details: { retryAfterSeconds: 4 } } }, now).retryAfterSeconds).toBe(4);
  });

  it('are a NetworkError when no answer comes back', async () => {
    await api.habits.list();
    wxDouble.online = false;
    const error = await api.habits.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(messageFor(error)).toBe('网络不可用，请检查网络后重试');
  });
});

describe('requests', () => {
  it('fill path parameters, encode the query and send JSON bodies', async () => {
    await api.habits.list({ page: 2, pageSize: 10, archived: false });
    expect(callsTo('/api/habits')[0].path).toBe(
      '/api/habits?pagination%5Bpage%5D=2&pagination%5BpageSize%5D=10&sort=sortOrder%3Aasc%2Cid%3Aasc&filters%5Barchived%5D%5B%24eq%5D=false',
    );
    server.override = () => ({ status: 204 });
    await expect(api.habits.remove('habit/with spaces')).resolves.toBeNull();
    expect(wxDouble.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/habits/habit%2Fwith%20spaces' });
  });

  it('send public catalogue reads without a token (so the server can answer them from its cache)', async () => {
    server.override = (call) => (call.path.startsWith('/api/habit-templates') ? { status: 200, body: { data: [], meta: { pagination: { page: 1, pageSize: 50, pageCount: 0, total: 0 } } } } : undefined);
    await api.habitTemplates.list();
    expect(wxDouble.calls).toHaveLength(1);
    expect(wxDouble.calls[0].headers.Authorization).toBeUndefined();
    expect(server.loginCalls).toBe(0);
  });
});
