import { z } from 'zod';
import { isValidDate } from '../../../../../utils/calendar';

/** A documentId as Strapi generates them. */
const documentId = z.string({ required_error: 'habit is required: the documentId of one of your habits' }).regex(/^[a-z0-9]{10,64}$/, 'habit must be a documentId');
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine(isValidDate, 'date does not exist');
/** Offline queues generate one per intended write and resend it on every retry. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'idempotencyKey is 8-64 letters, digits or _ . : -');

export const checkInBodySchema = z.object({
  data: z
    .object({
      habit: documentId,
      note: z.string().max(1000, 'note is at most 1000 characters').optional(),
      mood: z.number().int().min(1, 'mood is 1-5').max(5, 'mood is 1-5').optional(),
      images: z.array(z.string().url().max(512)).max(9, 'at most 9 images').optional(),
      duration: z.number().int().min(0).max(1440, 'duration is minutes, at most 1440').optional(),
      count: z.number().int().min(0).max(100000).optional(),
      idempotencyKey: idempotencyKeySchema.optional(),
      /**
       * The local day the user tapped (an offline queue sends it when it replays later). Today checks in;
       * an earlier day is answered 409 day_passed (with what a makeup could do); a later day is a 400.
       */
      localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'localDate must be YYYY-MM-DD').refine(isValidDate, 'localDate does not exist').optional(),
    })
    .strict(),
});
export type CheckInInput = z.infer<typeof checkInBodySchema>['data'];

export const makeupBodySchema = z.object({ data: z.object({ habit: documentId, date: calendarDate }).strict() });
export type MakeupInput = z.infer<typeof makeupBodySchema>['data'];

export const calendarQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM') }).strict();

export const recordsQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
