import type { HttpMethod, HttpResponse, Platform } from '../platform/types';
import { Session } from './auth';
import { ApiError, apiErrorFrom } from './errors';
import { createEventStreamParser, createUtf8Decoder } from '../logic/event-stream';
import type { ApiPath, MethodsOf, RequestArgs, SuccessBody } from './paths';

export interface ClientOptions {
  /** The server's root URL, e.g. http://127.0.0.1:1337 (config.ts). */
  baseUrl: string;
  platform: Platform;
  timeoutMs?: number;
  devSignInAs?: string | null;
  /** Longest Retry-After honoured before giving up, in seconds (a longer one fails the request at once). */
  maxRetryAfterSeconds?: number;
}

/** The args may be left out when nothing in them is required. */
// eslint-disable-next-line @typescript-eslint/ban-types
type ArgsTuple<P extends ApiPath, M extends MethodsOf<P>> = {} extends RequestArgs<P, M> ? [args?: RequestArgs<P, M>] : [args: RequestArgs<P, M>];

type Scalar = string | number | boolean | null | undefined;
type QueryValue = Scalar | { [key: string]: unknown } | readonly unknown[];
type Query = Record<string, QueryValue>;

/** key=value pairs of a nested value the way qs (Strapi's parser) reads them: filters[habit][documentId][$eq]=x. */
const pairsOf = (key: string, value: unknown, out: string[]) => {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) value.forEach((item, i) => pairsOf(`${key}[${i}]`, item, out));
  else if (typeof value === 'object') for (const [inner, item] of Object.entries(value)) pairsOf(`${key}[${inner}]`, item, out);
  else out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
};

export const queryString = (query: Query | undefined): string => {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) pairsOf(key, value, parts);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

export const fillPath = (template: string, params: Record<string, string | number> | undefined): string =>
  template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(String(value));
  });

/**
 * The one way the app talks to the server. `request('get', '/api/habits/{id}', { path: { id } })`
 * is typed from api/schema.d.ts by path and method. Around every call:
 *
 * - signed-in calls carry `Authorization: Bearer <jwt>`; with no session yet it signs in first;
 * - 401: one refresh shared by every request in flight (Session.renew), then this request once more;
 * - 429: waits the Retry-After seconds, then once more;
 * - any other failure is an ApiError from Strapi's envelope; no answer at all is a NetworkError.
 */
export class ApiClient {
  readonly session: Session;
  readonly platform: Platform;
  readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.platform = options.platform;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.session = new Session({
      platform: options.platform,
      post: (path, body) => this.send('POST', path, body, {}),
      devSignInAs: options.devSignInAs ?? null,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds,
    });
  }

  async request<P extends ApiPath, M extends MethodsOf<P>>(method: M, path: P, ...[args]: ArgsTuple<P, M>): Promise<SuccessBody<P, M>> {
    const { path: pathParams, query, body, headers = {}, auth = true } = (args ?? {}) as {
      path?: Record<string, string | number>;
      query?: Query;
      body?: unknown;
      headers?: Record<string, string>;
      auth?: boolean;
    };
    const url = `${fillPath(path, pathParams)}${queryString(query)}`;
    const verb = method.toUpperCase() as HttpMethod;
    let renewed = false;
    let waited = false;
    for (;;) {
      const token = auth ? await this.session.accessToken() : undefined;
      const res = await this.send(verb, url, body, token ? { ...headers, Authorization: `Bearer ${token}` } : headers);
      if (res.status >= 200 && res.status < 300) return res.body as SuccessBody<P, M>;
      const error = apiErrorFrom(res.status, res.headers, res.body, this.platform.now());
      if (res.status === 401 && auth && !renewed) {
        renewed = true;
        await this.session.renew(token);
        continue;
      }
      if (res.status === 429 && !waited) {
        const seconds = error.retryAfterSeconds ?? 1;
        if (seconds <= (this.options.maxRetryAfterSeconds ?? 60)) {
          waited = true;
          await this.platform.sleep(seconds * 1000);
          continue;
        }
      }
      throw error;
    }
  }

  /**
   * A POST whose answer streams (`text/event-stream`, the AI coach): each event goes to `onEvent` as it
   * arrives. A failure the server answers before streaming (its JSON envelope) throws ApiError as `request`
   * does, after one sign-in renewal on 401; a 429 (a quota) is not waited out. No stream transport on this
   * host: throws ApiError 501 so the caller asks for the whole answer instead.
   */
  async stream<E>(path: string, body: unknown, onEvent: (event: E) => void): Promise<void> {
    const streamTransport = this.platform.streamTransport;
    if (!streamTransport) throw new ApiError(501, 'NotImplemented', 'streaming is not available here');
    let renewed = false;
    for (;;) {
      const token = await this.session.accessToken();
      // The first byte tells an event stream from a JSON envelope (an error before the stream started).
      let kind: 'events' | 'json' | null = null;
      const parser = createEventStreamParser<E>(onEvent);
      const decoder = createUtf8Decoder();
      let json = '';
      const res = await streamTransport(
        {
          method: 'POST',
          url: `${this.baseUrl}${path}`,
          headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
          timeoutMs: this.options.timeoutMs,
        },
        (bytes) => {
          if (kind === null && bytes.length > 0) kind = bytes[0] === 0x7b /* { */ ? 'json' : 'events';
          if (kind === 'events') parser.push(bytes);
          else json += decoder.push(bytes);
        },
      );
      if (kind === 'events') {
        parser.end();
        return;
      }
      let parsed: unknown = null;
      try {
        parsed = json === '' ? null : JSON.parse(json + decoder.end());
      } catch {
        parsed = json;
      }
      if (res.status >= 200 && res.status < 300) {
        // A server that answered whole: hand it over as one event.
        onEvent(parsed as E);
        return;
      }
      if (res.status === 401 && !renewed) {
        renewed = true;
        await this.session.renew(token);
        continue;
      }
      throw apiErrorFrom(res.status, res.headers, parsed, this.platform.now());
    }
  }

  /** One HTTP exchange, no retries. */
  send(method: HttpMethod, pathAndQuery: string, body: unknown, headers: Record<string, string>): Promise<HttpResponse> {
    return this.platform.transport({
      method,
      url: `${this.baseUrl}${pathAndQuery}`,
      headers: body === undefined ? { Accept: 'application/json', ...headers } : { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
      body,
      timeoutMs: this.options.timeoutMs,
    });
  }
}
