import { decodeProductCursor, encodeProductCursor } from '../cursor';

describe('product list cursors', () => {
  it('come back as they were made, for the sort they were made for', () => {
    const text = encodeProductCursor({ sort: 'price_asc', key: 1990, id: 42 });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeProductCursor(text, 'price_asc')).toEqual({ sort: 'price_asc', key: 1990, id: 42 });
    expect(decodeProductCursor(text, 'price_desc')).toBeNull();
    expect(decodeProductCursor(encodeProductCursor({ sort: 'newest', key: null, id: 7 }), 'newest')).toEqual({ sort: 'newest', key: null, id: 7 });
  });

  it('refuse text this server did not make', () => {
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of ['', 'not base64!', made([1, 2]), made({ s: 'newest', k: null, i: -1 }), made({ s: 'price_asc', k: null, i: 3 }), made({ s: 'newest', k: null, i: 3, x: 1 })]) {
      expect(decodeProductCursor(text, 'newest')).toBeNull();
    }
    expect(decodeProductCursor(made({ s: 'price_asc', k: null, i: 3 }), 'price_asc')).toBeNull();
  });
});
