import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { community } from '../../../../community/public';
import { gamification, type IdempotentRequest, type StoredAnswer } from '../../../../gamification/public';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { spendOrRefuse } from '../../../../../services/rate-limiters';
import { TABLES, UIDS } from '../content-types';
import { absoluteUrl } from '../utils/rows';
import { getService, mallConfig } from '../utils/get-service';
import type { UploadedImage } from '../validation/listings';
import type { ListingInput } from '../validation/requests';
import type { CatalogueService } from './catalogue';

type ProductDetail = Awaited<ReturnType<CatalogueService['detailOf']>>;

/**
 * Second-hand listings by users (seed 004 二手): a product of kind `secondHand` whose seller is the caller,
 * with one SKU 默认 of one unit at the seller's price in fen (paid through WeChat Pay; contact goes through
 * the order only, so the seller's details never show). Moderated like posts, through the community's
 * content gate (WeChat msgSecCheck with the seller's openid, scene 3): `pass` is approved and on sale at
 * once; WeChat wanting a person, or not answering, leaves it `pending` for a moderator (the content
 * manager's 审核 field); `risky` is refused (400 内容含有违规信息) and nothing is stored.
 *
 * Images are uploaded first (POST /mall/listings/images) with the upload plugin; the stored file's name
 * (`mall-listing-<seller id>-...`, made by the server) says whose it is, and a listing may use only its
 * seller's files that no product uses yet.
 */
const IMAGE_TYPES: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const PENDING_NOTE = '等待人工审核 (waiting for a moderator)';

/** The image type the first bytes say, or null (JPEG, PNG, WebP and GIF magic numbers). */
export const sniffImageType = (head: Buffer): string | null => {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('latin1', 0, 6))) return 'image/gif';
  return null;
};

const filePrefixOf = (userId: number) => `mall-listing-${userId}-`;

const listingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const catalogue = () => getService(strapi, 'catalogue');

  /** The listing `documentId` of `sellerId` (any state), or 404: another user's listing does not exist for them. */
  const ownRow = async (sellerId: number, documentId: string) => {
    const [row] = await catalogue().rowsWhere({ 'p.document_id': documentId, 'p.seller_id': sellerId, 'p.kind': 'secondHand' });
    if (!row) throw new NotFoundError('No such listing of yours');
    return row;
  };

  /** Files `ids`: each uploaded by `userId` for a listing and not used by a product yet, else 400. */
  const usableImages = async (userId: number, ids: number[]): Promise<number[]> => {
    if (ids.length === 0) return [];
    if (new Set(ids).size !== ids.length) throw new ValidationError('An image is listed twice', { errors: [{ path: ['images'], message: 'an image is listed twice' }] });
    const rows = (await knex()('files as f')
      .whereIn('f.id', ids)
      .andWhere('f.name', 'like', `${filePrefixOf(userId)}%`)
      .whereNotExists(function usedByAProduct() {
        this.select(knex().raw('1')).from('files_related_mph as m').whereRaw('m.file_id = f.id').andWhere('m.related_type', UIDS.product);
      })
      .select('f.id')) as Array<{ id: number }>;
    const found = new Set(rows.map((row) => Number(row.id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new ValidationError('Each image must be one you uploaded (POST /api/mall/listings/images) and not yet used', {
        errors: [{ path: ['images'], message: `not yours or already used: ${missing.join(', ')}` }],
      });
    }
    return ids;
  };

  const categoryId = async (documentId: string | undefined): Promise<number | null> => {
    if (!documentId) return null;
    const row = (await knex()(TABLES.categories).where({ document_id: documentId, active: true }).first('id')) as { id: number } | undefined;
    if (!row) throw new ValidationError('Invalid listing: category: no such category', { errors: [{ path: ['category'], message: 'no such category' }] });
    return Number(row.id);
  };

  /** The content gate's verdict on the listing's text: approved or pending; a risky text throws 400. */
  const reviewOf = async (userId: number, input: ListingInput): Promise<{ review: 'approved' | 'pending'; reviewNote: string | null }> => {
    const verdict = await community(strapi, 'gate').checkText(userId, 3, { title: input.name, content: input.description || input.name });
    return verdict === 'pass' ? { review: 'approved', reviewNote: null } : { review: 'pending', reviewNote: PENDING_NOTE };
  };

  const service = {
    /** POST /mall/listings/images: one image (JPEG, PNG, WebP or GIF by its bytes; at most 5 MB). */
    async uploadImage(userId: number, file: UploadedImage, baseUrl: string): Promise<{ id: number; url: string }> {
      const { rateLimits } = mallConfig(strapi);
      await spendOrRefuse(
        strapi,
        { name: 'mall:listing-image', points: rateLimits.listingsPerUser * 9, windowSeconds: rateLimits.listingWindowSeconds },
        String(userId),
        '上传太频繁，请稍后再试',
      );
      if (file.size <= 0) throw new ValidationError('The image is empty', { errors: [{ path: ['file'], message: 'empty' }] });
      if (file.size > MAX_IMAGE_BYTES) throw new ValidationError('The image is larger than 5 MB', { errors: [{ path: ['file'], message: 'larger than 5 MB' }] });
      const handle = await fs.open(file.filepath, 'r');
      const head = Buffer.alloc(12);
      try {
        await handle.read(head, 0, 12, 0);
      } finally {
        await handle.close();
      }
      const type = sniffImageType(head);
      if (!type) throw new ValidationError('The file must be a JPEG, PNG, WebP or GIF image', { errors: [{ path: ['file'], message: 'unsupported type' }] });
      const name = `${filePrefixOf(userId)}${Date.now()}${IMAGE_TYPES[type]}`;
      const upload = strapi.plugin('upload').service('upload') as { upload(input: { data: Record<string, unknown>; files: unknown }): Promise<Array<{ id: number; url: string }>> };
      const [stored] = await upload.upload({
        data: { fileInfo: { name, alternativeText: null, caption: null } },
        // The upload plugin reads these formidable fields; the type is the sniffed one.
        files: { ...file, originalFilename: name, mimetype: type },
      });
      return { id: stored.id, url: absoluteUrl(stored.url, baseUrl) ?? stored.url };
    },

    /** POST /mall/listings: 201 with the listing (approved, or pending review). */
    async create(userId: number, input: ListingInput, baseUrl: string, idempotent?: IdempotentRequest): Promise<StoredAnswer> {
      const idempotency = gamification(strapi, 'idempotency');
      if (idempotent) {
        const stored = await idempotency.find(null, userId, idempotent);
        if (stored) return stored;
      }
      await getService(strapi, 'limits').consume('listing', userId);
      const [category, images] = await Promise.all([categoryId(input.category), usableImages(userId, input.images)]);
      const review = await reviewOf(userId, input);
      const product = (await strapi.db.transaction(async () => {
        const created = (await strapi.db.query(UIDS.product).create({
          data: {
            name: input.name,
            description: input.description || null,
            kind: 'secondHand',
            seller: userId,
            category,
            region: input.region ?? null,
            originalPrice: input.originalPrice ?? null,
            images,
            ...review,
            active: true,
          },
        })) as { id: number };
        // One unit, at the seller's price: the product's price follows from it (services/sku-aggregates.ts).
        await strapi.db.query(UIDS.sku).create({ data: { product: created.id, spec: '默认', price: input.price, pointsPrice: null, stock: 1, reserved: 0, salesCount: 0, sortOrder: 0, active: true } });
        return created;
      })) as { id: number };
      const [row] = await catalogue().rowsWhere({ 'p.id': product.id });
      const answer: StoredAnswer = { statusCode: 201, body: { data: await catalogue().detailOf(row, baseUrl), meta: {} } };
      if (idempotent) {
        // Stored after the listing is written (a retry arriving in between may make a second listing: rare, harmless).
        await gamification(strapi, 'sql').transaction((sql) => idempotency.save(sql, userId, idempotent, answer, new Date()));
      }
      return answer;
    },

    /** GET /me/listings: the caller's listings, newest first, whatever their review or shelf state. */
    async mine(userId: number, baseUrl: string): Promise<ProductDetail[]> {
      const rows = await catalogue().rowsWhere({ 'p.seller_id': userId, 'p.kind': 'secondHand' });
      return Promise.all(rows.slice(0, 100).map((row) => catalogue().detailOf(row, baseUrl)));
    },

    /** POST /mall/listings/:documentId/off-shelf: the seller takes it off sale (idempotent). */
    async offShelf(userId: number, documentId: string, baseUrl: string): Promise<ProductDetail> {
      const row = await ownRow(userId, documentId);
      // Through the query engine: its lifecycles tell the public cache.
      await strapi.db.query(UIDS.product).update({ where: { id: row.id }, data: { active: false } });
      const [after] = await catalogue().rowsWhere({ 'p.id': row.id });
      return catalogue().detailOf(after, baseUrl);
    },
  };
  return service;
};

export type ListingsService = ReturnType<typeof listingsService>;
export default listingsService;
