import { calendarDay, emptyMeta, instant, z } from '../../../../../utils/openapi';

/**
 * What the wechat plugin's routes answer on success, as zod schemas: the API document is generated from
 * them and the conformance test (tests/e2e/openapi-conformance.test.ts) holds real answers to them. Objects
 * are strict, so a field added to an answer without being added here fails that test.
 */

export const smokingSettingsSchema = z
  .object({ cigarettesPerDay: z.number().int(), pricePerPack: z.number(), cigarettesPerPack: z.number().int() })
  .strict()
  .openapi('SmokingSettings');

/** The signed-in user's own account (profile service `view`: an allow-list of the user row). */
export const profileViewSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    nickname: z.string().nullable(),
    avatar: z.string().nullable(),
    timezone: z.string().openapi({ description: 'IANA time zone of the user, e.g. Asia/Shanghai' }),
    dayStartHour: z.number().int().openapi({ description: 'Hour (0-23) at which the user’s day starts' }),
    province: z.string().nullable(),
    city: z.string().nullable(),
    district: z.string().nullable(),
    showInRanking: z.boolean(),
    membershipTier: z.enum(['free', 'vip', 'ai']).openapi({ description: 'The tier in force now (an expired one reads free)' }),
    membershipExpiresAt: instant.nullable(),
    pointsBalance: z.number().int(),
    makeupCards: z.number().int(),
    phoneMasked: z.string().nullable().openapi({ description: 'The bound phone number, masked (138****1234)' }),
    smokingSettings: smokingSettingsSchema.nullable(),
    totalCheckInDays: z.number().int(),
    consecutiveDays: z.number().int().openapi({ description: 'The current run of check-in days (0 once a day was missed)' }),
    lastCheckInDate: calendarDay.nullable(),
    lastLoginAt: instant.nullable(),
    createdAt: instant,
  })
  .strict()
  .openapi('Profile');

const profileAnswer = z.object({ data: profileViewSchema, meta: emptyMeta }).strict();

export const loginAnswerSchema = z
  .object({
    data: z
      .object({
        jwt: z.string().openapi({ description: 'Access token: send as `Authorization: Bearer <jwt>`' }),
        refreshToken: z.string().openapi({ description: 'Single use: trade it for a new pair at POST /api/auth/refresh' }),
        user: profileViewSchema,
      })
      .strict(),
    meta: z
      .object({ ignored: z.array(z.literal('nickname')).optional().openapi({ description: 'Profile fields sent with the login and not applied' }) })
      .strict(),
  })
  .strict()
  .openapi('LoginAnswer');

export const tokenPairAnswerSchema = z
  .object({ data: z.object({ jwt: z.string(), refreshToken: z.string() }).strict(), meta: emptyMeta })
  .strict()
  .openapi('TokenPairAnswer');

export const logoutAnswerSchema = z.object({ data: z.object({ ok: z.literal(true) }).strict(), meta: emptyMeta }).strict().openapi('LogoutAnswer');

export const profileAnswerSchema = profileAnswer.openapi('ProfileAnswer');

export const deletionAnswerSchema = z
  .object({
    data: z
      .object({
        deletedAt: instant,
        purgeAfter: instant.openapi({ description: 'Signing in again before this instant restores the account' }),
      })
      .strict(),
    meta: emptyMeta,
  })
  .strict()
  .openapi('DeletionAnswer');

export const exportAnswerSchema = z
  .object({
    data: z
      .object({
        profile: profileViewSchema,
        records: z
          .record(z.array(z.record(z.unknown())))
          .openapi({ description: 'Every record the user owns, by content type plural name (habits, check-ins, diaries ...), as the content API shows it' }),
        exportedAt: instant,
      })
      .strict(),
    meta: emptyMeta,
  })
  .strict()
  .openapi('ExportAnswer');
