import { getStrapi, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { contentManager, removeAdmins, superAdmin, type TestAdmin } from '../helpers/admin';

/**
 * Our to-one relations are join columns; the admin panel sends relations as `{ connect, disconnect }`
 * (src/bootstrap/join-column-relations.ts). Before that, saving any record whose form has one was a 500.
 * Another editor's form than the challenge's (tests/e2e/challenges-admin.test.ts): a product in its category.
 */
let editor: TestAdmin;

beforeAll(async () => {
  await setupStrapi();
  editor = await superAdmin();
});
afterAll(async () => {
  await removeAdmins();
  await teardownStrapi();
});

const untouched = { connect: [], disconnect: [] };

describe('relations saved from the admin panel', () => {
  it('puts a product in the category the editor picked, and keeps it there through an edit that leaves it alone', async () => {
    const category = await getStrapi().db.query('api::product-category.product-category').create({ data: { name: '文具 (admin)', active: true, sortOrder: 0 } });
    const created = await contentManager(editor, 'api::product.product')
      .create({ name: '打卡笔记本 (admin)', price: 1990, pointsPrice: 500, stock: 10, active: true, category: { connect: [{ id: category.id, documentId: category.documentId, isTemporary: true }], disconnect: [] } })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    await contentManager(editor, 'api::product.product').update(documentId, { name: '打卡笔记本 A5 (admin)', category: untouched }).expect(200);

    const product = await getStrapi().db.query('api::product.product').findOne({ where: { documentId }, populate: ['category'] });
    expect(product).toMatchObject({ name: '打卡笔记本 A5 (admin)', category: { id: category.id } });
  });
});
