import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The gamification plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 * Services are reached through Strapi's registry (`strapi.plugin('gamification').service(name)`), typed by
 * the plugin's PluginServices map; request schemas and the few pure helpers a controller needs to
 * validate a request are re-exported here, so files under server/src/ can move without breaking callers.
 */
export type GamificationServices = PluginServices;

export const gamification = <K extends keyof GamificationServices>(strapi: Core.Strapi, name: K): GamificationServices[K] =>
  strapi.plugin('gamification').service(name) as GamificationServices[K];

// Request schemas (zod): the controllers validate with them, and the OpenAPI document is built from them.
export { calendarQuerySchema, checkInBodySchema, makeupBodySchema, recordsQuerySchema } from './server/src/validation/check-ins';
export type { CheckInInput, MakeupInput } from './server/src/validation/check-ins';
export { diaryListQuerySchema } from './server/src/validation/diaries';
export { assertHabitRules } from './server/src/validation/habits';
export { taskListQuerySchema } from './server/src/validation/tasks';
// An idempotent write's key (body or Idempotency-Key header) and the request it stands for.
export { idempotentRequestFrom } from './server/src/utils/idempotency-key';
export type { IdempotentRequest, StoredAnswer } from './server/src/services/idempotency';
// One idempotent write of another plugin's route, under the user's row lock (quit, reminders).
export { idempotentWrite } from './server/src/utils/idempotent-write';
// Membership tiers, for route policies.
export { effectiveTier, isTier, satisfies, type Tier } from './server/src/domain/membership';
// Emitted after a check-in, a makeup or an undo commits (the challenges' progress listens).
export { CHECK_IN_CHANGED_EVENT, type CheckInChanged } from './server/src/services/check-ins';
// Hand-written statements on Strapi's pool for other plugins' hot transactions (the mall's orders): the same
// `sql` service transactions the ledger and the idempotency records run in.
export { statement, statementFamily, type Sql, type Statement } from './server/src/utils/sql';
export { InsufficientPointsError } from './server/src/services/ledger';
// Emitted after the ledger's and the lottery's writes commit (the app's metrics count points and draws).
export { POINTS_APPLIED_EVENT, type PointsApplied } from './server/src/services/ledger';
export { LOTTERY_DRAWN_EVENT, type LotteryDrawn } from './server/src/services/lottery';
// Quit-smoking figures (seed 003): the quit plugin's report and the habit stats compute money saved alike.
export { EQUIVALENT_ITEMS, HEALTH_MILESTONES, quitSummary, type QuitSummary, type SmokingSettings } from './server/src/domain/quit';
// Another plugin's say over which local days of a habit may be checked in (the quit plugin's relapse days).
export type { CheckInDayGuard } from './server/src/services/check-ins';
export { QUIT_RELAPSE_RULES, type QuitRelapseRule } from './server/src/services/settings';

/** A calendar-day column (`local_date`) as YYYY-MM-DD, whatever the driver hands back. */
export { calendarDate } from './server/src/utils/rows';

// Admin roles (src/bootstrap/admin-roles.ts): the content types an operator or an editor works, and the codes action.
export { UIDS as GAMIFICATION_UIDS, PUBLIC_UIDS as GAMIFICATION_PUBLIC_UIDS } from './server/src/content-types';
export { GENERATE_CODES_ACTION } from './server/src/routes/admin';
