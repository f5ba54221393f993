import fc from 'fast-check';
import { comesAfter, cursorAfter, decodeCursor, encodeCursor, type Cursor, type FeedOrder, type KeyedRow } from '../cursor';

const sortFor = (order: FeedOrder) => (a: KeyedRow, b: KeyedRow) => {
  if (order === 'oldest') return a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1;
  if (order === 'newest') return a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1;
  return (a.score ?? 0) === (b.score ?? 0) ? b.id - a.id : (b.score ?? 0) - (a.score ?? 0);
};

/** One page the way the feed query reads it: rows after the cursor, in order, `size` of them. */
const pageOf = (rows: readonly KeyedRow[], order: FeedOrder, size: number, cursor?: Cursor) =>
  rows.filter((row) => (cursor ? comesAfter(row, cursor) : true)).sort(sortFor(order)).slice(0, size);

describe('feed cursors', () => {
  it('round-trip through their opaque text', () => {
    const cursor: Cursor = { order: 'newest', createdAt: '2026-12-04T07:00:00.000Z', id: 42 };
    expect(decodeCursor(encodeCursor(cursor), 'newest')).toEqual({ cursor });
    const hot: Cursor = { order: 'hot', score: 0.125, id: 7, asOf: '2026-12-04T07:00:00.000Z' };
    expect(decodeCursor(encodeCursor(hot), 'hot')).toEqual({ cursor: hot });
  });

  it('refuse text the server did not issue, and a cursor of another order', () => {
    expect(decodeCursor('not a cursor!', 'newest')).toEqual({ problem: 'cursor is not one this server issued' });
    expect(decodeCursor(Buffer.from('{"order":"newest","id":-1}').toString('base64url'), 'newest')).toHaveProperty('problem');
    expect(decodeCursor(Buffer.from('[1,2').toString('base64url'), 'newest')).toHaveProperty('problem');
    const newest = encodeCursor({ order: 'newest', createdAt: '2026-12-04T07:00:00.000Z', id: 1 });
    expect(decodeCursor(newest, 'hot')).toEqual({ problem: 'cursor was made for the newest order, not hot' });
    expect(decodeCursor('A'.repeat(600), 'newest')).toHaveProperty('problem');
  });

  it('return every post exactly once while newer posts are inserted between pages (newest first)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 0, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 7 }),
        (minutes, insertsPerPage, size) => {
          let nextId = 1;
          const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 0, minute)).toISOString();
          const rows: KeyedRow[] = minutes.map((minute) => ({ id: nextId++, createdAt: at(minute) }));
          const before = new Set(rows.map((row) => row.id));
          const seen: number[] = [];
          let cursor: Cursor | undefined;
          for (let turn = 0; turn < 200; turn += 1) {
            const page = pageOf(rows, 'newest', size, cursor);
            seen.push(...page.map((row) => row.id));
            if (page.length < size) break;
            cursor = cursorAfter(page[page.length - 1], 'newest');
            // Posts written while the reader pages are newer than anything on the pages so far.
            for (let i = 0; i < (insertsPerPage[turn % insertsPerPage.length] ?? 0); i += 1) rows.push({ id: nextId++, createdAt: at(60 + turn) });
          }
          expect(new Set(seen).size).toBe(seen.length);
          for (const id of before) expect(seen).toContain(id);
        },
      ),
    );
  });

  it('return every post once in the hot order with the scores frozen at the first page, ties broken by id', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (scores, size) => {
        const rows: KeyedRow[] = scores.map((score, i) => ({ id: i + 1, createdAt: '2026-12-04T00:00:00.000Z', score }));
        const asOf = '2026-12-04T07:00:00.000Z';
        const seen: number[] = [];
        let cursor: Cursor | undefined;
        for (;;) {
          const page = pageOf(rows, 'hot', size, cursor);
          seen.push(...page.map((row) => row.id));
          if (page.length < size) break;
          cursor = cursorAfter(page[page.length - 1], 'hot', asOf);
        }
        expect([...seen].sort((a, b) => a - b)).toEqual(rows.map((row) => row.id));
      }),
    );
  });
});
