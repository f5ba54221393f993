import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * POST /api/me/avatar: a signed-in user uploads their own avatar (multipart, field "file"); it is stored by
 * Strapi's upload plugin and becomes the avatar GET /api/me shows. Nothing else of the uploads is listed.
 */
// 8x8 images, as sharp writes them.
const IMAGES = {
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=', 'base64'),
  jpeg: Buffer.from(
    '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAH/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCgBQD/2Q==',
    'base64',
  ),
  webp: Buffer.from('UklGRjQAAABXRUJQVlA4ICgAAABwAQCdASoIAAgAAUAmJaACdAGgAACaIw0a//U4//6aR//TSPoUAAAA', 'base64'),
};

const upload = (auth: { Authorization: string }, content: Buffer, filename: string, contentType: string, field = 'file') =>
  http().post('/api/me/avatar').set(auth).attach(field, content, { filename, contentType });

const avatarFiles = async (documentId: string) =>
  (await getStrapi().db.query('plugin::upload.file').findMany({ where: { name: { $startsWith: `avatar-${documentId}.` } } })) as Array<{ url: string }>;

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

describe('uploading an avatar', () => {
  it.each(Object.entries(IMAGES))('stores a %s image and makes it the avatar GET /api/me shows', async (type, content) => {
    const user = await createUser();
    const res = await upload(user.auth, content, `me.${type}`, `image/${type}`);
    expect(res.status).toBe(200);
    const avatar: string = res.body.data.avatar;
    expect(avatar).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/uploads/avatar_\\w+\\.${type === 'jpeg' ? 'jpg' : type}$`));
    expect((await http().get('/api/me').set(user.auth).expect(200)).body.data.avatar).toBe(avatar);
    // The file is served where the URL says.
    const served = await http().get(new URL(avatar).pathname).expect(200);
    expect(served.headers['content-type']).toBe(`image/${type}`);
  });

  it('keeps one stored avatar per user: a new upload replaces the last one', async () => {
    const user = await createUser();
    const first = (await upload(user.auth, IMAGES.png, 'a.png', 'image/png').expect(200)).body.data.avatar;
    const second = (await upload(user.auth, IMAGES.jpeg, 'b.jpg', 'image/jpeg').expect(200)).body.data.avatar;
    expect(second).not.toBe(first);
    expect((await avatarFiles(user.documentId)).map((file) => file.url)).toEqual([new URL(second).pathname]);
    await http().get(new URL(first).pathname).expect(404);
  });

  it('refuses what is not a JPEG, PNG or WebP image, whatever it claims to be, with 400 and a clear message', async () => {
    const user = await createUser();
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    for (const [content, filename, type] of [
      [gif, 'a.gif', 'image/gif'],
      [gif, 'a.png', 'image/png'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.svg', 'image/svg+xml'],
      [Buffer.from('#!/bin/sh\necho hi\n'), 'a.jpg', 'image/jpeg'],
    ] as const) {
      const res = await upload(user.auth, content, filename, type);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/JPEG, PNG or WebP/);
      expect(res.body.error.details).toMatchObject({ field: 'file', reason: 'unsupported_type' });
    }
    expect(await avatarFiles(user.documentId)).toEqual([]);
    expect((await http().get('/api/me').set(user.auth)).body.data.avatar).toBeNull();
  });

  it('refuses a file over 2 MB, an empty one, a missing one and one sent in another field', async () => {
    const user = await createUser();
    const big = Buffer.concat([IMAGES.png, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await upload(user.auth, big, 'big.png', 'image/png');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/larger than 2 MB/);
    const empty = await upload(user.auth, Buffer.alloc(0), 'empty.png', 'image/png');
    expect(empty.status).toBe(400);
    const missing = await http().post('/api/me/avatar').set(user.auth).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/field "file"/);
    const elsewhere = await upload(user.auth, IMAGES.png, 'a.png', 'image/png', 'avatar');
    expect(elsewhere.status).toBe(400);
    expect(await avatarFiles(user.documentId)).toEqual([]);
  });

  it('allows 10 uploads a minute per user, then answers 429 with Retry-After', async () => {
    const [user, other] = [await createUser(), await createUser()];
    for (let i = 0; i < 10; i += 1) await upload(user.auth, IMAGES.webp, 'a.webp', 'image/webp').expect(200);
    const limited = await upload(user.auth, IMAGES.webp, 'a.webp', 'image/webp');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The budget is per user, and the last stored avatar stays.
    await upload(other.auth, IMAGES.webp, 'a.webp', 'image/webp').expect(200);
    expect(await avatarFiles(user.documentId)).toHaveLength(1);
  });

  it('is for signed-in users only, and lists nobody’s uploads', async () => {
    const user = await createUser();
    await upload(user.auth, IMAGES.png, 'a.png', 'image/png').expect(200);
    expect((await http().post('/api/me/avatar').attach('file', IMAGES.png, { filename: 'a.png', contentType: 'image/png' })).status).toBe(401);
    // The upload plugin's own content-API routes are granted to no role.
    expect((await http().get('/api/upload/files').set(user.auth)).status).toBe(403);
    expect([401, 403]).toContain((await http().get('/api/upload/files')).status);
    expect((await http().post('/api/upload').set(user.auth).attach('files', IMAGES.png, { filename: 'a.png', contentType: 'image/png' })).status).toBe(403);
  });
});
