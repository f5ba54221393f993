import { z } from 'zod';
import { isValidTimezone } from '../../../../../utils/clock';

/** A wx.login / getPhoneNumber code: an opaque token of letters, digits and a few separators. */
export const codeSchema = z
  .string({ required_error: 'code is required: send the code from wx.login' })
  .min(1, 'code is empty: send the code from wx.login')
  .max(128, 'code is too long to be a WeChat code')
  .regex(/^[A-Za-z0-9_.\-]+$/, 'code has characters a WeChat code never has');

// Control characters and bidirectional overrides hide or reorder text in other people's screens.
const HIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\u2028\u2029]/u;

export const nicknameSchema = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => [...value].length >= 1, 'nickname cannot be empty')
  .refine((value) => [...value].length <= 20, 'nickname is at most 20 characters')
  .refine((value) => !HIDDEN_CHARACTERS.test(value), 'nickname cannot contain control or invisible characters');

/** An https URL on one of the allowed image hosts (WeChat's avatar CDN by default). */
export const avatarSchema = (allowedHosts: readonly string[]) =>
  z
    .string()
    .max(512, 'avatar URL is at most 512 characters')
    .url('avatar must be a URL')
    .refine((value) => new URL(value).protocol === 'https:', 'avatar must be an https URL')
    .refine((value) => allowedHosts.includes(new URL(value).hostname), `avatar must be hosted on ${allowedHosts.join(', ')}`);

export const loginBodySchema = (allowedHosts: readonly string[]) =>
  z.object({ code: codeSchema, nickname: nicknameSchema.optional(), avatar: avatarSchema(allowedHosts).optional() }).strict();
export type LoginInput = z.infer<ReturnType<typeof loginBodySchema>>;

export const phoneBodySchema = z.object({ code: codeSchema }).strict();

export const refreshBodySchema = z
  .object({
    refreshToken: z
      .string({ required_error: 'refreshToken is required: send the one from your last login or refresh' })
      .min(10, 'refreshToken is malformed')
      .max(256, 'refreshToken is malformed'),
  })
  .strict();

// Region names become leaderboard board names (省/市/区 paths): no slash or braces in them.
const region = z.string().trim().min(1).max(50).regex(/^[^{}/]+$/, 'a region name has no / { or }');

export const profileUpdateSchema = (allowedHosts: readonly string[]) =>
  z
    .object({
      nickname: nicknameSchema,
      avatar: avatarSchema(allowedHosts),
      timezone: z.string().refine(isValidTimezone, 'timezone must be an IANA name such as Asia/Shanghai'),
      dayStartHour: z.number().int('dayStartHour is a whole hour').min(0, 'dayStartHour is 0-23').max(23, 'dayStartHour is 0-23'),
      province: region.nullable(),
      city: region.nullable(),
      district: region.nullable(),
      showInRanking: z.boolean(),
      /** For quit-smoking habits: money saved and cigarettes avoided are computed from these. */
      smokingSettings: z
        .object({
          cigarettesPerDay: z.number().int().min(1).max(200),
          pricePerPack: z.number().min(0).max(1000),
          cigarettesPerPack: z.number().int().min(1).max(100),
        })
        .strict()
        .nullable(),
    })
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'send at least one field to change');
export type ProfileUpdate = z.infer<ReturnType<typeof profileUpdateSchema>>;

/** POST /api/me/avatar (multipart, field `file`): a JPEG, PNG or WebP image of at most AVATAR_MAX_BYTES. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];

/** The uploaded file as koa-body (formidable) hands it over; its bytes are checked by the profile service. */
const uploadedFile = z.object({
  filepath: z.string(),
  size: z.number().int().min(0),
  originalFilename: z.string().nullish(),
  mimetype: z.string().nullish(),
});

export const avatarUploadSchema = z.object(
  {
    file: z.unknown().superRefine((value, ctx) => {
      if (value === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send the image as multipart/form-data in the field "file"' });
      } else if (Array.isArray(value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send exactly one image in the field "file"' });
      }
    }).pipe(
      uploadedFile
        .refine((file) => file.size > 0, 'the image is empty')
        .refine((file) => file.size <= AVATAR_MAX_BYTES, `the image is larger than ${AVATAR_MAX_BYTES / 1024 / 1024} MB`),
    ),
  },
  { required_error: 'send the image as multipart/form-data in the field "file"' },
);
export type AvatarUpload = z.infer<typeof avatarUploadSchema>['file'];
