/**
 * One config for `npm test` (SQLite, in-process store) and `npm run test:services` (PostgreSQL + Redis,
 * chosen by DATABASE_URL / REDIS_URL). Type errors fail `npm test` through `npm run typecheck` first;
 * swc only strips types here, for speed.
 */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/miniprogram/tests/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/sqlite-errors.ts', '<rootDir>/tests/helpers/audit-setup.ts'],
  maxWorkers: 2,
  testTimeout: 60000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/', '<rootDir>/.strapi/'],
  // The fault suite has its own config and command (npm run test:faults).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/faults/'],
  // Strapi keeps timers (cron, session cleanup) that outlive destroy(); the helper closes what it opened.
  forceExit: true,
};
