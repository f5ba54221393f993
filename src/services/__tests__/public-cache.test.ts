import { cacheKeyFor, etagOf, ResponseCache, type CachedAnswer } from '../public-cache';

const answer = (uid: string, text: string): CachedAnswer => {
  const body = Buffer.from(text);
  return { uid, body, contentType: 'application/json; charset=utf-8', etag: etagOf(body), bytes: body.length };
};
const TEMPLATES = 'api::habit-template.habit-template';
const PRIZES = 'api::prize.prize';

describe('the response cache', () => {
  it('keeps at most maxEntries answers, dropping the least recently used', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1 << 20 });
    cache.store('/a', answer(TEMPLATES, 'a'), cache.now());
    cache.store('/b', answer(TEMPLATES, 'b'), cache.now());
    cache.get('/a');
    cache.store('/c', answer(TEMPLATES, 'c'), cache.now());
    expect([cache.has('/a'), cache.has('/b'), cache.has('/c')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxBytes, and never stores one answer bigger than an eighth of it', () => {
    const cache = new ResponseCache({ maxEntries: 1000, maxBytes: 8000 });
    for (let i = 0; i < 20; i += 1) cache.store(`/p${i}`, answer(PRIZES, 'x'.repeat(700)), cache.now());
    expect(cache.bytes).toBeLessThanOrEqual(8000);
    expect(cache.has('/p19')).toBe(true);
    expect(cache.has('/p0')).toBe(false);
    expect(cache.store('/big', answer(PRIZES, 'x'.repeat(1100)), cache.now())).toBe(false);
  });

  it('forgets the answers of an invalidated type only, and the bytes they held', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20 });
    cache.store('/t', answer(TEMPLATES, 'templates'), cache.now());
    cache.store('/p', answer(PRIZES, 'prizes'), cache.now());
    const before = cache.bytes;
    cache.invalidate([PRIZES]);
    expect([cache.has('/t'), cache.has('/p')]).toEqual([true, false]);
    expect(cache.bytes).toBeLessThan(before);
    cache.flush();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('refuses an answer whose read began before its type was invalidated (a read racing a write)', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1 << 20 });
    const startedAt = cache.now();
    cache.invalidate([PRIZES]);
    expect(cache.store('/p', answer(PRIZES, 'old stock'), startedAt)).toBe(false);
    // Another type's read is not held back, and a read that began after the invalidation is stored.
    expect(cache.store('/t', answer(TEMPLATES, 'templates'), startedAt)).toBe(true);
    expect(cache.store('/p', answer(PRIZES, 'new stock'), cache.now())).toBe(true);
    const beforeFlush = cache.now();
    cache.flush();
    expect(cache.store('/t', answer(TEMPLATES, 'templates'), beforeFlush)).toBe(false);
  });

  it('gives equal bodies one strong ETag and different bodies different ones', () => {
    expect(etagOf(Buffer.from('{"data":[]}'))).toBe(etagOf(Buffer.from('{"data":[]}')));
    expect(etagOf(Buffer.from('{"data":[]}'))).not.toBe(etagOf(Buffer.from('{"data":[1]}')));
    expect(etagOf(Buffer.from(''))).toMatch(/^"[\w-]{43}"$/);
  });
});

describe('cache keys', () => {
  it('are the path alone without a query', () => {
    expect(cacheKeyFor('/api/prizes', '')).toBe('/api/prizes');
    expect(cacheKeyFor('/api/prizes', '&&')).toBe('/api/prizes');
  });

  it('decode and encode each parameter again, and order parameters by top-level name', () => {
    const a = cacheKeyFor('/api/products', 'sort=id:desc&fields[0]=name&populate[category][fields][0]=name');
    const b = cacheKeyFor('/api/products', 'populate%5Bcategory%5D%5Bfields%5D%5B0%5D=name&fields%5B0%5D=name&sort=id%3Adesc');
    expect(a).toBe(b);
    expect(cacheKeyFor('/api/posts', 'a=x+y')).toBe(cacheKeyFor('/api/posts', 'a=x%20y'));
    expect(cacheKeyFor('/api/posts', 'withCount')).toBe(cacheKeyFor('/api/posts', 'withCount='));
  });

  it('keep the order inside one parameter, which decides the answer', () => {
    expect(cacheKeyFor('/api/products', 'sort[0]=name&sort[1]=id')).not.toBe(cacheKeyFor('/api/products', 'sort[1]=id&sort[0]=name'));
    expect(cacheKeyFor('/api/products', 'sort[name]=asc&sort[id]=desc')).not.toBe(cacheKeyFor('/api/products', 'sort[id]=desc&sort[name]=asc'));
    expect(cacheKeyFor('/api/products', 'sort=name&sort=id')).not.toBe(cacheKeyFor('/api/products', 'sort=id&sort=name'));
  });

  it('are refused (no caching) for a query that cannot be decoded', () => {
    expect(cacheKeyFor('/api/products', 'filters[name]=%E0%A4%A')).toBeNull();
  });
});
