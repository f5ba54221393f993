import { z } from 'zod';
import { isValidDate } from '../../../../../utils/calendar';

/** GET /api/tasks?date=YYYY-MM-DD (Strapi's own list parameters pass through). */
export const taskListQuerySchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine(isValidDate, 'date does not exist').optional(),
  })
  .passthrough();
