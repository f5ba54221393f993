import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The reminders plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 * Another plugin sends a message caused by an event: `reminders(strapi, 'notify').send('orderShipped', userId, {...})`
 * (or emits an event this plugin listens to: server/src/sources.ts).
 */
export type RemindersServices = PluginServices;

export const reminders = <K extends keyof RemindersServices>(strapi: Core.Strapi, name: K): RemindersServices[K] =>
  strapi.plugin('reminders').service(name) as RemindersServices[K];

export { UIDS as REMINDER_UIDS, KINDS as REMINDER_KINDS, type Kind as ReminderKind } from './server/src/content-types';
export { ORDER_SHIPPED_EVENT, POST_REVIEWED_EVENT, type OrderShipped, type PostReviewed } from './server/src/sources';
// The admin page's actions (stats and binding, test sends), which editors get (src/bootstrap/admin-roles.ts).
export { READ_ACTION as REMINDERS_READ_ACTION, TEST_ACTION as REMINDERS_TEST_ACTION } from './server/src/routes/admin';
