import { usesSession } from '../session';

describe('the cookie session', () => {
  it('is skipped on the content API, where every call carries a bearer token', () => {
    for (const path of ['/api', '/api/me', '/api/check-ins', '/api/habits/abc/stats', '/api/leaderboards/total-days']) {
      expect([path, usesSession(path, '/api')]).toEqual([path, false]);
    }
  });

  it("runs for users-permissions' OAuth connect routes, which keep the provider handshake in it", () => {
    expect(usesSession('/api/connect/github', '/api')).toBe(true);
    expect(usesSession('/api/connect/github/callback', '/api')).toBe(true);
  });

  it('runs everywhere outside the content API (the admin, the documentation page)', () => {
    for (const path of ['/admin', '/admin/login', '/documentation', '/documentation/v1.0.0', '/apix', '/_health']) {
      expect([path, usesSession(path, '/api')]).toEqual([path, true]);
    }
  });

  it('follows a changed REST prefix', () => {
    expect(usesSession('/rest/me', '/rest')).toBe(false);
    expect(usesSession('/api/me', '/rest')).toBe(true);
  });
});
