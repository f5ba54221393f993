import type { Core } from '@strapi/strapi';
import { syncRolePermissions } from './bootstrap/permissions';
import { ensureDatabaseConstraints } from './bootstrap/database';
import { oneInstanceAtATime } from './bootstrap/boot-lock';
import { applyAdminLayouts } from './bootstrap/admin-layout';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { syncAdminRoles } from './bootstrap/admin-roles';
import { acceptAdminRelationsOnJoinColumns } from './bootstrap/join-column-relations';
import { securityBuiltOnce } from './bootstrap/security-headers';
import { announceDatabaseWrites, announceDocumentWrites } from './bootstrap/public-cache';
import { closeKeyValueStore } from './services/key-value';
import { handleSignals } from './bootstrap/graceful-shutdown';
import { afterCommitWorkSettled, guardAfterCommitWork } from './bootstrap/after-commit';
import { closeInvalidationBus } from './services/invalidation';
import { watchReadObservers } from './utils/owned-list';
import { registerApiDocument } from './openapi';
import { seedDemoContent } from '../database/seeds';

/** Demo content is on by default for `npm run develop`, off for tests and production unless asked for. */
const shouldSeedDemo = () => {
  const flag = process.env.SEED_DEMO;
  if (flag !== undefined) return flag === 'true' || flag === '1';
  return (process.env.NODE_ENV ?? 'development') === 'development';
};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    guardAfterCommitWork(strapi);
    watchReadObservers(strapi);
    strapi.get('middlewares').extend('strapi::security', securityBuiltOnce);
    announceDocumentWrites(strapi);
    acceptAdminRelationsOnJoinColumns(strapi);
    // Before the documentation plugin's bootstrap, which generates the document with the overrides in it.
    registerApiDocument(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    announceDatabaseWrites(strapi);
    await oneInstanceAtATime(strapi, async () => {
      await ensureDatabaseConstraints(strapi);
      await syncRolePermissions(strapi);
      await applyAdminLayouts(strapi);
      // The job roles of the admin panel (内容编辑, 审核员, 运营, 商家): after the plugins' actions and the admin's own roles.
      await syncAdminRoles(strapi);
      await ensureFirstAdmin(strapi);
      if (shouldSeedDemo()) await seedDemoContent(strapi);
    });
    // SIGTERM drains requests and jobs before Strapi is destroyed (src/bootstrap/graceful-shutdown.ts).
    handleSignals(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    // The last writes' entry events still reading their entries: before the database pool closes.
    await afterCommitWorkSettled(5000);
    await closeKeyValueStore(strapi);
    await closeInvalidationBus(strapi);
  },
};
