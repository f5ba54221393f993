import { z } from 'zod';

/**
 * Keyset cursors for the product lists: a page ends at a row's sort key and the next starts strictly after
 * it, so products added while a buyer scrolls never shift what they have not seen, and no page is an
 * OFFSET scan. Opaque to clients (base64url JSON); it carries the sort it was made for.
 */
export const PRODUCT_ORDERS = ['newest', 'price_asc', 'price_desc', 'points_asc'] as const;
export type ProductOrder = (typeof PRODUCT_ORDERS)[number];

const cursorSchema = z.object({ sort: z.enum(PRODUCT_ORDERS), key: z.number().int().nullable(), id: z.number().int().positive() }).strict();
export type ProductCursor = z.infer<typeof cursorSchema>;

export const encodeProductCursor = (cursor: ProductCursor): string => Buffer.from(JSON.stringify(cursorSchema.parse(cursor)), 'utf8').toString('base64url');

export const decodeProductCursor = (text: string, sort: ProductOrder): ProductCursor | null => {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.sort === sort ? parsed.data : null;
  } catch {
    return null;
  }
};
