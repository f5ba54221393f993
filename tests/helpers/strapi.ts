import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import TransportStream from 'winston-transport';
import { recordLogLine, recordResponse, registerSecret } from './audit';

/**
 * Boots the real app for one test file: its own database per jest worker (SQLite file, or a PostgreSQL
 * database derived from DATABASE_URL), fresh random secrets, HTTP through supertest on the real server.
 */
export const APP_DIR = path.resolve(__dirname, '..', '..');
const workerId = process.env.JEST_WORKER_ID ?? '1';

let instance: Core.Strapi | null = null;
/** The app listens once on an ephemeral port; supertest would otherwise open a listener per request. */
let baseUrl: string | null = null;

const randomSecret = () => crypto.randomBytes(32).toString('base64');

/** Keeps every formatted line the app logs, for the secret audit. */
class CaptureTransport extends TransportStream {
  override log(info: Record<string | symbol, unknown>, callback: () => void) {
    recordLogLine(String(info[Symbol.for('message')] ?? JSON.stringify(info)));
    callback();
  }
}

const setTestSecrets = () => {
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'http';
  process.env.APP_KEYS ??= [randomSecret(), randomSecret()].join(',');
  process.env.API_TOKEN_SALT ??= randomSecret();
  process.env.ADMIN_JWT_SECRET ??= randomSecret();
  process.env.TRANSFER_TOKEN_SALT ??= randomSecret();
  process.env.ENCRYPTION_KEY ??= randomSecret();
  process.env.JWT_SECRET ??= randomSecret();
  process.env.DATA_ENCRYPTION_KEY ??= randomSecret();
  process.env.SEED_DEMO ??= 'false';
};

/** postgres://host/db -> postgres://host/db_w<worker>, created if missing. */
const preparePostgres = async (baseUrl: string): Promise<string> => {
  const url = new URL(baseUrl);
  const database = `${url.pathname.replace(/^\//, '') || 'habit_test'}_w${workerId}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${database}`;
  return url.toString();
};

/** redis://host:port -> the worker's own logical database, emptied so each test file starts clean. */
const prepareRedis = async (baseUrl: string): Promise<string> => {
  const url = new URL(baseUrl);
  // TEST_REDIS_DB_OFFSET lets two suites run side by side on one Redis (the bench keeps database 15).
  url.pathname = `/${(Number(workerId) + Number(process.env.TEST_REDIS_DB_OFFSET ?? 0)) % 15}`;
  const redis = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  redis.disconnect();
  return url.toString();
};

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
export const usingRedis = () => Boolean(process.env.TEST_REDIS_URL);

export const setupStrapi = async (env: Record<string, string | undefined> = {}): Promise<Core.Strapi> => {
  if (instance) return instance;
  setTestSecrets();
  if (usingPostgres()) {
    process.env.DATABASE_URL = await preparePostgres(String(process.env.TEST_DATABASE_URL));
    process.env.DATABASE_POOL_MAX ??= '20';
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_FILENAME = path.join(APP_DIR, '.tmp', `test-w${workerId}.db`);
  }
  if (usingRedis()) process.env.REDIS_URL = await prepareRedis(String(process.env.TEST_REDIS_URL));
  else delete process.env.REDIS_URL;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  // The app's own secrets must never show up in a response or a log line either.
  for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET', 'DATA_ENCRYPTION_KEY']) {
    registerSecret(String(process.env[name]));
  }
  for (const key of String(process.env.APP_KEYS).split(',')) registerSecret(key);

  fs.mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  strapi.log.add(new CaptureTransport({ level: 'http' }));
  await strapi.server.mount();
  // A backlog above Node's 511: some tests open 1,000 connections at once on a busy machine.
  await new Promise<void>((resolve) => strapi.server.httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  instance = strapi;
  return strapi;
};

export const teardownStrapi = async () => {
  if (!instance) return;
  const strapi = instance;
  instance = null;
  baseUrl = null;
  await strapi.destroy();
};

const VERBS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Verb = (typeof VERBS)[number];
type Agent = Pick<ReturnType<typeof request>, Verb>;

/** supertest on the real server; every response is recorded for the private-field audit. */
export const http = (): Agent => {
  if (!instance || !baseUrl) throw new Error('setupStrapi() first');
  const agent = request(baseUrl);
  const wrapped = {} as Agent;
  for (const verb of VERBS) {
    wrapped[verb] = ((url: string) => {
      const test = agent[verb](url);
      test.on('response', (res) => recordResponse(verb.toUpperCase(), url, res));
      return test;
    }) as Agent[Verb];
  }
  return wrapped;
};

/** Where the test app listens (http://127.0.0.1:<port>). */
export const serverUrl = (): string => {
  if (!baseUrl) throw new Error('setupStrapi() first');
  return baseUrl;
};

export const getStrapi = (): Core.Strapi => {
  if (!instance) throw new Error('setupStrapi() first');
  return instance;
};
