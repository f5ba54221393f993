/**
 * The home page's sections and the admin permission each one needs: the permission of the work a number
 * points to, so a widget shows only to the people who can act on it. Super admins hold every action.
 *
 * - activity, points: this plugin's own `plugin::dashboard.activity` (bootstrap.ts).
 * - lotteryStock: updating prizes in the Content Manager (whoever can restock them).
 * - moderation: the community moderators' `plugin::community.moderate` (the 审核员 role).
 * - orders: the mall's `plugin::mall.orders` (运营 and 商家 roles; a 商家 counts their own shops' orders only).
 * - reminders: the reminders page's `plugin::reminders.read`.
 *
 * The names are the permission strings other plugins register (the admin panel stores them as such); the
 * admin side of this plugin repeats them in admin/src/permissions.ts.
 */
export type Permission = { action: string; subject: string | null };

export const ACTIVITY_ACTION = 'plugin::dashboard.activity';

export const SECTIONS = {
  activity: { action: ACTIVITY_ACTION, subject: null },
  points: { action: ACTIVITY_ACTION, subject: null },
  lotteryStock: { action: 'plugin::content-manager.explorer.update', subject: 'api::prize.prize' },
  moderation: { action: 'plugin::community.moderate', subject: null },
  orders: { action: 'plugin::mall.orders', subject: null },
  reminders: { action: 'plugin::reminders.read', subject: null },
} as const satisfies Record<string, Permission>;

export type Section = keyof typeof SECTIONS;
