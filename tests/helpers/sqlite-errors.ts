import path from 'node:path';

/**
 * Runs before every test file. better-sqlite3's native addon is loaded once per jest worker (Node caches
 * native modules per process) and keeps the SqliteError class it was handed first, by the first test
 * file that opened a database. Each test file runs in a realm of its own, so in every later file of the
 * worker SQLite's errors were not `instanceof Error`: `expect(query).rejects.toThrow(/.../)` reported
 * "did not throw" for a refused statement, and app code testing `instanceof Error` went another way than
 * in production, where there is one realm. Hand the addon this file's class, as one process would have.
 */
const root = path.dirname(require.resolve('better-sqlite3/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addon = require(path.join(root, 'build', 'Release', 'better_sqlite3.node')) as { setErrorConstructor?: (c: unknown) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SqliteError: unknown = require(path.join(root, 'lib', 'sqlite-error.js'));
addon.setErrorConstructor?.(SqliteError);
