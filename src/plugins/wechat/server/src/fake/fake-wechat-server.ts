import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { URL } from 'node:url';

/**
 * A fake of the WeChat mini-program server API (api.weixin.qq.com). It is a real HTTP server that speaks
 * WeChat's JSON shapes and error codes, so the app's WeChat client is exercised end to end (URL building,
 * JSON parsing, errcode handling, retries, timeouts) in local development (WECHAT_MODE=fake) and in tests.
 *
 * Login codes steer the outcome by prefix (`invalid-`, `busy-`, `limited-`, `slow-`, `garbage-`); the part
 * before the first `.` is the person, so `alice.1` and `alice.2` are two logins of the same user.
 * A code with no `.` (what WeChat DevTools' wx.login hands out: a new random code each time) is its own
 * person, unless the server is started with `devtoolsPerson`: then every such code signs in as that one
 * person, so restarting DevTools keeps the same demo account (WECHAT_MODE=fake does this).
 */

export type FakeWeChatOptions = {
  appId: string;
  appSecret: string;
  host?: string;
  port?: number;
  accessTokenTtlSeconds?: number;
  slowMs?: number;
  /** The person every code without a `.` (a WeChat DevTools code) signs in as; unset, each such code is its own person. */
  devtoolsPerson?: string;
  /** Where media check verdicts are pushed (the app's message-push URL) and the token they are signed with. */
  push?: PushTarget;
  /** How long after media_check_async the verdict is pushed (WeChat: within 30 minutes). */
  mediaVerdictDelayMs?: number;
};

/** The message-push target: the app's URL (POST /api/wechat/push), its token, JSON or XML mode. */
export type PushTarget = { url: string; token: string; format?: 'json' | 'xml' };

/** A media URL containing this is judged risky (label 20002, porn); one containing the review marker, review. */
export const RISKY_MEDIA_MARKER = 'risky-media';
export const REVIEW_MEDIA_MARKER = 'review-media';

/** One media check the fake was asked for, and what became of its pushed verdict. */
export type FakeMediaCheck = {
  traceId: string;
  mediaUrl: string;
  openid: string;
  scene: number;
  suggest: 'pass' | 'review' | 'risky';
  /** The push target's HTTP status, or `failed` (no answer); null until pushed. */
  pushed: number | 'failed' | null;
};

/** WeChat's message-push signature: sha1 of token, timestamp and nonce, sorted and joined. */
export const pushSignature = (token: string, timestamp: string, nonce: string): string =>
  createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');

export type FakeWeChatServer = {
  url: string;
  close(): Promise<void>;
  stats: Record<string, number>;
  issuedSessionKeys: string[];
  issuedAccessTokens: string[];
  sentMessages: Array<Record<string, unknown>>;
  /** Every media check asked for (newest last), with its pushed verdict's delivery. */
  mediaChecks: FakeMediaCheck[];
  /** Point the verdict pushes at the app (null: keep verdicts, push nothing). */
  setPushTarget(target: PushTarget | null): void;
  expireAccessTokens(): void;
  failNext(endpoint: string, errcode: number, times?: number): void;
  /** The next `times` requests to `endpoint` get no answer at all (the client's timeout, or a crash, ends them). */
  holdNext(endpoint: string, times?: number): void;
  /** How many requests to `endpoint` are held unanswered right now (arrived, and their client has not gone). */
  heldNow(endpoint: string): number;
  /** The user turned the template off (or used up their consent): subscribe sends to them answer 43101. */
  refuseSubscription(openid: string, templateId: string): void;
  reset(): void;
};

type JsonObject = Record<string, unknown>;

const ENDPOINT_KEYS = ['jscode2session', 'stable_token', 'getuserphonenumber', 'msg_sec_check', 'subscribe_send', 'media_check_async'] as const;
type EndpointKey = (typeof ENDPOINT_KEYS)[number];

const ROUTES: Record<string, { key: EndpointKey; method: 'GET' | 'POST' }> = {
  '/sns/jscode2session': { key: 'jscode2session', method: 'GET' },
  '/cgi-bin/stable_token': { key: 'stable_token', method: 'POST' },
  '/wxa/business/getuserphonenumber': { key: 'getuserphonenumber', method: 'POST' },
  '/wxa/msg_sec_check': { key: 'msg_sec_check', method: 'POST' },
  '/cgi-bin/message/subscribe/send': { key: 'subscribe_send', method: 'POST' },
  '/wxa/media_check_async': { key: 'media_check_async', method: 'POST' },
};

/** WeChat keeps the previous stable token usable for 30 s after a new one is minted, so in-flight calls survive. */
const PREVIOUS_TOKEN_GRACE_MS = 30_000;
/** How long a held request waits unanswered (the client gives up first). */
const HOLD_MS = 10 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;
const RISKY_WORDS = ['违禁', '赌博', 'forbidden'];
/** An openid: `o` and 15 to 63 more characters (WeChat issues 28; the tests make longer ones). */
const OPENID_SHAPE = /^o[A-Za-z0-9_-]{15,63}$/;
/** Subscribe-message value limits by key kind (WeChat answers 47003 over them). */
const SUBSCRIBE_VALUE_LIMITS: Record<string, number> = {
  thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, phrase: 5, name: 10, phone_number: 17, car_number: 8, time: 40, date: 40, amount: 16,
};
/** Text with one of these (and no risky word) gets `review`: WeChat wants a person to look. */
const REVIEW_WORDS = ['待审', 'borderline'];

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** WeChat appends a request id to every error message; clients must not depend on the exact text. */
const rid = (): string => [0, 1, 2].map(() => randomBytes(4).toString('hex')).join('-');
const wxError = (errcode: number, text: string): JsonObject => ({ errcode, errmsg: `${text}, rid: ${rid()}` });

export const fakeIdentityFor = (appId: string, code: string, devtoolsPerson?: string): { identity: string; openid: string; unionid?: string } => {
  const identity = devtoolsPerson && !code.includes('.') ? devtoolsPerson : (code.split('.')[0] ?? '');
  // openid is per app (28 chars like the real ones); unionid is per WeChat account across all apps of one developer.
  const openid = 'o' + sha256(`${appId}:${identity}`).toString('base64url').slice(0, 27);
  if (!identity.startsWith('union_')) return { identity, openid };
  const unionid = 'U' + sha256(`union:${identity}`).toString('base64url').slice(0, 27);
  return { identity, openid, unionid };
};

const fakePhoneFor = (code: string): string => {
  const explicit = /^phone-(\d+)/.exec(code);
  if (explicit?.[1]) return explicit[1];
  const digits = (BigInt('0x' + sha256(code).toString('hex')) % 100_000_000n).toString().padStart(8, '0');
  return '138' + digits;
};

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Reads the whole body; `tooLarge` instead of buffering without bound (the request is still drained). */
const readBody = async (req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> => {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(buffer);
  }
  return { text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge };
};

const send = (res: ServerResponse, status: number, contentType: string, body: string): void => {
  if (res.writableEnded || res.destroyed) return; // the client gave up (e.g. timed out on a slow code)
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

const sendJson = (res: ServerResponse, body: JsonObject, status = 200): void =>
  send(res, status, 'application/json', JSON.stringify(body));

export const startFakeWeChatServer = async (options: FakeWeChatOptions): Promise<FakeWeChatServer> => {
  if (!nonEmptyString(options.appId) || !nonEmptyString(options.appSecret)) {
    throw new Error('startFakeWeChatServer: appId and appSecret are required');
  }
  const host = options.host ?? '127.0.0.1';
  const ttlSeconds = options.accessTokenTtlSeconds ?? 7200;
  const slowMs = options.slowMs ?? 5000;
  if (!(ttlSeconds > 0)) throw new Error('startFakeWeChatServer: accessTokenTtlSeconds must be positive');
  if (!(slowMs >= 0)) throw new Error('startFakeWeChatServer: slowMs must not be negative');

  // State. The exposed arrays/objects are mutated in place so references held by tests stay live.
  const stats: Record<string, number> = {};
  const issuedSessionKeys: string[] = [];
  const issuedAccessTokens: string[] = [];
  const sentMessages: JsonObject[] = [];
  const usedCodes = new Set<string>();
  /** access_token -> epoch ms after which it is rejected. */
  const tokenExpiry = new Map<string, number>();
  let currentToken: string | null = null;
  const queuedFailures = new Map<EndpointKey, number[]>();
  const heldRequests = new Map<EndpointKey, number>();
  /** The requests being held, by endpoint, until their client goes (reset forgets them). */
  const parked = new Map<EndpointKey, Set<ServerResponse>>();
  const refusedSubscriptions = new Set<string>();
  const slowTimers = new Set<NodeJS.Timeout>();
  let nextMsgId = 2_100_000_000_000;
  const mediaChecks: FakeMediaCheck[] = [];
  let pushTarget: PushTarget | null = options.push ?? null;
  const pushTimers = new Set<NodeJS.Timeout>();

  const resetStats = () => {
    for (const key of Object.keys(stats)) delete stats[key];
    for (const key of ENDPOINT_KEYS) stats[key] = 0;
  };
  resetStats();

  /** Resolves after ms unless the server closes first (then it never resolves and the request is dropped). */
  const delay = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        slowTimers.delete(timer);
        resolve();
      }, ms);
      slowTimers.add(timer);
      // A client that gives up should not keep a timer alive.
      res.on('close', () => {
        clearTimeout(timer);
        slowTimers.delete(timer);
      });
    });

  // ---- endpoints -------------------------------------------------------------------------------

  const jscode2session = async (query: URLSearchParams, res: ServerResponse): Promise<void> => {
    if (query.get('appid') !== options.appId) return sendJson(res, wxError(40013, 'invalid appid'));
    if (query.get('secret') !== options.appSecret) return sendJson(res, wxError(40125, 'invalid appsecret'));
    if (query.get('grant_type') !== 'authorization_code') return sendJson(res, wxError(40002, 'invalid grant_type'));
    const code = query.get('js_code') ?? '';
    if (code === '') return sendJson(res, wxError(41008, 'missing code'));
    if (code.startsWith('invalid-')) return sendJson(res, wxError(40029, 'invalid code'));
    if (code.startsWith('busy-')) return sendJson(res, wxError(-1, 'system error'));
    if (code.startsWith('limited-')) {
      return sendJson(res, wxError(45011, 'api minute-quota reach limit  mustslower  retry next minute'));
    }
    if (code.startsWith('garbage-')) {
      // What a broken gateway in front of WeChat looks like: not JSON at all.
      return send(res, 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    }
    if (code.startsWith('slow-')) await delay(slowMs, res);
    // Checked after the delay so two concurrent slow requests with one code behave like WeChat: one wins.
    if (usedCodes.has(code)) return sendJson(res, wxError(40163, 'code been used'));
    usedCodes.add(code);
    const { openid, unionid } = fakeIdentityFor(options.appId, code, options.devtoolsPerson);
    const sessionKey = randomBytes(16).toString('base64');
    issuedSessionKeys.push(sessionKey);
    // No errcode on success: that is what WeChat does, and clients must cope with it.
    sendJson(res, unionid ? { session_key: sessionKey, openid, unionid } : { session_key: sessionKey, openid });
  };

  const stableToken = (body: JsonObject, res: ServerResponse): void => {
    if (body.appid !== options.appId) return sendJson(res, wxError(40013, 'invalid appid'));
    if (body.secret !== options.appSecret) return sendJson(res, wxError(40125, 'invalid appsecret'));
    if (body.grant_type !== 'client_credential') return sendJson(res, wxError(40002, 'invalid grant_type'));
    const now = Date.now();
    const currentExpiry = currentToken ? tokenExpiry.get(currentToken) : undefined;
    const remainingSeconds = currentExpiry === undefined ? 0 : Math.floor((currentExpiry - now) / 1000);
    if (currentToken && remainingSeconds > 0 && body.force_refresh !== true) {
      // Stable token semantics: everyone asking gets the same token until it expires or is force-refreshed.
      return sendJson(res, { access_token: currentToken, expires_in: remainingSeconds });
    }
    if (currentToken && currentExpiry !== undefined) {
      tokenExpiry.set(currentToken, Math.min(currentExpiry, now + PREVIOUS_TOKEN_GRACE_MS));
    }
    const token = randomBytes(24).toString('base64url');
    tokenExpiry.set(token, now + ttlSeconds * 1000);
    currentToken = token;
    issuedAccessTokens.push(token);
    sendJson(res, { access_token: token, expires_in: ttlSeconds });
  };

  /** Returns an error body for a missing/unknown/expired access_token, or null when it is usable. */
  const checkAccessToken = (query: URLSearchParams): JsonObject | null => {
    const token = query.get('access_token');
    if (!token) return wxError(41001, 'access_token missing');
    const expiry = tokenExpiry.get(token);
    if (expiry === undefined || Date.now() >= expiry) {
      return wxError(40001, 'invalid credential, access_token is invalid or not latest');
    }
    return null;
  };

  const getUserPhoneNumber = (body: JsonObject, res: ServerResponse): void => {
    const code = body.code;
    if (!nonEmptyString(code)) return sendJson(res, wxError(41008, 'missing code'));
    if (code.startsWith('invalid-')) return sendJson(res, wxError(40029, 'invalid code'));
    if (code.startsWith('busy-')) return sendJson(res, wxError(-1, 'system error'));
    const phone = fakePhoneFor(code);
    sendJson(res, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId },
      },
    });
  };

  const msgSecCheck = (body: JsonObject, res: ServerResponse): void => {
    if (!nonEmptyString(body.openid)) return sendJson(res, wxError(40003, 'invalid openid'));
    if (typeof body.content !== 'string') return sendJson(res, wxError(47001, 'data format error'));
    const content = body.content.toLowerCase();
    const keyword = RISKY_WORDS.find((word) => content.includes(word));
    const traceId = rid();
    if (keyword) {
      sendJson(res, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: 'risky', label: 20001 },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20001, prob: 90 },
          { strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20001, level: 20, keyword },
        ],
        trace_id: traceId,
      });
      return;
    }
    const doubtful = REVIEW_WORDS.find((word) => content.includes(word));
    if (doubtful) {
      sendJson(res, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: 'review', label: 20006 },
        detail: [{ strategy: 'keyword', errcode: 0, suggest: 'review', label: 20006, level: 10, keyword: doubtful }],
        trace_id: traceId,
      });
      return;
    }
    sendJson(res, {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      trace_id: traceId,
    });
  };

  const subscribeSend = (body: JsonObject, res: ServerResponse): void => {
    const templateId = body.template_id;
    if (!nonEmptyString(templateId)) return sendJson(res, wxError(40037, 'invalid template_id'));
    if (!nonEmptyString(body.touser) || !OPENID_SHAPE.test(body.touser)) return sendJson(res, wxError(40003, 'invalid openid'));
    if (templateId.startsWith('unsubscribed-') || refusedSubscriptions.has(`${body.touser}|${templateId}`)) {
      return sendJson(res, wxError(43101, 'user refuse to accept the msg'));
    }
    if (!isJsonObject(body.data) || Object.keys(body.data).length === 0) return sendJson(res, wxError(47003, 'argument invalid! data is empty'));
    for (const [key, field] of Object.entries(body.data)) {
      const value = isJsonObject(field) ? field.value : undefined;
      const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1];
      const limit = kind ? SUBSCRIBE_VALUE_LIMITS[kind] : undefined;
      if (typeof value !== 'string' || value.length === 0 || limit === undefined || Array.from(value).length > limit) {
        return sendJson(res, wxError(47003, `argument invalid! data.${key}.value invalid`));
      }
    }
    sentMessages.push(structuredClone(body));
    sendJson(res, { errcode: 0, errmsg: 'ok', msgid: nextMsgId++ });
  };

  /** The `wxa_media_check` event as WeChat pushes it (JSON mode, or the XML of plain-text mode). */
  const mediaEvent = (check: FakeMediaCheck, format: 'json' | 'xml'): { contentType: string; body: string } => {
    const label = check.suggest === 'risky' ? 20002 : check.suggest === 'review' ? 21000 : 100;
    const fields = {
      ToUserName: `gh_${options.appId.slice(2, 14)}`,
      FromUserName: check.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: options.appId,
      trace_id: check.traceId,
      version: 2,
      errcode: 0,
      errmsg: 'ok',
    };
    const result = { suggest: check.suggest, label };
    const detail = { strategy: 'content_model', errcode: 0, suggest: check.suggest, label, prob: 90 };
    if (format === 'json') return { contentType: 'application/json', body: JSON.stringify({ ...fields, detail: [detail], result }) };
    const cdata = (value: string | number) => (typeof value === 'number' ? String(value) : `<![CDATA[${value}]]>`);
    const tags = (record: Record<string, string | number>) => Object.entries(record).map(([key, value]) => `<${key}>${cdata(value)}</${key}>`).join('');
    return { contentType: 'text/xml', body: `<xml>${tags(fields)}<detail>${tags(detail)}</detail><result>${tags(result)}</result></xml>` };
  };

  /** Push one verdict, signed like WeChat (signature, timestamp, nonce in the query); retried twice like WeChat does. */
  const pushVerdict = (check: FakeMediaCheck, attempt = 1): void => {
    const target = pushTarget;
    if (!target) return;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE(0));
    const url = new URL(target.url);
    url.searchParams.set('signature', pushSignature(target.token, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    const { contentType, body } = mediaEvent(check, target.format ?? 'json');
    fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(5000) })
      .then(async (response) => {
        await response.text();
        check.pushed = response.status;
        if (response.status >= 500 && attempt < 3) schedulePush(check, attempt + 1);
      })
      .catch(() => {
        check.pushed = 'failed';
        if (attempt < 3) schedulePush(check, attempt + 1);
      });
  };

  const schedulePush = (check: FakeMediaCheck, attempt = 1): void => {
    const timer = setTimeout(() => {
      pushTimers.delete(timer);
      pushVerdict(check, attempt);
    }, (options.mediaVerdictDelayMs ?? 20) * attempt);
    pushTimers.add(timer);
  };

  const mediaCheckAsync = (body: JsonObject, res: ServerResponse): void => {
    if (!nonEmptyString(body.openid)) return sendJson(res, wxError(40003, 'invalid openid'));
    if (!nonEmptyString(body.media_url) || !/^https?:\/\//.test(body.media_url)) return sendJson(res, wxError(47001, 'data format error'));
    if (body.media_type !== 1 && body.media_type !== 2) return sendJson(res, wxError(47001, 'data format error'));
    if (body.version !== 2) return sendJson(res, wxError(47001, 'data format error'));
    const mediaUrl = body.media_url;
    const suggest = mediaUrl.includes(RISKY_MEDIA_MARKER) ? 'risky' : mediaUrl.includes(REVIEW_MEDIA_MARKER) ? 'review' : 'pass';
    const check: FakeMediaCheck = { traceId: rid(), mediaUrl, openid: body.openid, scene: Number(body.scene ?? 0), suggest, pushed: null };
    mediaChecks.push(check);
    sendJson(res, { errcode: 0, errmsg: 'ok', trace_id: check.traceId });
    schedulePush(check);
  };

  // ---- dispatch --------------------------------------------------------------------------------

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Always drain the body first so keep-alive connections stay usable whatever the answer is.
    const { text, tooLarge } = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const route = ROUTES[url.pathname];
    if (!route) return sendJson(res, wxError(40066, 'invalid url'), 404);

    stats[route.key] = (stats[route.key] ?? 0) + 1;
    const holds = heldRequests.get(route.key) ?? 0;
    if (holds > 0) {
      heldRequests.set(route.key, holds - 1);
      const held = parked.get(route.key) ?? new Set<ServerResponse>();
      parked.set(route.key, held);
      held.add(res);
      res.on('close', () => held.delete(res));
      await delay(HOLD_MS, res);
      return;
    }
    const queued = queuedFailures.get(route.key);
    const failure = queued?.shift();
    if (failure !== undefined) return sendJson(res, { errcode: failure, errmsg: 'fake failure' });

    if (req.method !== route.method) {
      return sendJson(res, route.method === 'GET' ? wxError(43001, 'require GET method') : wxError(43002, 'require POST method'));
    }
    if (route.key === 'jscode2session') return jscode2session(url.searchParams, res);

    if (route.key !== 'stable_token') {
      const tokenError = checkAccessToken(url.searchParams);
      if (tokenError) return sendJson(res, tokenError);
    }
    if (!tooLarge && text.trim() === '') return sendJson(res, wxError(44002, 'empty post data'));
    let body: unknown;
    try {
      body = tooLarge ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isJsonObject(body)) return sendJson(res, wxError(47001, 'data format error'));

    switch (route.key) {
      case 'stable_token':
        return stableToken(body, res);
      case 'getuserphonenumber':
        return getUserPhoneNumber(body, res);
      case 'msg_sec_check':
        return msgSecCheck(body, res);
      case 'subscribe_send':
        return subscribeSend(body, res);
      case 'media_check_async':
        return mediaCheckAsync(body, res);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A bug in the fake must not hang the client: answer like WeChat's generic failure.
      sendJson(res, wxError(-1, 'system error'), 500);
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error); // e.g. EADDRINUSE for a fixed port
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; an IPv6 literal needs brackets in a URL.
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of slowTimers) clearTimeout(timer);
      slowTimers.clear();
      for (const timer of pushTimers) clearTimeout(timer);
      pushTimers.clear();
      server.close(() => resolve());
      // Keep-alive sockets (fetch pools them) and requests parked on a slow code would otherwise hold close() open.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://${urlHost}:${address.port}`,
    close,
    stats,
    issuedSessionKeys,
    issuedAccessTokens,
    sentMessages,
    mediaChecks,
    setPushTarget: (target) => {
      pushTarget = target;
    },
    expireAccessTokens: () => {
      tokenExpiry.clear();
      currentToken = null;
    },
    holdNext: (endpoint, times = 1) => {
      if (!(ENDPOINT_KEYS as readonly string[]).includes(endpoint)) throw new Error(`holdNext: unknown endpoint key '${endpoint}'`);
      heldRequests.set(endpoint as EndpointKey, (heldRequests.get(endpoint as EndpointKey) ?? 0) + times);
    },
    heldNow: (endpoint) => parked.get(endpoint as EndpointKey)?.size ?? 0,
    refuseSubscription: (openid, templateId) => {
      refusedSubscriptions.add(`${openid}|${templateId}`);
    },
    failNext: (endpoint, errcode, times = 1) => {
      if (!(ENDPOINT_KEYS as readonly string[]).includes(endpoint)) {
        throw new Error(`failNext: unknown endpoint key '${endpoint}' (one of ${ENDPOINT_KEYS.join(', ')})`);
      }
      const key = endpoint as EndpointKey;
      const queue = queuedFailures.get(key) ?? [];
      for (let i = 0; i < times; i++) queue.push(errcode);
      queuedFailures.set(key, queue);
    },
    reset: () => {
      // issuedSessionKeys / issuedAccessTokens are deliberately kept: they are "ever issued" lists that
      // leak assertions scan at the end of a test file, across resets.
      resetStats();
      usedCodes.clear();
      tokenExpiry.clear();
      currentToken = null;
      sentMessages.length = 0;
      queuedFailures.clear();
      heldRequests.clear();
      parked.clear();
      refusedSubscriptions.clear();
      mediaChecks.length = 0;
      for (const timer of pushTimers) clearTimeout(timer);
      pushTimers.clear();
    },
  };
};
