import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import Redis from 'ioredis';

/**
 * The fault suite's parts, all real processes: app instances (tests/faults/app-main.js, the compiled app),
 * a Redis server of the suite's own on a spare port (stopped and started again by the tests), a PostgreSQL
 * database of its own per test file, and plain HTTP calls without keep-alive (each request its own
 * connection, so a refused connection and a lost answer are told apart).
 *
 * `npm run test:faults` (scripts/test-faults.js) sets FAULTS_DATABASE_URL (a PostgreSQL server URL).
 */
const APP_MAIN = path.join(__dirname, 'app-main.js');
/** Each instance's whole output, kept for reading after a failure (test-output/ is not committed). */
const OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-output', 'faults');
const secret = () => crypto.randomBytes(32).toString('base64');

export const freePort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Poll `read` until `done` holds, or throw with the last value after `timeoutMs`. */
export const waitFor = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(last)} ${lastError ? String(lastError) : ''}`);
};

// ---------------------------------------------------------------------------------------------- Redis

export type RedisServer = { port: number; url: string; start(): Promise<void>; stop(): Promise<void>; flush(): Promise<void>; client(): Redis };

/** A Redis server of this test file's own on a spare port (no persistence: a restart comes back empty). */
export const redisServer = async (): Promise<RedisServer> => {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  let child: ChildProcess | null = null;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500, retryStrategy: () => null });
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const server: RedisServer = {
    port,
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitFor('redis to answer', ping, Boolean, 10_000);
    },
    async stop() {
      if (!child) return;
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async flush() {
      const client = server.client();
      await client.flushall();
      client.disconnect();
    },
    client: () => new Redis(url, { maxRetriesPerRequest: 1 }),
  };
  await server.start();
  return server;
};

// ----------------------------------------------------------------------------------------- PostgreSQL

/** A fresh database for this test file on FAULTS_DATABASE_URL's server. */
export const freshDatabase = async (name: string): Promise<string> => {
  const base = new URL(process.env.FAULTS_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new URL(base.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return url.toString();
};

export const sql = async <T = Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
};

// ------------------------------------------------------------------------------------------------ app

/** The environment every app process of one test file shares: one database, one Redis, one set of secrets. */
export const appEnvironment = (databaseUrl: string, redisUrl: string | null, extra: Record<string, string> = {}): Record<string, string> => {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    APP_PROCESS: 'true',
    LOG_LEVEL: 'info',
    LOG_CONSOLE_LEVEL: 'info',
    SEED_DEMO: 'false',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    DATA_ENCRYPTION_KEY: secret(),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '10',
    TRUST_PROXY: 'true',
    ...extra,
  };
  if (redisUrl) env.REDIS_URL = redisUrl;
  return env;
};

export type AppProcess = {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  output(): string;
};

/** Boot one app process; `port` 0 picks one (pass the old port to restart an instance where it was). */
export const startApp = async (name: string, env: Record<string, string>, port = 0, bootTimeoutMs = 90_000): Promise<AppProcess> => {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(line);
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  delete childEnv.JEST_WORKER_ID;
  const child = fork(APP_MAIN, [], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const logFile = path.join(OUTPUT_DIR, `${path.basename(expect.getState().testPath ?? 'suite', '.test.ts')}-${name}-${child.pid}.log`);
  const log = fs.createWriteStream(logFile);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let killedByTest = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      // An instance that ends without the test asking is a finding: say so with its last lines, where the run's log shows it.
      if (!killedByTest) process.stderr.write(`[faults] ${name} (pid ${child.pid}) exited by itself (${code ?? signal}); its output: ${logFile}\n${lines.slice(-40).join('\n')}\n`);
      resolve({ code, signal });
    }),
  );
  const bound = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      killedByTest = true;
      child.kill('SIGKILL');
      reject(new Error(`${name} did not boot in ${bootTimeoutMs} ms:\n${lines.slice(-50).join('\n')}`));
    }, bootTimeoutMs);
    child.once('message', (message: { ready?: boolean; port?: number }) => {
      clearTimeout(timer);
      if (message?.ready && message.port) resolve(message.port);
      else reject(new Error(`${name} sent ${JSON.stringify(message)}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) while booting:\n${lines.slice(-50).join('\n')}`));
    });
  });
  return {
    name,
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    pid: child.pid as number,
    exited,
    kill: (signal) => {
      killedByTest = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    output: () => lines.join('\n'),
  };
};

/** Stop an app the hard way (after a test, whatever state it is in). */
export const killApp = async (app: AppProcess | null | undefined) => {
  if (!app) return;
  app.kill('SIGKILL');
  await app.exited;
};

// ----------------------------------------------------------------------------------------------- HTTP

export type Answer = { status: number; body: any; headers: http.IncomingHttpHeaders; ms: number };
/** A request that got no HTTP answer: `code` is the socket error (ECONNREFUSED: never accepted). */
export class NoAnswer extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One request on its own connection (no keep-alive), JSON in and out. */
export const call = (
  base: string,
  method: string,
  target: string,
  options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const req = http.request(
      `${base}${target}`,
      {
        method,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code ?? 'ERR', `${method} ${target}: ${error.message} (mid-answer)`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON: keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ms: Date.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code ?? 'ERR', `${method} ${target}: ${error.message}`)));
    if (payload) req.write(payload);
    req.end();
  });

export const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

/** Sign `person` in through the fake WeChat (a real code exchange), from a random client address. */
export const signIn = async (base: string, person: string): Promise<{ jwt: string; userId: number; refreshToken: string }> => {
  const ip = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
  const answer = await call(base, 'POST', '/api/wechat/login', { body: { code: `${person}.${Date.now()}${crypto.randomInt(1e6)}` }, headers: { 'X-Forwarded-For': ip } });
  if (answer.status !== 200) throw new Error(`sign-in of ${person}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { jwt: answer.body.data.jwt, userId: answer.body.data.user.id, refreshToken: answer.body.data.refreshToken };
};
