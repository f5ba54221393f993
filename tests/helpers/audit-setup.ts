import { auditRecordedResponses } from './audit';

// Runs after every test file: the file's responses must be free of private fields and secrets.
afterAll(() => {
  const { problems } = auditRecordedResponses();
  expect(problems).toEqual([]);
});
