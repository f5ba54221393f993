import type { Core } from '@strapi/strapi';
import { applyConstraints } from '../../database/constraints';

/** Re-assert the database rules after Strapi's schema sync (see database/constraints.ts for why). */
export const ensureDatabaseConstraints = async (strapi: Core.Strapi) => {
  const applied = await applyConstraints(strapi.db.connection);
  strapi.log.debug(`[database] constraints in place: ${applied.join(', ')}`);
};
