import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { recordLogLine, recordResponse } from './audit';

/**
 * A second instance of the app, for tests of what instances share: one more Strapi, booted from the
 * compiled app (dist/) in a child process, on the same DATABASE_URL, REDIS_URL and secrets as the test's
 * own instance, listening on an ephemeral port of 127.0.0.1.
 *
 * Call it after `setupStrapi()`: the child gets `process.env` as setupStrapi left it (the worker's own
 * PostgreSQL database and Redis database number, the generated secrets, NODE_ENV=test), plus `env`.
 * A JWT or an admin token issued by either instance is valid on both. Only meaningful on PostgreSQL
 * (a SQLite file cannot be shared by two processes safely) and, for anything cached per instance, with
 * Redis (the invalidation bus): guard the describe with `usingPostgres()` / `usingRedis()`.
 *
 *   const other = await startSecondInstance();      // in beforeAll, with a long timeout (boot: 10-30 s)
 *   await other.http().get('/api/prizes').expect(200);
 *   await other.stop();                              // in afterAll
 *
 * `http()` is supertest on the child and records every response for the private-field audit, like
 * tests/helpers/strapi.ts#http; every line the child prints goes to the log audit as well.
 */
export type SecondInstance = {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  /** supertest on this instance; responses are audited like the main instance's. */
  http(): Pick<ReturnType<typeof request>, 'get' | 'post' | 'put' | 'patch' | 'delete'>;
  /** The child's last lines of output (stdout and stderr), for a failing test's message. */
  output(): string;
  /** Destroys Strapi in the child and waits for it to exit (SIGKILL after `timeoutMs`, 15 s). */
  stop(timeoutMs?: number): Promise<void>;
};

export type SecondInstanceOptions = {
  /** Variables to set (string) or remove (undefined) in the child on top of this process's environment. */
  env?: Record<string, string | undefined>;
  /** How long the boot may take (60 s). */
  bootTimeoutMs?: number;
};

const CHILD = path.join(__dirname, 'second-instance-main.js');
const KEPT_LINES = 200;

export const startSecondInstance = async (options: SecondInstanceOptions = {}): Promise<SecondInstance> => {
  if (!process.env.DATABASE_URL) {
    throw new Error('startSecondInstance needs PostgreSQL (TEST_DATABASE_URL) and setupStrapi() first: a SQLite file cannot be shared');
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  // jest's worker variables would make the child look like a jest worker to libraries that check.
  delete env.JEST_WORKER_ID;

  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      recordLogLine(line);
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
    }
  };
  const child: ChildProcess = fork(CHILD, [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => lines.join('\n');

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second instance did not boot in ${options.bootTimeoutMs ?? 60000} ms:\n${output()}`));
    }, options.bootTimeoutMs ?? 60000);
    child.once('message', (message: { ready?: boolean; port?: number }) => {
      clearTimeout(timer);
      if (message?.ready && message.port) resolve(message.port);
      else reject(new Error(`the second instance sent ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the second instance exited with ${code} while booting:\n${output()}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    pid: child.pid as number,
    http() {
      const agent = request(url);
      const verbs = ['get', 'post', 'put', 'patch', 'delete'] as const;
      return Object.fromEntries(
        verbs.map((verb) => [
          verb,
          (target: string) => agent[verb](target).on('response', (res) => recordResponse(verb.toUpperCase(), `${url}${target}`, res)),
        ]),
      ) as unknown as ReturnType<SecondInstance['http']>;
    },
    output,
    async stop(timeoutMs = 15000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        if (child.connected) child.send({ stop: true });
        else child.kill('SIGTERM');
      });
    },
  };
};
