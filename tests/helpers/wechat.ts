import crypto from 'node:crypto';
import type { Response } from 'supertest';
import { fakeIdentityFor, startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { registerSecret } from './audit';
import { http, setupStrapi, teardownStrapi } from './strapi';

/**
 * The fake WeChat server (a real HTTP server speaking WeChat's protocol) and a Strapi booted against it.
 * Client IPs come from X-Forwarded-For (TRUST_PROXY), so each test can have its own per-IP budgets.
 */
export const WECHAT_APP_ID = 'wx1234567890abcdef';
export const WECHAT_APP_SECRET = `secret-${crypto.randomBytes(12).toString('hex')}`;

let fake: FakeWeChatServer | null = null;

export const setupWeChat = async (env: Record<string, string> = {}) => {
  fake = await startFakeWeChatServer({ appId: WECHAT_APP_ID, appSecret: WECHAT_APP_SECRET, slowMs: 6000 });
  registerSecret(WECHAT_APP_SECRET);
  await setupStrapi({
    WECHAT_MODE: 'live',
    WECHAT_API_BASE: fake.url,
    WECHAT_APP_ID,
    WECHAT_APP_SECRET,
    WECHAT_TIMEOUT_MS: '3000', // generous: two CI workers share two cores, and a busy event loop must not read as WeChat's silence
    TRUST_PROXY: 'true',
    ...env,
  });
  return fake;
};

/** After a file: everything the fake issued is registered for the audit, then the app and the fake stop. */
export const teardownWeChat = async () => {
  if (fake) registerIssuedSecrets();
  await teardownStrapi();
  await fake?.close();
  fake = null;
};

export const fakeWeChat = (): FakeWeChatServer => {
  if (!fake) throw new Error('setupWeChat() first');
  return fake;
};

/** Everything the fake ever issued that must never reach a client: session keys and access tokens. */
export const registerIssuedSecrets = () => {
  for (const key of fakeWeChat().issuedSessionKeys) registerSecret(key);
  for (const token of fakeWeChat().issuedAccessTokens) registerSecret(token);
};

export const randomIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
let codeCounter = 0;
/**
 * Worker databases outlive a test run, so people are made unique per run: "ann" in this run is
 * "ann_<run>" to WeChat. Prefixes the fake reacts to (union_, slow-, invalid- ...) stay in front.
 */
const RUN = crypto.randomBytes(4).toString('hex');
export const identityOf = (person: string) => `${person}_${RUN}`;
/** A fresh wx.login code for `person` (the fake derives the openid from the part before the dot). */
export const codeFor = (person: string) => `${identityOf(person)}.${Date.now()}${(codeCounter += 1)}`;

export type Session = { jwt: string; refreshToken: string; userId: number; auth: { Authorization: string } };

export const login = async (
  person: string,
  extra: Record<string, unknown> = {},
  ip = randomIp(),
): Promise<{ res: Response; session: Session | null }> => {
  const res = await http().post('/api/wechat/login').set('X-Forwarded-For', ip).send({ code: codeFor(person), ...extra });
  registerIssuedSecrets();
  const identity = fakeIdentityFor(WECHAT_APP_ID, `${identityOf(person)}.x`);
  registerSecret(identity.openid);
  if (identity.unionid) registerSecret(identity.unionid);
  if (res.status !== 200) return { res, session: null };
  const { jwt, refreshToken, user } = res.body.data as { jwt: string; refreshToken: string; user: { id: number } };
  // From now on no response may carry this refresh token: only the one that issued it.
  registerSecret(refreshToken, { fromNow: true });
  return { res, session: { jwt, refreshToken, userId: user.id, auth: { Authorization: `Bearer ${jwt}` } } };
};

/** Sign in and return the session, failing the test with the server's answer if sign-in failed. */
export const signIn = async (person: string): Promise<Session> => {
  const { res, session } = await login(person);
  if (!session) throw new Error(`sign-in of ${person} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return session;
};
