import { resetWxNetworkListener, wxPlatform } from '../../platform/wx';
import type { HttpMethod, Platform } from '../../platform/types';

/**
 * A `wx` double for the API layer's tests: wx.request answered by a handler (a fake server, or Node's
 * fetch to a real one), wx storage in a Map that outlives "app restarts" (values are copied as JSON,
 * like wx does), wx.login handing out fresh codes, and a network switch that fires
 * wx.onNetworkStatusChange like the phone does.
 */

export interface WxCall {
  method: HttpMethod;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** Asked with `enableChunked` (a streamed answer). */
  chunked?: boolean;
}

export interface WxAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** For a chunked request: the body's bytes as they arrive (onChunkReceived), instead of `body`. */
  chunks?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Answer a request; return 'fail' to simulate no network (wx.request's fail callback). */
export type WxHandler = (call: WxCall) => Promise<WxAnswer | 'fail'> | WxAnswer | 'fail';

export interface WxDouble {
  storage: Map<string, string>;
  calls: WxCall[];
  loginCodes: string[];
  online: boolean;
  handler: WxHandler;
  /** Flip the network; fires wx.onNetworkStatusChange listeners. */
  setOnline(online: boolean): void;
  /** The platform the app would build on this double, with sleeps recorded instead of waited. */
  platform(options?: { now?: () => Date }): Platform & { sleeps: number[] };
}

type Callbacks<S, F> = { success?: (res: S) => void; fail?: (err: F) => void; complete?: () => void };

export const installWx = (handler: WxHandler, existing?: Pick<WxDouble, 'storage'>): WxDouble => {
  resetWxNetworkListener();
  const networkListeners: Array<(res: { isConnected: boolean; networkType: string }) => void> = [];
  const double: WxDouble = {
    storage: existing?.storage ?? new Map(),
    calls: [],
    loginCodes: [],
    online: true,
    handler,
    setOnline(online: boolean) {
      double.online = online;
      for (const listener of [...networkListeners]) listener({ isConnected: online, networkType: online ? 'wifi' : 'none' });
    },
    platform(options = {}) {
      const sleeps: number[] = [];
      return { ...wxPlatform(), sleep: async (ms: number) => void sleeps.push(ms), now: options.now ?? (() => new Date()), sleeps };
    },
  };

  const wxObject = {
    request(option: { url: string; method?: HttpMethod; header?: Record<string, string>; data?: unknown; enableChunked?: boolean } & Callbacks<{ statusCode: number; header: Record<string, string>; data: unknown }, { errMsg: string }>) {
      const url = new URL(option.url);
      const call: WxCall = {
        method: option.method ?? 'GET', url: option.url, path: url.pathname + url.search, headers: { ...(option.header ?? {}) },
        body: option.data === undefined ? undefined : JSON.parse(JSON.stringify(option.data)), chunked: Boolean(option.enableChunked),
      };
      double.calls.push(call);
      const chunkListeners: Array<(res: { data: ArrayBuffer }) => void> = [];
      void (async () => {
        const answer = double.online ? await double.handler(call) : 'fail';
        if (answer === 'fail') {
          option.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
        } else if (option.enableChunked) {
          // Chunked: the body only through onChunkReceived (as ArrayBuffers), then success without data.
          const chunks = answer.chunks ?? (answer.body === undefined || answer.body === null ? [] : [new Uint8Array(Buffer.from(JSON.stringify(answer.body), 'utf8'))]);
          for await (const chunk of chunks) {
            const data = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer;
            for (const listener of chunkListeners) listener({ data });
          }
          option.success?.({ statusCode: answer.status, header: answer.headers ?? {}, data: '' });
        } else {
          // wx.request hands over parsed JSON, or "" for an empty body.
          option.success?.({ statusCode: answer.status, header: answer.headers ?? {}, data: answer.body === undefined || answer.body === null ? '' : JSON.parse(JSON.stringify(answer.body)) });
        }
        option.complete?.();
      })();
      return {
        abort() {},
        onChunkReceived(listener: (res: { data: ArrayBuffer }) => void) {
          chunkListeners.push(listener);
        },
      };
    },
    getStorageSync(key: string): unknown {
      const raw = double.storage.get(key);
      return raw === undefined ? '' : JSON.parse(raw);
    },
    setStorageSync(key: string, value: unknown) {
      double.storage.set(key, JSON.stringify(value));
    },
    removeStorageSync(key: string) {
      double.storage.delete(key);
    },
    login(option: Callbacks<{ code: string; errMsg: string }, { errMsg: string }>) {
      if (!double.online) {
        option.fail?.({ errMsg: 'login:fail network' });
        return;
      }
      const code = `code-${double.loginCodes.length + 1}`;
      double.loginCodes.push(code);
      option.success?.({ code, errMsg: 'login:ok' });
    },
    getNetworkType(option: Callbacks<{ networkType: string }, { errMsg: string }>) {
      option.success?.({ networkType: double.online ? 'wifi' : 'none' });
    },
    onNetworkStatusChange(listener: (res: { isConnected: boolean; networkType: string }) => void) {
      networkListeners.push(listener);
    },
  };
  (globalThis as unknown as { wx: unknown }).wx = wxObject;
  return double;
};

/** Let pending promise callbacks and the double's async answers run. */
export const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** A JSON answer in Strapi's envelope for a failure. */
export const envelope = (status: number, name: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): WxAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: { data: null, error: { status, name, message, details } },
});
