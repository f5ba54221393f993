/**
 * `npm run test:faults` (scripts/test-faults.js): the fault suite, real app processes against PostgreSQL
 * and a Redis of its own, one file at a time (they start and kill processes and stop Redis).
 */
const base = require('./jest.config');

module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/faults/**/*.test.ts'],
  transform: base.transform,
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
  maxWorkers: 1,
  testTimeout: 180000,
  modulePathIgnorePatterns: base.modulePathIgnorePatterns,
  forceExit: true,
};
