import { z } from 'zod';
import { PRODUCT_SORTS } from '../validation/requests';

/**
 * Keyset cursors of the product lists (GET /mall/products). A page ends at its last row's sort key and
 * id; the next page starts strictly after that pair, so a product added while a buyer scrolls never
 * shifts what they have not seen yet (no OFFSET), and each page is an index range, not a scan.
 *
 * The cursor is opaque to clients: base64url of a small JSON `{ s: sort, k: key | null, i: id }`. It names
 * the sort it was made for; a cursor of another sort (or one this server never made) is refused.
 */
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export type ProductCursor = { sort: ProductSort; key: number | null; id: number };

const wire = z
  .object({ s: z.enum(PRODUCT_SORTS), k: z.number().int().nullable(), i: z.number().int().positive() })
  .strict();

export const encodeProductCursor = ({ sort, key, id }: ProductCursor): string =>
  Buffer.from(JSON.stringify(wire.parse({ s: sort, k: key, i: id })), 'utf8').toString('base64url');

/** The cursor, or null when `text` is not one this server made for `sort`. */
export const decodeProductCursor = (text: string, sort: ProductSort): ProductCursor | null => {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = wire.safeParse(json);
  if (!parsed.success || parsed.data.s !== sort) return null;
  // Price sorts page over rows that have that price: their cursors always carry a key.
  if (sort !== 'newest' && parsed.data.k === null) return null;
  return { sort: parsed.data.s, key: parsed.data.k, id: parsed.data.i };
};
