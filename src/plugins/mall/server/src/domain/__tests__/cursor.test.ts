import { decodeProductCursor, encodeProductCursor } from '../cursor';

describe('product cursors', () => {
  it('come back as they were made, for the sort they were made for only', () => {
    const text = encodeProductCursor({ sort: 'price_asc', key: 1990, id: 42 });
    expect(decodeProductCursor(text, 'price_asc')).toEqual({ sort: 'price_asc', key: 1990, id: 42 });
    expect(decodeProductCursor(text, 'newest')).toBeNull();
  });

  it('refuse what this server did not issue', () => {
    for (const text of ['', 'not base64!', Buffer.from('{"sort":"newest","id":-1,"key":null}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(decodeProductCursor(text, 'newest')).toBeNull();
    }
  });
});
