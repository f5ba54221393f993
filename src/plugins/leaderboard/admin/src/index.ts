import { Crown } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

/**
 * Admin entry of the leaderboard plugin. Strapi's admin bundler finds it through the
 * `exports["./strapi-admin"].import` field of ../../package.json, read in src/plugins/leaderboard
 * itself: `strapi build` and `strapi develop` load config/plugins.ts from the sources (not dist/config),
 * so there `localPlugin()` names the source folder, while the server gets the compiled copy. Vite
 * bundles this TypeScript as it is; the app's tsc never compiles it (tsconfig.json excludes the plugins'
 * admin folders) and src/admin/tsconfig.json type-checks it (`npm run typecheck`).
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Crown,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Leaderboards 排行榜' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/LeaderboardPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Leaderboards' });
  },
};
