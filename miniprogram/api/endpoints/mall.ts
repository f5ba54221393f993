import { wxUploadFile } from '../../platform/upload';
import type { ApiClient } from '../client';
import { apiErrorFrom } from '../errors';
import type { NewListing, ProductQuery, UploadedListingImage } from '../paths';
import type { UploadOptions } from './community';

/** Only the query keys that are set. */
const compact = <Q extends Record<string, string | number | null | undefined>>(query: Q): { [K in keyof Q]?: NonNullable<Q[K]> } =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as { [K in keyof Q]?: NonNullable<Q[K]> };

/**
 * /api/mall: the catalogue (public: categories in two levels, products by cursor with filters, one
 * product with its SKUs and shop) and second-hand listings (mine, new, off the shelf, their images).
 * Catalogue reads go without the token, like the habit templates, so the server may answer from its cache.
 * Prices are integers: `price` in fen, `pointsPrice` in points.
 */
export const mallApi = (client: ApiClient) => ({
  categories() {
    return client.request('get', '/api/mall/categories', { auth: false });
  },
  products(query: ProductQuery = {}) {
    const { category, merchant, region, kind, payWith, minPrice, maxPrice, q, sort, cursor, limit } = query;
    return client.request('get', '/api/mall/products', { auth: false, query: compact({ category, merchant, region, kind, payWith, minPrice, maxPrice, q, sort, cursor, limit }) });
  },
  product(documentId: string) {
    return client.request('get', '/api/mall/products/{documentId}', { path: { documentId }, auth: false });
  },
  myListings() {
    return client.request('get', '/api/me/listings');
  },
  /** A second-hand item, one unit, price in fen; it shows once a moderator or the content check passes it (`review`). */
  createListing(body: NewListing) {
    return client.request('post', '/api/mall/listings', { body });
  },
  offShelf(documentId: string) {
    return client.request('post', '/api/mall/listings/{documentId}/off-shelf', { path: { documentId } });
  },
  /** POST /api/mall/listings/images: one local image as multipart "file" (same token handling as the community's uploads). */
  async uploadListingImage(filePath: string, { onProgress, upload = wxUploadFile }: UploadOptions = {}): Promise<UploadedListingImage> {
    for (let renewed = false; ; renewed = true) {
      const token = await client.session.accessToken();
      const res = await upload({ url: `${client.baseUrl}/api/mall/listings/images`, filePath, field: 'file', headers: { Authorization: `Bearer ${token}` }, onProgress });
      if (res.status >= 200 && res.status < 300) return res.body as UploadedListingImage;
      if (res.status === 401 && !renewed) {
        await client.session.renew(token);
        continue;
      }
      throw apiErrorFrom(res.status, res.headers, res.body, client.platform.now());
    }
  },
});

export type MallApi = ReturnType<typeof mallApi>;
