import { Calendar } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * Admin entry of the challenges plugin: the moderators' list of user-made challenges waiting for a
 * decision (挑战审核). Found by the admin bundler through `exports["./strapi-admin"]` of
 * ../../package.json; type-checked by src/admin/tsconfig.json (`npm run typecheck`).
 */
export const PLUGIN_ID = 'challenges';
/** The community moderators' permission (the server's routes ask for the same). A module constant: useRBAC re-checks on a new array. */
export const MODERATE = [{ action: 'plugin::community.moderate', subject: null }];

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Calendar,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: '挑战审核 Challenges' },
      permissions: MODERATE,
      Component: () => import('./pages/PendingChallengesPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Challenges' });
  },
};
