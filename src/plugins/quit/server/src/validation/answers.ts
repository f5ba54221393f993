import { calendarDay, emptyMeta, instant, z } from '../../../../../utils/openapi';
import { TRIGGERS } from '../domain/stats';

/**
 * What the quit routes answer, as zod schemas: the API document is generated from them (strict objects:
 * a new field is written here too).
 */
export const quitProfileSchema = z
  .object({
    quitAt: instant.nullable().openapi({ description: 'The quit time (an instant); null until set' }),
    cigarettesPerDay: z.number().int().nullable(),
    pricePerPack: z.number().nullable().openapi({ description: 'Yuan, 2 decimals' }),
    cigarettesPerPack: z.number().int().nullable(),
    reasons: z.array(z.string()),
    timezone: z.string().openapi({ description: 'The user’s IANA timezone: a local quitAt is read in it' }),
  })
  .strict()
  .openapi('QuitProfile');

export const relapseSchema = z
  .object({ documentId: z.string(), at: instant, count: z.number().int(), note: z.string().nullable(), localDate: calendarDay })
  .strict()
  .openapi('QuitRelapse');

export const cravingSchema = z
  .object({
    documentId: z.string(),
    at: instant,
    intensity: z.number().int(),
    trigger: z.enum(TRIGGERS),
    note: z.string().nullable(),
    resisted: z.boolean(),
    localDate: calendarDay.openapi({ description: 'The local day in the timezone the user had when it was logged' }),
    localHour: z.number().int().openapi({ description: '0-23, local, in that timezone' }),
    timezone: z.string(),
  })
  .strict()
  .openapi('Craving');

export const cravingStatsSchema = z
  .object({
    startDate: calendarDay,
    endDate: calendarDay,
    count: z.number().int(),
    meanIntensity: z.number(),
    days: z.array(z.object({ date: calendarDay, count: z.number().int(), meanIntensity: z.number() }).strict()),
    hours: z.array(z.number().int()).openapi({ description: '24 counts, local hours 0-23' }),
    peakHours: z.array(z.number().int()).openapi({ description: 'Up to 3 hours with the most cravings, most first' }),
    triggers: z.array(z.object({ trigger: z.enum(TRIGGERS), count: z.number().int(), share: z.number() }).strict()),
    resistedRate: z.number(),
  })
  .strict()
  .openapi('CravingStats');

export const milestoneStatusSchema = z
  .object({
    title: z.string(),
    afterMinutes: z.number().int(),
    description: z.string().nullable(),
    sort: z.number().int(),
    achieved: z.boolean(),
    achievedAt: instant.nullable(),
    remainingMinutes: z.number().int().nullable().openapi({ description: '0 once achieved; null with no quit time' }),
  })
  .strict();

export const quitReportSchema = z
  .object({
    quitAt: instant.nullable(),
    smokeFreeSince: instant.nullable().openapi({ description: 'The quit time, or the last relapse after it' }),
    minutesSmokeFree: z.number().int(),
    daysSmokeFree: z.number().int(),
    relapses: z.number().int(),
    savings: z
      .object({
        cigarettesAvoided: z.number().int(),
        moneySaved: z.number(),
        equivalent: z.object({ name: z.string(), count: z.number().int(), unit: z.string() }).strict(),
      })
      .strict()
      .nullable(),
    milestones: z.array(milestoneStatusSchema),
  })
  .strict()
  .openapi('QuitReport');

export const quitProfileAnswerSchema = z.object({ data: quitProfileSchema, meta: emptyMeta }).strict();
export const relapseAnswerSchema = z
  .object({
    data: relapseSchema,
    meta: z
      .object({
        undoneCheckIns: z
          .array(z.object({ checkIn: z.string(), habit: z.string(), pointsReversed: z.number().int(), pointsNotReversed: z.number().int() }).strict())
          .openapi({ description: 'Check-ins of the caller’s quit habits on the relapse’s local day, undone (rule dayNotCheckedIn); points already spent are not reversed' }),
      })
      .strict(),
  })
  .strict();
export const relapseListAnswerSchema = z.object({ data: z.array(relapseSchema), meta: emptyMeta }).strict();
export const cravingAnswerSchema = z.object({ data: cravingSchema, meta: emptyMeta }).strict();
export const cravingListAnswerSchema = z
  .object({
    data: z.array(cravingSchema),
    meta: z
      .object({ startDate: calendarDay, endDate: calendarDay, total: z.number().int(), truncated: z.boolean(), meanIntensity: z.number(), peakHours: z.array(z.number().int()) })
      .strict(),
  })
  .strict();
export const cravingStatsAnswerSchema = z.object({ data: cravingStatsSchema, meta: emptyMeta }).strict();
export const quitReportAnswerSchema = z.object({ data: quitReportSchema, meta: emptyMeta }).strict();
