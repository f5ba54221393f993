import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { communityConfig, getService } from '../utils/get-service';
import type { PostView } from './post-views';

/**
 * POST /api/community/images: one image for a post, stored with Strapi's upload plugin (its configured
 * provider) as a community `image` record owned by the uploader. The type is read from the bytes (the
 * declared one is not trusted) and must be one of the configured types; the size is limited. A post then
 * names the image by documentId (services/posts.ts), once.
 */
export type UploadedFormFile = { filepath: string; size: number; originalFilename?: string | null; mimetype?: string | null };
type StoredFile = { id: number; url: string; width?: number | null; height?: number | null; formats?: unknown };

const EXTENSION: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };

/** The image type the first bytes say, or null (JPEG, PNG, WebP and GIF magic numbers). */
export const sniffImageType = (head: Buffer): string | null => {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('latin1', 0, 6))) return 'image/gif';
  return null;
};

const absolute = (url: string, baseUrl: string) => (/^https?:\/\//.test(url) ? url : `${baseUrl.replace(/\/$/, '')}${url}`);

const imagesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async upload(userId: number, file: UploadedFormFile, baseUrl: string): Promise<PostView['images'][number]> {
    await getService(strapi, 'limits').consume('image', userId);
    const { images } = communityConfig(strapi);
    if (file.size <= 0) throw new ValidationError('The image is empty', { field: 'file', reason: 'empty' });
    if (file.size > images.maxBytes) {
      throw new ValidationError(`The image is larger than ${Math.floor(images.maxBytes / 1024)} KB`, { field: 'file', reason: 'too_large', maxBytes: images.maxBytes });
    }
    const handle = await fs.open(file.filepath, 'r');
    const head = Buffer.alloc(12);
    try {
      await handle.read(head, 0, 12, 0);
    } finally {
      await handle.close();
    }
    const type = sniffImageType(head);
    if (!type || !images.mimeTypes.includes(type)) {
      throw new ValidationError(`The file must be an image of type ${images.mimeTypes.join(', ')}`, { field: 'file', reason: 'unsupported_type' });
    }
    const name = `community-${userId}-${Date.now()}${EXTENSION[type] ?? ''}`;
    const upload = strapi.plugin('upload').service('upload') as { upload(input: { data: Record<string, unknown>; files: unknown }): Promise<StoredFile[]> };
    const [stored] = await upload.upload({
      data: { fileInfo: { name, alternativeText: null, caption: null } },
      // The upload plugin reads these formidable fields; the type is the sniffed one.
      files: { ...file, originalFilename: name, mimetype: type },
    });
    const record = (await strapi.db.query(UIDS.image).create({ data: { user: userId, file: stored.id } })) as { documentId: string };
    const formats = (typeof stored.formats === 'string' ? JSON.parse(stored.formats) : stored.formats) as { thumbnail?: { url?: string } } | null;
    return {
      documentId: record.documentId,
      url: absolute(stored.url, baseUrl),
      width: stored.width ?? null,
      height: stored.height ?? null,
      thumbnailUrl: formats?.thumbnail?.url ? absolute(formats.thumbnail.url, baseUrl) : null,
    };
  },

  /**
   * The images `documentIds` for a new post by `userId`: each one theirs and not used by a post yet, else
   * 400. Returns the image rows and their files in the order given.
   */
  async usable(userId: number, documentIds: string[]): Promise<Array<{ id: number; fileId: number }>> {
    if (documentIds.length === 0) return [];
    if (new Set(documentIds).size !== documentIds.length) throw new ValidationError('An image is listed twice', { field: 'images', reason: 'duplicate_image' });
    const knex = strapi.db.connection;
    const rows = (await knex({ i: TABLES.images })
      .join({ m: TABLES.filesRelated }, function fileLink() {
        this.on('m.related_id', '=', 'i.id').andOn('m.related_type', '=', knex.raw('?', [UIDS.image])).andOn('m.field', '=', knex.raw('?', ['file']));
      })
      .whereIn('i.document_id', documentIds)
      .andWhere('i.user_id', userId)
      .whereNull('i.post_id')
      .select('i.id', 'i.document_id', 'm.file_id')) as Array<{ id: number; document_id: string; file_id: number }>;
    const byDocumentId = new Map(rows.map((row) => [row.document_id, row]));
    const missing = documentIds.filter((documentId) => !byDocumentId.has(documentId));
    if (missing.length > 0) {
      throw new ValidationError('Each image must be one you uploaded and not yet used in a post', { field: 'images', reason: 'image_unusable', images: missing });
    }
    return documentIds.map((documentId) => {
      const row = byDocumentId.get(documentId)!;
      return { id: Number(row.id), fileId: Number(row.file_id) };
    });
  },
});

export type ImagesService = ReturnType<typeof imagesService>;
export default imagesService;
