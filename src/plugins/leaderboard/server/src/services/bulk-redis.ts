import net from 'node:net';
import tls from 'node:tls';
import type Redis from 'ioredis';

/**
 * Redis "mass insertion" (redis.io, docs/manual/patterns/bulk-loading): the rebuild's millions of ZADD
 * arguments written as protocol bytes straight onto a socket of their own, with the replies (one line per
 * command) only counted. Measured on the rebuild of 1M users (bench/README.md): ioredis spent most of
 * the Node side's time building a Command, a flattened argument array and a string per 2,000-argument
 * ZADD, and the garbage collector the rest cleaning up after it.
 *
 * Only commands whose reply is a single line (+OK, :n, -ERR) go through here: ZADD, HSET, AUTH, SELECT.
 * Any error reply fails the next call. `settle()` waits until every command sent has been answered.
 */
export interface BulkWriter {
  /** ZADD key score member ...; `pairs` are ASCII (numbers and base-36 members). */
  zadd(key: string, pairs: readonly string[]): Promise<void>;
  /** HSET key field value ...; any UTF-8. */
  hset(key: string, fieldValues: readonly string[]): Promise<void>;
  settle(): Promise<void>;
  close(): void;
}

const HIGH_WATER = 64;
const LOW_WATER = 16;
const CRLF = '\r\n';

class SocketBulkWriter implements BulkWriter {
  private outstanding = 0;
  private failure: Error | null = null;
  private partial = '';
  private waiters: Array<{ level: number; resolve: () => void }> = [];

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onReplies(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the bulk connection to Redis closed')));
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private onReplies(chunk: Buffer) {
    const text = this.partial + chunk.toString('latin1');
    let start = 0;
    for (let end = text.indexOf(CRLF, start); end >= 0; end = text.indexOf(CRLF, start)) {
      const kind = text.charCodeAt(start);
      if (kind === 45 /* - */) this.failure ??= new Error(`Redis refused a bulk command: ${text.slice(start + 1, end)}`);
      else if (kind !== 43 /* + */ && kind !== 58 /* : */) this.failure ??= new Error(`unexpected reply on the bulk connection: ${text.slice(start, end)}`);
      this.outstanding -= 1;
      start = end + 2;
    }
    this.partial = text.slice(start);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.outstanding > waiter.level) return true;
      waiter.resolve();
      return false;
    });
  }

  private until(level: number): Promise<void> {
    if (this.outstanding <= level || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ level, resolve }));
  }

  private async send(buffer: Buffer) {
    if (this.failure) throw this.failure;
    this.outstanding += 1;
    if (!this.socket.write(buffer)) await new Promise((resolve) => this.socket.once('drain', resolve));
    if (this.outstanding > HIGH_WATER) await this.until(LOW_WATER);
    if (this.failure) throw this.failure;
  }

  /** Any command, any UTF-8 arguments. */
  command(args: readonly string[]): Promise<void> {
    let text = `*${args.length}${CRLF}`;
    for (const arg of args) text += `$${Buffer.byteLength(arg)}${CRLF}${arg}${CRLF}`;
    return this.send(Buffer.from(text, 'utf8'));
  }

  zadd(key: string, pairs: readonly string[]): Promise<void> {
    const head = `*${2 + pairs.length}${CRLF}$4${CRLF}ZADD${CRLF}$${Buffer.byteLength(key)}${CRLF}${key}${CRLF}`;
    const headBytes = Buffer.byteLength(head);
    let size = headBytes;
    for (const item of pairs) size += item.length + String(item.length).length + 5;
    const buffer = Buffer.allocUnsafe(size);
    let at = buffer.write(head, 0, 'utf8');
    for (const item of pairs) {
      buffer[at++] = 36; // $
      at += buffer.write(String(item.length), at, 'latin1');
      buffer[at++] = 13;
      buffer[at++] = 10;
      at += buffer.write(item, at, 'latin1');
      buffer[at++] = 13;
      buffer[at++] = 10;
    }
    return this.send(buffer);
  }

  hset(key: string, fieldValues: readonly string[]): Promise<void> {
    return this.command(['HSET', key, ...fieldValues]);
  }

  async settle() {
    await this.until(0);
    if (this.failure) throw this.failure;
  }

  close() {
    this.socket.removeAllListeners('close');
    this.socket.end();
  }
}

/** The same through ioredis pipelines, one in flight while the next fills (a client the socket path cannot copy). */
class PipelineBulkWriter implements BulkWriter {
  private pipeline: ReturnType<Redis['pipeline']>;
  private queued = 0;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly redis: Redis) {
    this.pipeline = redis.pipeline();
  }

  private async queue(add: (pipeline: ReturnType<Redis['pipeline']>) => void) {
    add(this.pipeline);
    this.queued += 1;
    if (this.queued >= 200) await this.flush();
  }

  private async flush() {
    if (this.queued === 0) return;
    const sent = this.pipeline.exec().then((results) => {
      const failed = (results ?? []).find(([error]) => error);
      if (failed) throw failed[0];
    });
    this.pipeline = this.redis.pipeline();
    this.queued = 0;
    if (this.inFlight) await this.inFlight;
    this.inFlight = sent;
  }

  zadd(key: string, pairs: readonly string[]) {
    return this.queue((pipeline) => pipeline.zadd(key, ...pairs));
  }

  hset(key: string, fieldValues: readonly string[]) {
    return this.queue((pipeline) => pipeline.hset(key, ...fieldValues));
  }

  async settle() {
    await this.flush();
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
  }

  close() {}
}

type Options = { host?: string; port?: number; path?: string; db?: number; username?: string; password?: string; tls?: tls.ConnectionOptions; sentinels?: unknown };

/** The fallback writer: ioredis pipelines on `redis` itself (Sentinel, or a server the socket cannot reach). */
export const pipelineBulkWriter = (redis: Redis): BulkWriter => new PipelineBulkWriter(redis);

/** A bulk writer to the same server and database as `redis`: its own socket, or ioredis pipelines. */
export const openBulkWriter = async (redis: Redis): Promise<BulkWriter> => {
  const options = redis.options as Options;
  if (options.sentinels) return pipelineBulkWriter(redis);
  const socket = options.path
    ? net.connect({ path: options.path })
    : options.tls
      ? tls.connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 6379, ...options.tls })
      : net.connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 6379 });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
  } catch {
    socket.destroy();
    return pipelineBulkWriter(redis);
  }
  socket.setNoDelay(true);
  const writer = new SocketBulkWriter(socket);
  if (options.password) await writer.command(options.username ? ['AUTH', options.username, options.password] : ['AUTH', options.password]);
  if (options.db) await writer.command(['SELECT', String(options.db)]);
  await writer.settle();
  return writer;
};
