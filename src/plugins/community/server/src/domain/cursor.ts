import { z } from 'zod';

/**
 * Keyset cursors for the community's feeds and comment lists (issue 13): a page ends at a row's sort key
 * and the next page starts strictly after it, so rows inserted while a reader pages never shift what they
 * have not seen yet, and no page is an OFFSET scan. The cursor is opaque to clients (base64url JSON) and
 * carries the order it was made for, so a cursor of one order cannot be replayed against another.
 *
 * Orders:
 * - `newest`: (createdAt DESC, id DESC)
 * - `oldest`: (createdAt ASC, id ASC) — comments, oldest first
 * - `hot`: (score DESC, id DESC), the score frozen at the first page (`asOf`) so that scores decaying
 *   while the reader pages do not reorder the rows behind them.
 */
export type FeedOrder = 'newest' | 'oldest' | 'hot';

const instant = z.string().datetime();
const rowId = z.number().int().positive();

const cursorSchema = z.discriminatedUnion('order', [
  z.object({ order: z.literal('newest'), createdAt: instant, id: rowId }).strict(),
  z.object({ order: z.literal('oldest'), createdAt: instant, id: rowId }).strict(),
  z.object({ order: z.literal('hot'), score: z.number().finite(), id: rowId, asOf: instant }).strict(),
]);

export type Cursor = z.infer<typeof cursorSchema>;

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursorSchema.parse(cursor)), 'utf8').toString('base64url');

/** Why a cursor string is refused, or the cursor; `expected` is the order the request asks for. */
export const decodeCursor = (text: string, expected: FeedOrder): { cursor: Cursor } | { problem: string } => {
  if (text.length > 512 || !/^[A-Za-z0-9_-]+$/.test(text)) return { problem: 'cursor is not one this server issued' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { problem: 'cursor is not one this server issued' };
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) return { problem: 'cursor is not one this server issued' };
  if (result.data.order !== expected) return { problem: `cursor was made for the ${result.data.order} order, not ${expected}` };
  return { cursor: result.data };
};

/** A row as the keyset needs it. */
export type KeyedRow = { id: number; createdAt: string; score?: number };

/** The cursor that continues after `row`, the last row of a page. */
export const cursorAfter = (row: KeyedRow, order: FeedOrder, asOf?: string): Cursor => {
  if (order === 'hot') {
    if (row.score === undefined || asOf === undefined) throw new RangeError('a hot cursor needs the row score and the page time');
    return { order, score: row.score, id: row.id, asOf };
  }
  return { order, createdAt: row.createdAt, id: row.id };
};

/** Whether `row` comes strictly after `cursor` in its order (the SQL's WHERE, as a reference for tests). */
export const comesAfter = (row: KeyedRow, cursor: Cursor): boolean => {
  switch (cursor.order) {
    case 'newest':
      return row.createdAt < cursor.createdAt || (row.createdAt === cursor.createdAt && row.id < cursor.id);
    case 'oldest':
      return row.createdAt > cursor.createdAt || (row.createdAt === cursor.createdAt && row.id > cursor.id);
    case 'hot': {
      const score = row.score ?? 0;
      return score < cursor.score || (score === cursor.score && row.id < cursor.id);
    }
  }
};
