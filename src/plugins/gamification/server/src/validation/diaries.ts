import { z } from '../../../../../utils/openapi';

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${name} is 1-${max}`)
    // A query parameter is text on the wire; the API document says what it holds.
    .openapi({ type: 'integer', minimum: 1, maximum: max });

/** GET /api/diaries?month=YYYY-MM&page=&pageSize= (Strapi's own list parameters pass through). */
export const diaryListQuerySchema = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM').optional(),
    page: positiveInt('page', 100000).optional(),
    pageSize: positiveInt('pageSize', 100).optional(),
  })
  .passthrough();
