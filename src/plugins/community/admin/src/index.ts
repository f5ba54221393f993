import { Shield } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

/**
 * Admin entry of the community plugin: the moderators' workplace (社区审核). Found by the admin bundler
 * through `exports["./strapi-admin"]` of ../../package.json, like the leaderboard plugin's; type-checked
 * by src/admin/tsconfig.json (`npm run typecheck`).
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Shield,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: '社区审核 Moderation' },
      permissions: PERMISSIONS.moderate,
      Component: () => import('./pages/ModerationPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Community moderation' });
  },
};
