import { auditLogLines, auditRecordedResponses } from './audit';

// Runs after every test file: its responses must be free of private fields and secrets, its log lines of secrets.
afterAll(() => {
  expect(auditRecordedResponses().problems).toEqual([]);
  expect(auditLogLines().problems).toEqual([]);
});
