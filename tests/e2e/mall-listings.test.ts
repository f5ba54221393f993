import { getStrapi, http } from '../helpers/strapi';
import { contentManager, removeAdmins, superAdmin } from '../helpers/admin';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';
import { makeCategory, PNG, RUN } from '../helpers/mall';

/**
 * Second-hand listings by students over HTTP, against the fake WeChat (msgSecCheck): images uploaded
 * first, a listing of one unit at the seller's price, approved at once when WeChat passes the text,
 * pending for a moderator when WeChat wants a person or cannot be asked, refused when risky; the seller's
 * own list; off the shelf by the seller only; the per-user budget.
 */
const BUDGET = 8;
beforeAll(async () => {
  await setupWeChat({ MALL_LISTINGS_PER_USER: String(BUDGET) });
});
afterAll(async () => {
  await removeAdmins();
  await teardownWeChat();
});

let counter = 0;
const listing = (extra: Record<string, unknown> = {}) => ({ name: `二手台灯 ${RUN}-${(counter += 1)}`, description: '九成新，自提。', price: 2500, ...extra });
const createListing = (user: TestUser, body: Record<string, unknown>) => http().post('/api/mall/listings').set(user.auth).send(body);
const uploadImage = (user: TestUser, bytes: Buffer = PNG, filename = 'lamp.png', contentType = 'image/png') =>
  http().post('/api/mall/listings/images').set(user.auth).attach('file', bytes, { filename, contentType });
const publicList = async (q: string) => (await http().get('/api/mall/products').query({ kind: 'secondHand', q }).expect(200)).body.data as Array<{ documentId: string }>;

describe('a second-hand listing', () => {
  it('passing WeChat’s check is on sale at once: one unit at the seller’s price, with its images and the seller’s nickname', async () => {
    const seller = await createUser({ nickname: '小林' });
    const category = await makeCategory(getStrapi());
    const image = await uploadImage(seller).expect(201);
    expect(image.body).toEqual({ data: { id: expect.any(Number), url: expect.stringMatching(/^http:\/\/.+\.png$/) }, meta: {} });

    const body = listing({ category: category.documentId, region: '东校区', originalPrice: 6800, images: [image.body.data.id] });
    const res = await createListing(seller, body).expect(201);
    expect(res.body.data).toMatchObject({
      name: body.name,
      kind: 'secondHand',
      price: 2500,
      pointsPrice: null,
      originalPrice: 6800,
      region: '东校区',
      soldOut: false,
      merchant: null,
      images: [image.body.data.url],
      image: image.body.data.url,
      category: { documentId: category.documentId, name: category.name },
      skus: [{ spec: '默认', price: 2500, pointsPrice: null, stock: 1, image: null }],
      seller: { nickname: '小林', avatarUrl: null },
      review: 'approved',
      reviewNote: null,
      active: true,
    });
    expect((await publicList(body.name)).map((p) => p.documentId)).toEqual([res.body.data.documentId]);
    const page = await http().get(`/api/mall/products/${res.body.data.documentId}`).expect(200);
    expect(page.body.data.seller).toEqual({ nickname: '小林', avatarUrl: null });
    // The seller's identity beyond the nickname never shows.
    expect(JSON.stringify(page.body)).not.toContain(seller.openid);
    expect(JSON.stringify(page.body)).not.toContain('"id"');

    // An image is used once.
    const again = await createListing(seller, listing({ images: [image.body.data.id] })).expect(400);
    expect(again.body.error.details.errors[0].path).toEqual(['images']);
  });

  it('that WeChat wants reviewed waits for a moderator, shown to its seller only, then goes on sale when approved', async () => {
    const seller = await createUser();
    const body = listing({ name: `待审 台灯 ${RUN}-${(counter += 1)}` });
    const res = await createListing(seller, body).expect(201);
    expect(res.body.data).toMatchObject({ review: 'pending', reviewNote: expect.any(String), active: true });
    const { documentId } = res.body.data;
    expect(await publicList(body.name)).toEqual([]);
    await http().get(`/api/mall/products/${documentId}`).expect(404);
    const mine = await http().get('/api/me/listings').set(seller.auth).expect(200);
    expect(mine.body.data.map((p: { documentId: string; review: string }) => [p.documentId, p.review])).toEqual([[documentId, 'pending']]);

    const moderator = await superAdmin();
    const approved = await contentManager(moderator, 'api::product.product').update(documentId, { review: 'approved', reviewNote: null }).expect(200);
    // The admin shows the seller by name; their WeChat identity stays on the server.
    expect(approved.body.data.seller).toMatchObject({ id: seller.id, nickname: expect.any(String) });
    expect(JSON.stringify(approved.body)).not.toContain(seller.openid);
    expect((await publicList(body.name)).map((p) => p.documentId)).toEqual([documentId]);
    // The moderator's save kept the price the SKU gives.
    expect((await http().get(`/api/mall/products/${documentId}`).expect(200)).body.data.price).toBe(2500);
  });

  it('waits for a moderator when WeChat cannot be asked', async () => {
    const seller = await createUser();
    await getStrapi().db.connection('up_users').where({ id: seller.id }).update({ openid: null });
    const res = await createListing(seller, listing()).expect(201);
    expect(res.body.data.review).toBe('pending');
  });

  it('with risky text is refused, 400 内容含有违规信息, and nothing is stored', async () => {
    const seller = await createUser();
    const res = await createListing(seller, listing({ description: '违禁品出售' })).expect(400);
    expect(res.body.error.message).toBe('内容含有违规信息');
    expect((await http().get('/api/me/listings').set(seller.auth).expect(200)).body.data).toEqual([]);
  });

  it('is taken off the shelf by its seller only; anyone else gets 404', async () => {
    const seller = await createUser();
    const stranger = await createUser();
    const body = listing();
    const { documentId } = (await createListing(seller, body).expect(201)).body.data;
    await http().post(`/api/mall/listings/${documentId}/off-shelf`).set(stranger.auth).send({}).expect(404);
    expect((await publicList(body.name)).length).toBe(1);

    const off = await http().post(`/api/mall/listings/${documentId}/off-shelf`).set(seller.auth).send({}).expect(200);
    expect(off.body.data).toMatchObject({ documentId, active: false });
    expect(await publicList(body.name)).toEqual([]);
    await http().get(`/api/mall/products/${documentId}`).expect(404);
    // Still the seller's, off the shelf.
    const mine = await http().get('/api/me/listings').set(seller.auth).expect(200);
    expect(mine.body.data.map((p: { documentId: string; active: boolean }) => [p.documentId, p.active])).toEqual([[documentId, false]]);
    // A shop's product is no one's listing.
    await http().post('/api/mall/listings/zzzzzzzzzzzzzzzzzzzzzzzz/off-shelf').set(seller.auth).send({}).expect(404);
  });

  it('retried with the same idempotency key is made once', async () => {
    const seller = await createUser();
    const body = listing({ idempotencyKey: `listing-${RUN}-${counter}` });
    const [a, b] = [await createListing(seller, body), await createListing(seller, body)];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.data.documentId).toBe(a.body.data.documentId);
    expect((await http().get('/api/me/listings').set(seller.auth).expect(200)).body.data).toHaveLength(1);
  });
});

describe('listing requests', () => {
  it('need a signed-in user', async () => {
    expect([401, 403]).toContain((await http().post('/api/mall/listings').send(listing())).status);
    expect([401, 403]).toContain((await http().get('/api/me/listings')).status);
    expect([401, 403]).toContain((await http().post('/api/mall/listings/images').attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })).status);
  });

  it('answer bad input with 400', async () => {
    const seller = await createUser();
    const other = await createUser();
    const theirs = (await uploadImage(other).expect(201)).body.data.id as number;
    for (const body of [
      {},
      listing({ price: 0 }),
      listing({ price: 12.5 }),
      listing({ name: '' }),
      listing({ pointsPrice: 100 }),
      listing({ images: [theirs] }),
      listing({ category: 'zzzzzzzzzzzzzzzzzzzzzzzz' }),
    ]) {
      const res = await createListing(seller, body);
      expect([body, res.status]).toEqual([body, 400]);
      expect(res.body.error.name).toBe('ValidationError');
    }
    // The type comes from the bytes, not from what the client declares.
    const text = await uploadImage(seller, Buffer.from('not an image at all'), 'fake.png', 'image/png').expect(400);
    expect(text.body.error.name).toBe('ValidationError');
    await http().post('/api/mall/listings/images').set(seller.auth).send({}).expect(400);
    expect((await http().get('/api/me/listings').set(seller.auth).expect(200)).body.data).toEqual([]);
  });

  it('are held to the per-user budget: 429 beyond it', async () => {
    const seller = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i <= BUDGET; i += 1) statuses.push((await createListing(seller, listing())).status);
    expect(statuses).toEqual([...Array.from({ length: BUDGET }, () => 201), 429]);
  });
});
