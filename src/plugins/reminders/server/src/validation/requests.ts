import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:mm (00:00 to 23:59)');
const result = z.enum(['accept', 'reject', 'ban', 'filter']);

/** POST /api/reminders/subscriptions: the ids asked for and what wx.requestSubscribeMessage resolved with. */
export const consentBodySchema = z
  .object({
    templateIds: z.array(z.string().min(1).max(128)).min(1).max(5),
    results: z.record(z.string().min(1).max(128), result),
    idempotencyKey: z.string().min(8).max(128).optional(),
  })
  .strict()
  .refine((body) => new Set(body.templateIds).size === body.templateIds.length, { message: 'templateIds has a duplicate', path: ['templateIds'] });

export type ConsentInput = z.infer<typeof consentBodySchema>;

/** PUT /api/reminders/settings: any of the fields; quiet hours both set or both null. */
export const settingsBodySchema = z
  .object({
    enabled: z.boolean().optional(),
    quietStart: hhmm.nullable().optional(),
    quietEnd: hhmm.nullable().optional(),
    streakRiskHour: z.number().int().min(0).max(23).nullable().optional(),
  })
  .strict()
  .refine((body) => (body.quietStart === undefined) === (body.quietEnd === undefined) && (body.quietStart === null) === (body.quietEnd === null), {
    message: 'quietStart and quietEnd go together: both times, or both null',
    path: ['quietEnd'],
  });

export type SettingsInput = z.infer<typeof settingsBodySchema>;

/** The admin's test send: a template (document id) to the editor's bound app user. */
export const testSendBodySchema = z.object({ template: z.string().min(1).max(64) }).strict();
/** The admin's binding of the signed-in editor to an app user (by id), or null to unbind. */
export const bindingBodySchema = z.object({ userId: z.number().int().positive().nullable() }).strict();
