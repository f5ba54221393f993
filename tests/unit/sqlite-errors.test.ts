import path from 'node:path';
import vm from 'node:vm';

/**
 * tests/helpers/sqlite-errors.ts: whatever SqliteError class an earlier test file of the same jest worker
 * left in better-sqlite3's native addon, this file's refused statements are Errors of this file's realm.
 */
const root = path.dirname(require.resolve('better-sqlite3/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addon = require(path.join(root, 'build', 'Release', 'better_sqlite3.node')) as { setErrorConstructor(c: unknown): void };

type Db = { exec(sql: string): void; prepare(sql: string): { run(): unknown }; close(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (filename: string) => Db;

const refusal = () => {
  const db = new Database(':memory:');
  try {
    db.exec("CREATE TABLE t (id INTEGER); CREATE TRIGGER t_upd BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'append_only: t'); END; INSERT INTO t VALUES (1)");
    db.prepare('UPDATE t SET id = 2').run();
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
};

it('leaves SQLite errors Errors of the test file that catches them', async () => {
  expect(refusal()).toBeInstanceOf(Error); // the addon is initialised (a later Database keeps its class)
  // What an earlier file in the worker leaves behind: a SqliteError class from another realm.
  const foreign = vm.runInNewContext('(function SqliteError(message, code) { const e = Object.create(SqliteError.prototype); e.message = message; e.code = code; return e; })');
  vm.runInNewContext('Object.setPrototypeOf(SqliteError.prototype, Error.prototype)', { SqliteError: foreign });
  addon.setErrorConstructor(foreign);
  expect(refusal() instanceof Error).toBe(false);

  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../helpers/sqlite-errors');
  });
  const error = refusal();
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'append_only: t' });
  await expect(Promise.reject(error)).rejects.toThrow(/append_only/);
});
