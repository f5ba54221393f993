import { Key } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

/**
 * Admin entry of the gamification plugin: the page 兑换码 Redeem codes, where an editor generates a batch
 * and downloads its codes once, and sees the earlier batches (without codes). Shown to admins with
 * "Generate redeem codes" only. Found by the admin bundler through `exports["./strapi-admin"]` of
 * ../../package.json; type-checked by src/admin/tsconfig.json (`npm run typecheck`).
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Key,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: '兑换码 Redeem codes' },
      permissions: PERMISSIONS.redeemBatches,
      Component: () => import('./pages/RedeemBatchesPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Redeem codes' });
  },
};
