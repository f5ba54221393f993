import { routeLabelOf } from '../../services/metrics';
import { bearerMatches } from '../metrics';

describe('the metrics token', () => {
  it('accepts exactly the configured bearer token', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
  });

  it('refuses a missing, malformed, shorter, longer or different token', () => {
    for (const header of [undefined, '', 's3cret-token', 'Basic s3cret-token', 'Bearer ', 'Bearer s3cret', 'Bearer s3cret-token-and-more', 'Bearer S3CRET-TOKEN']) {
      expect([header, bearerMatches(header, 's3cret-token')]).toEqual([header, false]);
    }
  });
});

describe('the route label', () => {
  const route = (path: string, ...methods: string[]) => ({ path, methods: methods.length ? methods : ['HEAD', 'GET'] });
  const allowedMethods = { path: '/api([^/]*)', methods: [] };

  it("is the matched route's pattern, never the raw path", () => {
    expect(routeLabelOf({ method: 'GET', status: 200, matched: [route('/api/habits/:id'), allowedMethods], _matchedRoute: '/api([^/]*)' })).toBe('/api/habits/:id');
  });

  it('is the route that takes the method, among the layers whose path matched', () => {
    const matched = [route('/api/habits/:id', 'PUT'), route('/api/habits/:id', 'DELETE'), allowedMethods];
    expect(routeLabelOf({ method: 'DELETE', status: 204, matched })).toBe('/api/habits/:id');
    expect(routeLabelOf({ method: 'PATCH', status: 405, matched })).toBe('unmatched');
  });

  it('is "unmatched" when no route answered, and for a path only the static files\' catch-all matched that is no file', () => {
    expect(routeLabelOf({ method: 'GET', status: 404 })).toBe('unmatched');
    expect(routeLabelOf({ method: 'GET', status: 404, matched: [route('/((?!uploads/).+)'), allowedMethods] })).toBe('unmatched');
    expect(routeLabelOf({ method: 'GET', status: 200, matched: [route('/((?!uploads/).+)'), allowedMethods] })).toBe('static');
  });

  it("is the stored route's pattern for an answer the public cache gave without the router", () => {
    expect(routeLabelOf({ method: 'GET', status: 200, _matchedRoute: '/api/prizes' })).toBe('/api/prizes');
  });
});
