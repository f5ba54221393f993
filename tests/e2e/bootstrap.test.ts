import fs from 'node:fs';
import path from 'node:path';
import { seedDemoContent } from '../../database/seeds';
import { PRIZES } from '../../database/seeds/demo-content';
import { ROLE_PERMISSIONS, syncRolePermissions } from '../../src/bootstrap/permissions';
import { ensureFirstAdmin } from '../../src/bootstrap/first-admin';
import { APP_DIR, getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

const count = async (table: string) => Number((await getStrapi().db.connection(table).count<{ n: number }[]>({ n: '*' }))[0].n);

const permissionsOf = async (type: string) => {
  const strapi = getStrapi();
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
  const rows: Array<{ action: string }> = await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
  return { role, actions: rows.map((r) => r.action).sort() };
};

describe('the demo seed', () => {
  it('creates the default content once, however often it runs', async () => {
    await seedDemoContent(getStrapi());
    const first = { templates: await count('habit_templates'), prizes: await count('prizes'), products: await count('products') };
    await seedDemoContent(getStrapi());
    const second = { templates: await count('habit_templates'), prizes: await count('prizes'), products: await count('products') };
    expect(second).toEqual(first);
    expect(first.templates).toBeGreaterThanOrEqual(7);
  });

  it("serves seed 002's five prizes with their weights to anonymous users", async () => {
    const res = await http().get('/api/prizes?sort=sortOrder:asc&pagination[pageSize]=100').expect(200);
    const seeded = res.body.data.filter((p: { name: string }) => PRIZES.some((s) => s.name === p.name));
    expect(seeded.map((p: { name: string; weight: number; stock: number }) => [p.name, p.weight, p.stock])).toEqual(
      PRIZES.map((p) => [p.name, p.weight, p.stock]),
    );
  });

  it('links challenges to their habit template and products to their category', async () => {
    // The challenges plugin serves /api/challenges (issue 14): the template comes with each challenge.
    // Other files of the worker add challenges to its database: read every page, not just the first.
    const listed: Array<{ title: string; habitTemplate: { title: string } | null }> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: typeof listed; meta: { next: string | null } } } = await http().get('/api/challenges').query(cursor ? { limit: 50, cursor } : { limit: 50 }).expect(200);
      listed.push(...page.body.data);
      cursor = page.body.meta.next;
    } while (cursor);
    const early = listed.find((c) => c.title === '21 天早起挑战');
    expect(early?.habitTemplate?.title).toBe('早起');
    const products = await http().get('/api/products?populate[category][fields][0]=name&filters[name][$eq]=打卡笔记本').expect(200);
    expect(products.body.data[0].category.name).toBe('本子');
    // The mall's demo: the campus shop's products with their SKUs, in two-level categories.
    const tree = await http().get('/api/mall/categories').expect(200);
    expect(tree.body.data.find((c: { name: string }) => c.name === '文具')?.children.map((c: { name: string }) => c.name)).toEqual(['笔', '本子']);
    const cups = await http().get('/api/mall/products').query({ q: '运动水杯' }).expect(200);
    const cup = await http().get(`/api/mall/products/${cups.body.data[0].documentId}`).expect(200);
    expect(cup.body.data).toMatchObject({ price: 3990, pointsPrice: 1000, merchant: { name: '校园便利店', pickupPoints: ['东区快递站', '图书馆一楼'] } });
    expect(cup.body.data.skus.map((s: { spec: string }) => s.spec)).toEqual(['蓝色', '粉色']);
  });
});

describe('roles and permissions come from code', () => {
  it('gives each role exactly the actions listed in src/bootstrap/permissions.ts', async () => {
    for (const type of ['public', 'authenticated'] as const) {
      const { actions } = await permissionsOf(type);
      expect(actions).toEqual([...ROLE_PERMISSIONS[type]].sort());
    }
  });

  it('removes a permission granted by hand and restores one deleted by hand', async () => {
    const strapi = getStrapi();
    const { role } = await permissionsOf('public');
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::habit.habit.find', role: role.id } });
    await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: 'api::prize.prize.find', role: role.id } });
    await syncRolePermissions(strapi);
    expect((await permissionsOf('public')).actions).toEqual([...ROLE_PERMISSIONS.public].sort());
  });
});

describe('the admin panel', () => {
  it('labels fields in Chinese and English and lists useful columns', async () => {
    const contentTypes = getStrapi().plugin('content-manager').service('content-types');
    const config = await contentTypes.findConfiguration(getStrapi().contentType('api::prize.prize'));
    expect(config.metadatas.weight.edit.label).toBe('权重 Weight');
    expect(config.layouts.list).toEqual(['id', 'name', 'kind', 'weight', 'stock', 'active', 'sortOrder']);
    expect(config.settings.mainField).toBe('name');
    // The rules editors tune: every field labelled and explained.
    const rules = await contentTypes.findConfiguration(getStrapi().contentType('plugin::gamification.settings' as never));
    expect(rules.metadatas.drawCost.edit).toMatchObject({ label: '抽奖消耗 Points per draw', description: '抽一次消耗的积分。 What one lottery draw costs.' });
    const attributes = Object.keys((getStrapi().contentType('plugin::gamification.settings' as never) as { attributes: object }).attributes);
    for (const field of attributes.filter((name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name))) {
      expect({ field, label: rules.metadatas[field].edit.label }).toEqual({ field, label: expect.stringMatching(/[\u4e00-\u9fff].* [A-Z]/) });
    }
  });

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, once, and refuses a weak password', async () => {
    const strapi = getStrapi();
    const admins = () => strapi.db.query('admin::user').count();
    const saved = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
    try {
      process.env.ADMIN_EMAIL = 'editor@example.com';
      process.env.ADMIN_PASSWORD = 'weak';
      await expect(ensureFirstAdmin(strapi)).rejects.toThrow(/at least 8 characters/);
      expect(await admins()).toBe(0);

      process.env.ADMIN_PASSWORD = 'Str0ngEnough';
      await ensureFirstAdmin(strapi);
      await ensureFirstAdmin(strapi);
      expect(await admins()).toBe(1);

      const login = await http().post('/admin/login').send({ email: 'editor@example.com', password: 'Str0ngEnough' });
      expect(login.status).toBe(200);
      expect(login.body.data.token ?? login.body.data.accessToken).toEqual(expect.any(String));
    } finally {
      process.env.ADMIN_EMAIL = saved.email;
      process.env.ADMIN_PASSWORD = saved.password;
      if (saved.email === undefined) delete process.env.ADMIN_EMAIL;
      if (saved.password === undefined) delete process.env.ADMIN_PASSWORD;
    }
  });

  it('does nothing without both variables: there is no default password', async () => {
    const strapi = getStrapi();
    await strapi.db.query('admin::user').deleteMany({});
    delete process.env.ADMIN_PASSWORD;
    process.env.ADMIN_EMAIL = 'someone@example.com';
    await ensureFirstAdmin(strapi);
    delete process.env.ADMIN_EMAIL;
    expect(await strapi.db.query('admin::user').count()).toBe(0);
  });
});

describe('API documentation', () => {
  it('serves Swagger UI and an OpenAPI document covering the content API', async () => {
    const ui = await http().get('/documentation').expect(200);
    expect(ui.text).toMatch(/swagger/i);
    const file = path.join(APP_DIR, 'src/extensions/documentation/documentation/0.1.0/full_documentation.json');
    const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(spec.info.title).toBe('Habit platform API');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/habits', '/api/habits/{id}', '/api/check-ins', '/api/check-ins/makeup', '/api/diaries', '/api/orders', '/api/wechat/login']),
    );
  });
});
