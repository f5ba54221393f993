import { emptyMeta, z } from '../../../../../utils/openapi';
import { KINDS } from '../content-types';

/** What the reminder routes answer, as zod schemas: the API document is generated from them. */
export const subscriptionSchema = z
  .object({
    templateId: z.string().openapi({ description: 'The WeChat template id: pass it to wx.requestSubscribeMessage' }),
    kind: z.enum(KINDS),
    title: z.string(),
    longTerm: z.boolean().openapi({ description: 'A long-term template: one accept allows sends until refused (never mixed with one-time ids in one request)' }),
    credits: z.number().int().openapi({ description: 'Sends the user allowed and not yet spent (1 or 0 for a long-term template)' }),
    lastResult: z.enum(['accept', 'reject', 'ban', 'filter']).nullable(),
    needsAsking: z.boolean().openapi({ description: 'Ask at the next moment that fits (from a tap): no credit left and not banned' }),
  })
  .strict()
  .openapi('ReminderSubscription');

export const subscriptionsAnswerSchema = z
  .object({ data: z.array(subscriptionSchema), meta: z.object({ maxPerRequest: z.number().int() }).strict() })
  .strict()
  .openapi('ReminderSubscriptionsAnswer');

export const settingsSchema = z
  .object({
    enabled: z.boolean(),
    quietStart: z.string().nullable().openapi({ description: 'HH:mm local; no reminder from quietStart to quietEnd (may wrap midnight)' }),
    quietEnd: z.string().nullable(),
    streakRiskHour: z.number().int().nullable().openapi({ description: '0..23 local: when a streak of 3+ days is not yet checked in today; null = off' }),
    timezone: z.string().openapi({ description: 'The user’s IANA timezone: every time here is read in it' }),
  })
  .strict()
  .openapi('ReminderSettings');

export const settingsAnswerSchema = z.object({ data: settingsSchema, meta: emptyMeta }).strict().openapi('ReminderSettingsAnswer');
