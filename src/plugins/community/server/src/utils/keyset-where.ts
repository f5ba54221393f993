import { ValidationError } from '../../../../../utils/errors';
import { cursorAfter, decodeCursor, encodeCursor, type FeedOrder } from '../domain/cursor';

/**
 * Keyset paging through the Query Engine for the lists ordered by (createdAt, id): the `where` that
 * continues strictly after a cursor (domain/cursor.ts `comesAfter` is its reference), the `orderBy`, and
 * the next cursor from a page fetched with one extra row.
 */
export type TimeOrder = Exclude<FeedOrder, 'hot'>;

/** The cursor a client sent, decoded, or a 400 that says why it is refused. */
export const readCursor = (text: string | undefined, order: TimeOrder) => {
  if (text === undefined) return null;
  const decoded = decodeCursor(text, order);
  if ('problem' in decoded) throw new ValidationError(`Invalid query: cursor: ${decoded.problem}`, { errors: [{ path: ['cursor'], message: decoded.problem }] });
  if (decoded.cursor.order === 'hot') throw new ValidationError('Invalid query: cursor: not a cursor for this list');
  return decoded.cursor;
};

export const afterCursor = (cursor: ReturnType<typeof readCursor>): Record<string, unknown> => {
  if (!cursor) return {};
  const op = cursor.order === 'newest' ? '$lt' : '$gt';
  return { $or: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }] };
};

export const orderOf = (order: TimeOrder) => {
  const direction = order === 'newest' ? ('desc' as const) : ('asc' as const);
  return [{ createdAt: direction }, { id: direction }];
};

/** A timestamp as the database driver returns it (Date, ISO text or epoch milliseconds), as ISO text. */
export const isoOf = (value: unknown): string => new Date(value as string | number | Date).toISOString();

/** The page (without the probe row) and the cursor after it, or null when `rows` holds no more than `limit`. */
export const pageOf = <R extends { id: number; createdAt: unknown }>(rows: R[], limit: number, order: TimeOrder) => {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor(cursorAfter({ id: last.id, createdAt: isoOf(last.createdAt) }, order)) : null;
  return { page, next };
};
