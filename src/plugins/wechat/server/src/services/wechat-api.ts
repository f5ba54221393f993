import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { resilientCache } from '../../../../../services/key-value';
import type { WeChatConfig } from '../config';

/**
 * Client for the WeChat server API (api.weixin.qq.com or WECHAT_API_BASE). WeChat answers HTTP 200 with
 * `{ errcode, errmsg }` on failure; those become WeChatApiError. No answer, a timeout or something that
 * is not JSON becomes WeChatUnavailableError. errcode -1 ("system busy") is retried once.
 */
export class WeChatApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${endpoint} failed with errcode ${errcode}: ${errmsg}`);
    this.name = 'WeChatApiError';
  }
}

/** How a timeout's reason starts: the request may have reached WeChat (a send may have happened). */
export const NO_ANSWER = 'no answer within';

export class WeChatUnavailableError extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`WeChat ${endpoint} unavailable: ${reason}`);
    this.name = 'WeChatUnavailableError';
  }
}

/** Errors that mean the access token itself is bad: refresh it and try once more. */
const ACCESS_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

const sessionSchema = z.object({ openid: z.string().min(1), session_key: z.string().min(1), unionid: z.string().min(1).optional() });
const stableTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
const phoneSchema = z.object({
  phone_info: z.object({ phoneNumber: z.string(), purePhoneNumber: z.string(), countryCode: z.string() }),
});
const secCheckSchema = z.object({ result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number() }) });
const mediaCheckSchema = z.object({ trace_id: z.string().min(1) });

export type WeChatSession = { openid: string; sessionKey: string; unionid?: string };
export type ContentCheck = { suggest: 'pass' | 'review' | 'risky'; label: number };

type Request = { method: 'GET' | 'POST'; path: string; query?: Record<string, string>; body?: unknown };
type CachedToken = { token: string; expiresAt: number };

const wechatApiService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;
  const tokenCacheKey = () => `wechat:access-token:${config().appId}`;
  const tokenLockKey = () => `wechat:access-token-lock:${config().appId}`;
  /** One refresh at a time in this process; the lock below does the same across instances. */
  let refreshing: Promise<string> | null = null;

  const parse = <S extends z.ZodTypeAny>(endpoint: string, schema: S, json: unknown): z.infer<S> => {
    const result = schema.safeParse(json);
    if (!result.success) throw new WeChatUnavailableError(endpoint, 'unexpected answer shape');
    return result.data;
  };

  const once = async (endpoint: string, request: Request): Promise<Record<string, unknown>> => {
    const { apiBase, timeoutMs } = config();
    const url = new URL(request.path, apiBase);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers: request.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // By name, not instanceof: fetch's DOMException may come from another realm (a test VM).
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new WeChatUnavailableError(endpoint, timedOut ? `${NO_ANSWER} ${timeoutMs} ms` : 'connection failed');
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new WeChatUnavailableError(endpoint, `HTTP ${response.status} with a body that is not JSON`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new WeChatUnavailableError(endpoint, 'unexpected answer shape');
    }
    return json as Record<string, unknown>;
  };

  const call = async (endpoint: string, request: Request): Promise<Record<string, unknown>> => {
    for (let attempt = 1; ; attempt += 1) {
      const json = await once(endpoint, request);
      const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
      if (errcode === 0) return json;
      if (errcode === -1 && attempt === 1) continue;
      throw new WeChatApiError(endpoint, errcode, String(json.errmsg ?? ''));
    }
  };

  const readCachedToken = async (): Promise<CachedToken | null> => {
    const raw = await resilientCache(strapi).get(tokenCacheKey());
    if (!raw) return null;
    try {
      const cached = JSON.parse(raw) as CachedToken;
      return typeof cached.token === 'string' && typeof cached.expiresAt === 'number' ? cached : null;
    } catch {
      return null;
    }
  };

  const usable = (cached: CachedToken | null, rejected?: string): cached is CachedToken =>
    cached !== null && cached.token !== rejected && cached.expiresAt - config().accessTokenMarginSeconds * 1000 > Date.now();

  const fetchStableToken = async (forceRefresh: boolean): Promise<CachedToken> => {
    const { appId, appSecret } = config();
    const json = await call('stable_token', {
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh },
    });
    const parsed = parse('stable_token', stableTokenSchema, json);
    const cached = { token: parsed.access_token, expiresAt: Date.now() + parsed.expires_in * 1000 };
    await resilientCache(strapi).set(tokenCacheKey(), JSON.stringify(cached), parsed.expires_in);
    return cached;
  };

  const refreshAccessToken = async (rejected?: string): Promise<string> => {
    const store = resilientCache(strapi);
    const holder = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + config().timeoutMs * 2;
    // Another instance may be refreshing: wait for its token rather than asking WeChat twice.
    while (!(await store.setIfAbsent(tokenLockKey(), holder, Math.ceil((config().timeoutMs * 2) / 1000)))) {
      const cached = await readCachedToken();
      if (usable(cached, rejected)) return cached.token;
      if (Date.now() > deadline) throw new WeChatUnavailableError('stable_token', 'another instance holds the refresh lock');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      const cached = await readCachedToken();
      if (usable(cached, rejected)) return cached.token;
      let fresh = await fetchStableToken(false);
      // The stable token endpoint hands back the current token while it lives; force a new one only
      // when WeChat itself just refused that very token.
      if (fresh.token === rejected) fresh = await fetchStableToken(true);
      return fresh.token;
    } finally {
      if ((await store.get(tokenLockKey())) === holder) await store.del(tokenLockKey());
    }
  };

  const service = {
    /** The access token, cached until shortly before expiry; `rejected` is one WeChat just refused. */
    async getAccessToken(options: { rejected?: string } = {}): Promise<string> {
      const cached = await readCachedToken();
      if (usable(cached, options.rejected)) return cached.token;
      if (!refreshing) {
        refreshing = refreshAccessToken(options.rejected).finally(() => {
          refreshing = null;
        });
      }
      return refreshing;
    },

    async withAccessToken(endpoint: string, path: string, body: unknown): Promise<Record<string, unknown>> {
      const token = await service.getAccessToken();
      try {
        return await call(endpoint, { method: 'POST', path, query: { access_token: token }, body });
      } catch (error) {
        if (!(error instanceof WeChatApiError) || !ACCESS_TOKEN_ERRORS.has(error.errcode)) throw error;
        const renewed = await service.getAccessToken({ rejected: token });
        return call(endpoint, { method: 'POST', path, query: { access_token: renewed }, body });
      }
    },

    /** wx.login code -> the user's openid (and unionid), plus the session key we must keep to ourselves. */
    async code2Session(code: string): Promise<WeChatSession> {
      const { appId, appSecret } = config();
      const json = await call('jscode2session', {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' },
      });
      const parsed = parse('jscode2session', sessionSchema, json);
      return { openid: parsed.openid, sessionKey: parsed.session_key, unionid: parsed.unionid };
    },

    /** getPhoneNumber button code -> the phone number the user agreed to share. */
    async getPhoneNumber(code: string): Promise<{ phoneNumber: string; countryCode: string }> {
      const json = await service.withAccessToken('getuserphonenumber', '/wxa/business/getuserphonenumber', { code });
      const parsed = parse('getuserphonenumber', phoneSchema, json);
      return { phoneNumber: parsed.phone_info.purePhoneNumber, countryCode: parsed.phone_info.countryCode };
    },

    /** Content security check (msgSecCheck v2) of user-written text. Scene 1: profile, 2: comment, 3: forum. */
    async checkText(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<ContentCheck> {
      const json = await service.withAccessToken('msg_sec_check', '/wxa/msg_sec_check', { ...input, version: 2 });
      return parse('msg_sec_check', secCheckSchema, json).result;
    },

    /**
     * Asynchronous media check (mediaCheckAsync v2) of an image (media_type 2) or audio (1) at a public URL,
     * at most 10 MB. WeChat answers a trace id at once and pushes the verdict (event `wxa_media_check`, same
     * trace id) to the message-push URL within 30 minutes: POST /api/wechat/push, which emits
     * `wechat.media-check` on strapi.eventHub. Scene 1: profile, 2: comment, 3: forum, 4: social log.
     */
    async checkMediaAsync(input: { mediaUrl: string; mediaType: 1 | 2; scene: 1 | 2 | 3 | 4; openid: string }): Promise<{ traceId: string }> {
      const json = await service.withAccessToken('media_check_async', '/wxa/media_check_async', {
        media_url: input.mediaUrl,
        media_type: input.mediaType,
        version: 2,
        scene: input.scene,
        openid: input.openid,
      });
      return { traceId: parse('media_check_async', mediaCheckSchema, json).trace_id };
    },

    /** A subscribe message (reminders). */
    async sendSubscribeMessage(message: {
      touser: string;
      template_id: string;
      page?: string;
      data: Record<string, { value: string }>;
      miniprogram_state?: 'developer' | 'trial' | 'formal';
      lang?: string;
    }): Promise<{ msgid: string | null }> {
      const json = await service.withAccessToken('subscribe_send', '/cgi-bin/message/subscribe/send', message);
      return { msgid: json.msgid === undefined || json.msgid === null ? null : String(json.msgid) };
    },
  };
  return service;
};

export type WeChatApiService = ReturnType<typeof wechatApiService>;
export default wechatApiService;
