import { METRICS, PERIODS, SCOPES } from '../domain/boards';
import { calendarDay, instant, z } from '../../../../../utils/openapi';

/**
 * What the leaderboard routes answer on success, as zod schemas: the API document is generated from them
 * and tests/e2e/openapi-conformance.test.ts holds real answers to them (strict objects: a new field must be
 * written here too).
 */

export const boardEntrySchema = z
  .object({
    rank: z.number().int(),
    nickname: z.string().nullable(),
    avatar: z.string().nullable(),
    score: z.number().int(),
    reachedAt: instant.openapi({ description: 'When the score was reached (ties: earlier ranks higher)' }),
    isMe: z.boolean(),
  })
  .strict()
  .openapi('BoardEntry');

export const boardMetaSchema = z
  .object({
    metric: z.enum(METRICS),
    scope: z.enum(SCOPES),
    region: z.string().nullable(),
    period: z
      .object({ kind: z.enum(PERIODS), id: z.string(), startsOn: calendarDay.nullable(), endsOn: calendarDay.nullable() })
      .strict(),
  })
  .strict()
  .openapi('BoardMeta');

export const boardPageAnswerSchema = z
  .object({
    data: z.array(boardEntrySchema),
    meta: z
      .object({
        board: boardMetaSchema,
        pagination: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int() }).strict(),
      })
      .strict(),
  })
  .strict()
  .openapi('BoardPageAnswer');

export const boardPlaceAnswerSchema = z
  .object({
    data: z
      .object({
        rank: z.number().int().nullable().openapi({ description: 'null when the user is not on this board' }),
        score: z.number().int(),
        reachedAt: instant.nullable(),
        total: z.number().int(),
        percentile: z.number().nullable(),
        above: z.array(boardEntrySchema),
        below: z.array(boardEntrySchema),
      })
      .strict(),
    meta: z.object({ board: boardMetaSchema }).strict(),
  })
  .strict()
  .openapi('BoardPlaceAnswer');
