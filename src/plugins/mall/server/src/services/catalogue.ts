import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import type { ProductListQuery } from '../validation/requests';

/** Placeholder until the catalogue lands (mall-catalogue branch): empty lists, 404 for a product. */
const catalogueService = (_deps: { strapi: Core.Strapi }) => ({
  async categories(_baseUrl: string) {
    return [] as Array<{ documentId: string; name: string; icon: string | null; children: Array<{ documentId: string; name: string; icon: string | null }> }>;
  },
  async products(_query: ProductListQuery, _baseUrl: string) {
    return { data: [], meta: { nextCursor: null } };
  },
  async product(_documentId: string, _baseUrl: string): Promise<never> {
    throw new NotFoundError('No such product');
  },
});

export type CatalogueService = ReturnType<typeof catalogueService>;
export default catalogueService;
