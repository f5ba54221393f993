import { NetworkError, type HttpResponse, type KeyValueStorage, type Platform, type StreamTransport, type Transport } from './types';

/**
 * The only module that calls `wx` for the API layer: wx.request, wx storage, wx.login and the network
 * status. `wx` is read on each call, never at import, so tests can install a double first.
 */

const lowerCaseKeys = (headers: Record<string, unknown> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
  return out;
};

/** wx.request parses JSON itself; an empty body (204) arrives as "" and becomes null. */
const bodyOf = (data: unknown): unknown => {
  if (data === '' || data === undefined) return null;
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as unknown;
    } catch {
      return data;
    }
  }
  return data;
};

export const wxTransport: Transport = (request) =>
  new Promise<HttpResponse>((resolve, reject) => {
    wx.request({
      url: request.url,
      method: request.method,
      header: request.headers,
      // wx.request sends an object as JSON when content-type is application/json.
      data: request.body === undefined ? undefined : (request.body as WechatMiniprogram.IAnyObject),
      timeout: request.timeoutMs,
      dataType: 'json',
      success: (res) => resolve({ status: res.statusCode, headers: lowerCaseKeys(res.header), body: bodyOf(res.data) }),
      fail: (err) => reject(new NetworkError(err.errMsg || 'request:fail')),
    });
  });

/**
 * A streamed answer (base library 2.20.1+): `enableChunked` hands the body over in chunks as the server
 * flushes them (HTTP/1.1 chunked); `success` comes once it has ended.
 */
export const wxStreamTransport: StreamTransport = (request, onChunk) =>
  new Promise((resolve, reject) => {
    const task = wx.request({
      url: request.url,
      method: request.method,
      header: request.headers,
      data: request.body === undefined ? undefined : (request.body as WechatMiniprogram.IAnyObject),
      timeout: request.timeoutMs,
      enableChunked: true,
      responseType: 'arraybuffer',
      success: (res) => resolve({ status: res.statusCode, headers: lowerCaseKeys(res.header) }),
      fail: (err) => reject(new NetworkError(err.errMsg || 'request:fail')),
    });
    task.onChunkReceived((res) => onChunk(new Uint8Array(res.data)));
  });

export const wxStorage: KeyValueStorage = {
  get<T>(key: string): T | undefined {
    const value: unknown = wx.getStorageSync(key);
    // wx returns "" for a missing key.
    return value === '' || value === undefined || value === null ? undefined : (value as T);
  },
  set(key: string, value: unknown) {
    wx.setStorageSync(key, value);
  },
  remove(key: string) {
    wx.removeStorageSync(key);
  },
};

export const wxLoginCode = (): Promise<string> =>
  new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new NetworkError('wx.login gave no code'))),
      fail: (err) => reject(new NetworkError(err.errMsg || 'login:fail')),
    });
  });

export const wxIsOnline = (): Promise<boolean> =>
  new Promise((resolve) => {
    wx.getNetworkType({
      success: (res) => resolve(res.networkType !== 'none'),
      // Unknown: assume online and let the request itself find out.
      fail: () => resolve(true),
    });
  });

/** One wx listener, registered on first use, fans out to every subscriber. */
const networkListeners = new Set<(online: boolean) => void>();
let wxListening = false;

export const wxOnNetworkChange = (listener: (online: boolean) => void): (() => void) => {
  networkListeners.add(listener);
  if (!wxListening) {
    wxListening = true;
    wx.onNetworkStatusChange((res) => {
      for (const each of [...networkListeners]) each(res.isConnected);
    });
  }
  return () => {
    networkListeners.delete(listener);
  };
};

/** Forget the shared listener (tests install a new `wx` double per test). */
export const resetWxNetworkListener = () => {
  networkListeners.clear();
  wxListening = false;
};

export const wxPlatform = (): Platform => ({
  transport: wxTransport,
  streamTransport: wxStreamTransport,
  storage: wxStorage,
  loginCode: wxLoginCode,
  isOnline: wxIsOnline,
  onNetworkChange: wxOnNetworkChange,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => new Date(),
});
