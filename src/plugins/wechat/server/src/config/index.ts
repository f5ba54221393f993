import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/**
 * The plugin's configuration: defaults from the environment, overridable in config/plugins.ts, and
 * validated at boot so a production deployment without WeChat credentials fails to start with a clear
 * message instead of failing the first login.
 */
const hostname = z.string().regex(/^[a-z0-9.-]+$/i, 'a bare host name such as thirdwx.qlogo.cn');

export const wechatConfigSchema = z.object({
  /** live: the real (or WECHAT_API_BASE) server; fake: an in-process fake WeChat, never in production. */
  mode: z.enum(['live', 'fake']),
  /**
   * In fake mode, the demo person every WeChat DevTools code (a code with no `.`) signs in as, so the same
   * account comes back after each DevTools restart. Codes like `alice.1` still name their own person.
   */
  fakeDevtoolsPerson: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a person name: 1-64 letters, digits, _ or -'),
  appId: z.string(),
  appSecret: z.string(),
  apiBase: z.string().url(),
  timeoutMs: z.number().int().min(100).max(60_000),
  /** Renew the cached access token this long before WeChat says it expires. */
  accessTokenMarginSeconds: z.number().int().min(0).max(3600),
  refreshTokenTtlDays: z.number().int().min(1).max(365),
  /**
   * A rotated refresh token presented again this soon (its answer was lost), while its successor is unused,
   * gets the same successor pair instead of revoking the sign-in. 0 turns the grace off.
   */
  refreshRetryGraceSeconds: z.number().int().min(0).max(300),
  /** Hosts an avatar URL may point at (https only). */
  avatarHosts: z.array(hostname),
  /** Soft-deleted accounts are purged after this many days; logging in before then restores them. */
  deletionGraceDays: z.number().int().min(1).max(365),
  /** node-cron expression of the purge job (server time). */
  purgeCron: z.string().min(9),
  /**
   * Request budgets per `windowSeconds` (docs/rate-limits.md). Sign-in is limited on four keys, so one NAT
   * (a campus, an office) may sign in hundreds of people a minute while one client cannot abuse it:
   * `loginPerIp` all sign-ins from an address; `loginFailuresPerIp` codes WeChat refused from an address (a
   * client guessing codes); `loginPerCode` attempts with one code (it is single-use); `loginPerUser`
   * sign-ins of one WeChat identity (a script replaying one account).
   */
  rateLimits: z.object({
    windowSeconds: z.number().int().min(1),
    loginPerIp: z.number().int().min(1),
    loginFailuresPerIp: z.number().int().min(1),
    loginPerCode: z.number().int().min(1),
    loginPerUser: z.number().int().min(1),
    refreshPerUser: z.number().int().min(1),
    refreshPerIp: z.number().int().min(1),
    /** Avatar uploads per user per window (each one is stored and image-processed). */
    avatarPerUser: z.number().int().min(1),
  }),
  /**
   * The message-push token (公众平台 → 开发 → 开发管理 → 消息推送 Token, 3-32 letters or digits): WeChat signs each
   * push to POST /api/wechat/push with it (sha1 of the sorted token, timestamp and nonce). Empty: the push
   * endpoint refuses everything (503), so nothing unsigned is ever believed.
   */
  pushToken: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'WECHAT_PUSH_TOKEN: 3-32 letters or digits')]),
});

export type WeChatConfig = z.infer<typeof wechatConfigSchema>;

type Env = {
  (key: string, fallback?: string): string;
  int(key: string, fallback?: number): number;
  array(key: string, fallback?: string[]): string[];
};

export default {
  default: ({ env }: { env: Env }): WeChatConfig => ({
    mode: env('WECHAT_MODE', 'live') === 'fake' ? 'fake' : 'live',
    fakeDevtoolsPerson: env('WECHAT_FAKE_DEVTOOLS_PERSON', 'devtools'),
    appId: env('WECHAT_APP_ID', ''),
    appSecret: env('WECHAT_APP_SECRET', ''),
    apiBase: env('WECHAT_API_BASE', 'https://api.weixin.qq.com'),
    timeoutMs: env.int('WECHAT_TIMEOUT_MS', 5000),
    accessTokenMarginSeconds: 300,
    refreshTokenTtlDays: env.int('REFRESH_TOKEN_TTL_DAYS', 30),
    refreshRetryGraceSeconds: env.int('REFRESH_RETRY_GRACE_SECONDS', 30),
    avatarHosts: env.array('WECHAT_AVATAR_HOSTS', ['thirdwx.qlogo.cn', 'wx.qlogo.cn', 'mmbiz.qpic.cn']),
    deletionGraceDays: env.int('ACCOUNT_DELETION_GRACE_DAYS', 30),
    purgeCron: env('ACCOUNT_PURGE_CRON', '17 3 * * *'),
    rateLimits: {
      windowSeconds: env.int('WECHAT_RATE_WINDOW_SECONDS', 60),
      loginPerIp: env.int('WECHAT_LOGIN_PER_IP', 600),
      loginFailuresPerIp: env.int('WECHAT_LOGIN_FAILURES_PER_IP', 30),
      loginPerCode: env.int('WECHAT_LOGIN_PER_CODE', 5),
      loginPerUser: env.int('WECHAT_LOGIN_PER_USER', 20),
      refreshPerUser: env.int('WECHAT_REFRESH_PER_USER', 30),
      refreshPerIp: env.int('WECHAT_REFRESH_PER_IP', 1200),
      avatarPerUser: env.int('WECHAT_AVATAR_PER_USER', 10),
    },
    pushToken: env('WECHAT_PUSH_TOKEN', ''),
  }),

  validator: configValidator('wechat', wechatConfigSchema, ({ mode, appId, appSecret }) => {
    if (process.env.NODE_ENV === 'production') {
      if (mode === 'fake') throw new Error('WECHAT_MODE=fake is refused when NODE_ENV=production');
      if (!appId || !appSecret) {
        throw new Error('WECHAT_APP_ID and WECHAT_APP_SECRET must be set in production (mini-program login needs them)');
      }
      if (!process.env.DATA_ENCRYPTION_KEY) {
        throw new Error('DATA_ENCRYPTION_KEY must be set in production (it encrypts WeChat session keys and phone numbers)');
      }
    }
  }),
};
