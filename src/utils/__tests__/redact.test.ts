import { redactText, redactValue } from '../redact';

describe('log redaction', () => {
  it('masks secret-looking keys at any depth', () => {
    const out = redactValue({
      user: { id: 7, openid: 'o-abc', nested: { session_key: 'k==', refreshToken: 'rt' } },
      headers: { authorization: 'Bearer abc.def.ghi' },
      password: 'hunter2',
      count: 3,
    });
    expect(out).toEqual({
      user: { id: 7, openid: '[redacted]', nested: { session_key: '[redacted]', refreshToken: '[redacted]' } },
      headers: { authorization: '[redacted]' },
      password: '[redacted]',
      count: 3,
    });
  });

  it('keeps only the size of a raw request body', () => {
    expect(redactValue({ body: '{"refreshToken":"abc"' })).toEqual({ body: '[redacted: 21 chars]' });
  });

  it('masks secrets written inside messages', () => {
    const text = redactText('login failed session_key=abc123 for js_code: 0a1b2c, header Bearer eyJhbGciOi.x.y');
    expect(text).not.toMatch(/abc123|0a1b2c|eyJhbGciOi/);
    expect(text).toContain('session_key=[redacted]');
  });

  it('leaves ordinary values alone', () => {
    expect(redactValue({ message: 'GET /api/habits (12 ms) 200', status: 200 })).toEqual({
      message: 'GET /api/habits (12 ms) 200',
      status: 200,
    });
  });
});

describe('log redaction keeps diagnostics', () => {
  it('does not mistake WeChat error codes for login codes', () => {
    expect(redactText('jscode2session failed: errcode: 40029, code=abc')).toBe('jscode2session failed: errcode: 40029, code=[redacted]');
  });
});
