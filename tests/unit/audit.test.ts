import { auditLogLines, auditResponses } from '../helpers/audit';

/** The response audit that runs after every test file must actually catch leaks. */
describe('the private-field response audit', () => {
  const response = (text: string) => ({ method: 'GET', url: '/api/x', status: 200, text });

  it('flags a private field at any depth', () => {
    const { problems } = auditResponses([response('{"data":[{"id":1,"owner":{"password":"h"}}]}')], []);
    expect(problems).toEqual(['GET /api/x -> 200: private field body.data[0].owner.password']);
  });

  it('flags a registered secret value anywhere in the text', () => {
    const { problems } = auditResponses([response('{"data":{"note":"o-secret-openid-123"}}')], ['o-secret-openid-123']);
    expect(problems).toHaveLength(1);
  });

  it('passes clean responses, including non-JSON ones', () => {
    expect(auditResponses([response('{"data":{"nickname":"Bob"}}'), response('OK')], ['o-other']).problems).toEqual([]);
  });
});

describe('the log-line audit', () => {
  it('flags a line holding a registered secret and passes the others', () => {
    const lines = ['{"message":"GET /api/habits 200"}', '{"message":"login for o-secret-openid-9"}'];
    expect(auditLogLines(lines, ['o-secret-openid-9']).problems).toHaveLength(1);
    expect(auditLogLines(lines.slice(0, 1), ['o-secret-openid-9']).problems).toEqual([]);
  });
});

describe('secrets that become secret once issued', () => {
  it('lets the issuing response hold a refresh token but no later one', () => {
    const issued = { method: 'POST', url: '/api/wechat/login', status: 200, text: '{"data":{"refreshToken":"rt_abcdef"}}' };
    const later = { method: 'GET', url: '/api/me', status: 200, text: '{"echo":"rt_abcdef"}' };
    expect(auditResponses([issued, later], new Map([['rt_abcdef', 1]])).problems).toEqual(['GET /api/me -> 200: contains a registered secret']);
  });
});
