import { Bell } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

/**
 * Admin entry of the reminders plugin (found through package.json's `exports["./strapi-admin"]`, like the
 * leaderboard's): the page 订阅消息提醒 with the last 7 days per template, the editor's own app user and the
 * test send. Templates and the send log are content types in the Content Manager.
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Bell,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Reminders 订阅消息提醒' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/RemindersPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Reminders' });
  },
};
