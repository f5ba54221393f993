import type { Core } from '@strapi/strapi';
import { invalidatePublic, publicContent } from '../services/public-cache';
import { leavesOwnedListsAlone } from '../utils/owned-list';

/**
 * Every write path of Strapi itself announces its writes to the public cache (src/services/public-cache.ts):
 * - the Document Service (content API, admin panel, services, seeds), by a document middleware that
 *   announces after the action returns, i.e. after its transaction committed;
 * - the db layer (`strapi.db.query`, which the admin panel's content manager and plugins use, and which
 *   the Document Service itself runs on), by lifecycles on every watched model, single and bulk.
 * Both run on every instance whether or not its cache middleware is on: the other instances need to hear.
 * Raw knex / SQL writers call `invalidatePublic` themselves (CONTRIBUTING.md).
 */
const DOCUMENT_READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/** In register(): the Document Service middleware. An unknown action counts as a write. */
export const announceDocumentWrites = (strapi: Core.Strapi) => {
  strapi.documents.use(
    // Writes only (reads pass straight through), so owned lists keep their fast path.
    leavesOwnedListsAlone(async (context, next) => {
      const result = await next();
      if (!DOCUMENT_READS.has(context.action)) await invalidatePublic(strapi, context.uid);
      return result;
    }),
  );
};

/** In bootstrap(): db lifecycles on the watched models (what public answers show, and the role permissions). */
export const announceDatabaseWrites = (strapi: Core.Strapi) => {
  const announce = (event: { model: { uid: string } }) => invalidatePublic(strapi, event.model.uid);
  strapi.db.lifecycles.subscribe({
    models: [...publicContent(strapi).watched],
    afterCreate: announce,
    afterCreateMany: announce,
    afterUpdate: announce,
    afterUpdateMany: announce,
    afterDelete: announce,
    afterDeleteMany: announce,
  });
};
