/**
 * What the API layer needs from its host, with no WeChat types in it: the mini-program implements it
 * with `wx` (platform/wx.ts); tests implement pieces of it (a Node fetch transport, a memory storage).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  headers: Record<string, string>;
  /** JSON-serialisable body, or undefined for none. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or null for an empty body. */
  body: unknown;
}

/** No answer at all: offline, DNS, timeout, TLS. The request may or may not have reached the server. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Sends one HTTP request; rejects with NetworkError only when no HTTP answer came back. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** A streamed answer's status line and headers (its body goes to the chunk listener). */
export interface StreamResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/**
 * Sends one request whose answer is read as it arrives (`wx.request({ enableChunked: true })`): every chunk of
 * the body, as raw bytes, goes to `onChunk` in order; resolves when the answer has ended. Rejects with
 * NetworkError only when no HTTP answer came back (or the connection broke mid-way).
 */
export type StreamTransport = (request: HttpRequest, onChunk: (bytes: Uint8Array) => void) => Promise<StreamResponse>;

/** Synchronous key-value storage that survives app restarts (wx storage). Values are JSON-serialisable. */
export interface KeyValueStorage {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

export interface Platform {
  transport: Transport;
  /** For streamed answers (the AI coach); hosts without it cannot stream and ask for whole answers. */
  streamTransport?: StreamTransport;
  storage: KeyValueStorage;
  /** A fresh one-time sign-in code (wx.login). Rejects with NetworkError when offline. */
  loginCode(): Promise<string>;
  /** Whether the device believes it has a network right now. */
  isOnline(): Promise<boolean>;
  /** Called with `true` when the network comes back, `false` when it goes; returns an unsubscribe. */
  onNetworkChange(listener: (online: boolean) => void): () => void;
  sleep(ms: number): Promise<void>;
  now(): Date;
}
