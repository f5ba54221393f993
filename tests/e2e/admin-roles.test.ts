import crypto from 'node:crypto';
import { ADMIN_ROLES, ROLES_VERSION, syncAdminRoles } from '../../src/bootstrap/admin-roles';
import { inviteAdmin, InviteRefused } from '../../src/services/admin-invite';
import { adminRoleId, adminWith, contentManager, removeAdmins, type TestAdmin } from '../helpers/admin';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { makeMerchant, makeShopProduct } from '../helpers/mall-orders';

/**
 * The job roles of the admin panel (issue 19, src/bootstrap/admin-roles.ts): each made at boot, each admin
 * of a role signs in through POST /admin/login and can do their job through the admin API, and gets 403
 * on what another role owns. Defaults are applied once per ROLES_VERSION: an edit in Settings → Roles
 * survives the next boot. The invitation command's core (`inviteAdmin`) is here too; the command itself,
 * on a fresh database, is in admin-invite.test.ts.
 */
const RUN = crypto.randomBytes(3).toString('hex');
const invited: number[] = [];

beforeAll(async () => {
  await setupStrapi();
});
afterAll(async () => {
  await removeAdmins();
  for (const id of invited) await getStrapi().db.query('admin::user').delete({ where: { id } });
  await teardownStrapi();
});

type PermissionRow = { action: string; subject: string | null; properties: { fields?: string[] } | null; conditions: string[] | null };
const roleOf = async (code: string) =>
  (await getStrapi().db.query('admin::role').findOne({ where: { code }, populate: ['permissions'] })) as { id: number; name: string; description: string; permissions: PermissionRow[] };
const summary = (permissions: Array<Pick<PermissionRow, 'action' | 'subject'>>) => permissions.map((p) => `${p.action} ${p.subject ?? ''}`.trim()).sort();
const store = () => getStrapi().store({ type: 'core', name: 'habit-platform' });

const EDITOR_TYPES = [
  'api::habit-template.habit-template',
  'api::task-template.task-template',
  'api::challenge.challenge',
  'api::prize.prize',
  'plugin::community.board',
  'plugin::quit.milestone',
  'plugin::reminders.template',
  'plugin::ai-coach.faq',
];

describe('the job roles', () => {
  it('exist once each, under their names, with exactly the permissions of their row', async () => {
    for (const definition of Object.values(ADMIN_ROLES)) {
      expect(await getStrapi().db.query('admin::role').count({ where: { code: definition.code } })).toBe(1);
      const role = await roleOf(definition.code);
      expect(role.name).toBe(definition.name);
      expect(summary(role.permissions)).toEqual(summary(definition.permissions(getStrapi())));
    }
    expect((await roleOf('content-editor')).name).toBe('内容编辑 Editor');
    expect((await roleOf('community-moderator')).name).toBe('审核员 Moderator');
    expect(await store().get({ key: 'admin-roles-version' })).toBe(ROLES_VERSION);
  });

  it('keep what a super admin changed in Settings → Roles at the next boot, until the code ships a new version', async () => {
    const strapi = getStrapi();
    const roles = strapi.service('admin::role');
    const moderator = await roleOf('community-moderator');
    const defaults = summary(moderator.permissions);
    await roles.addPermissions(moderator.id, [{ action: 'plugin::leaderboard.read', subject: null, properties: {}, conditions: [] }]);
    await roles.update({ id: moderator.id }, { name: `审核组 ${RUN}` });

    await syncAdminRoles(strapi); // the next boot
    const kept = await roleOf('community-moderator');
    expect(kept.name).toBe(`审核组 ${RUN}`);
    expect(summary(kept.permissions)).toEqual([...defaults, 'plugin::leaderboard.read'].sort());

    // A new ROLES_VERSION puts the role back to its row.
    await store().set({ key: 'admin-roles-version', value: ROLES_VERSION - 1 });
    await syncAdminRoles(strapi);
    const reset = await roleOf('community-moderator');
    expect(reset.name).toBe('审核员 Moderator');
    expect(summary(reset.permissions)).toEqual(defaults);
    expect(await store().get({ key: 'admin-roles-version' })).toBe(ROLES_VERSION);
  });

  it('are made once when two instances boot at the same time, and a role deleted by hand comes back', async () => {
    const strapi = getStrapi();
    const editor = await roleOf('content-editor');
    const defaults = summary(editor.permissions);
    await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: editor.id } } });
    await strapi.db.query('admin::role').delete({ where: { id: editor.id } });
    await store().set({ key: 'admin-roles-version', value: ROLES_VERSION - 1 });

    await Promise.all([syncAdminRoles(strapi), syncAdminRoles(strapi), syncAdminRoles(strapi)]);
    expect(await strapi.db.query('admin::role').count({ where: { code: 'content-editor' } })).toBe(1);
    const again = await roleOf('content-editor');
    expect(again.name).toBe('内容编辑 Editor');
    // Each permission once: no instance added the defaults a second time.
    expect(summary(again.permissions)).toEqual(defaults);
  });
});

describe('a 内容编辑 Editor', () => {
  let editor: TestAdmin;
  beforeAll(async () => {
    editor = await adminWith(await adminRoleId('content-editor'), 'Bianji');
  });

  it('keeps templates, challenges, prizes, boards, milestones, reminder templates and the FAQ, and picks images', async () => {
    for (const uid of EDITOR_TYPES) {
      const list = await http().get(`/content-manager/collection-types/${uid}`).set(editor.auth);
      expect([uid, list.status]).toEqual([uid, 200]);
    }
    // The admin's forms show only the fields a permission lists: every field, or the editor sees "无权查看此字段".
    const mine = (await http().get('/admin/users/me/permissions').set(editor.auth).expect(200)).body.data as Array<{ action: string; subject: string; properties: { fields?: string[] } }>;
    const prizeCreate = mine.find((p) => p.action === 'plugin::content-manager.explorer.create' && p.subject === 'api::prize.prize');
    expect(prizeCreate?.properties.fields).toEqual(expect.arrayContaining(['name', 'kind', 'amount', 'weight', 'stock', 'active', 'image', 'description']));
    const template = await contentManager(editor, 'api::habit-template.habit-template').create({ title: `早睡 ${RUN}`, category: 'health', kind: 'build', frequencyType: 'daily', goalType: 'none', active: true }).expect(201);
    const prize = await contentManager(editor, 'api::prize.prize').create({ name: `水杯 ${RUN}`, kind: 'physical', weight: 5, stock: 10, active: true }).expect(201);
    await contentManager(editor, 'api::prize.prize').update(prize.body.data.documentId, { stock: 8 }).expect(200);
    await http().delete(`/content-manager/collection-types/api::prize.prize/${prize.body.data.documentId}`).set(editor.auth).expect(200);
    await contentManager(editor, 'api::challenge.challenge')
      .create({
        title: `21 天早睡 ${RUN}`,
        habitTemplate: { connect: [{ id: template.body.data.id }] },
        timezone: 'Asia/Shanghai',
        startDate: '2027-03-01',
        endDate: '2027-03-21',
        rule: 'daysOf',
        targetDays: 14,
        rewardPoints: 100,
        visibility: 'everyone',
      })
      .expect(201);
    await contentManager(editor, 'plugin::community.board').create({ name: `读书 ${RUN}`, slug: `reading-${RUN}`, kind: 'forum', postPermission: 'everyone' }).expect(201);
    await contentManager(editor, 'plugin::ai-coach.faq').create({ question: `怎么补签 ${RUN}`, answer: '在打卡日历里点击漏掉的那一天。' }).expect(201);
    // The points & lottery rules (a single type) and the AI quotas.
    // (404 is "allowed, not saved yet"; a role without them gets 403.)
    for (const uid of ['plugin::gamification.settings', 'plugin::ai-coach.setting']) {
      const rules = await http().get(`/content-manager/single-types/${uid}`).set(editor.auth);
      expect([uid, [200, 404].includes(rules.status)]).toEqual([uid, true]);
    }
    await http().get('/upload/files').set(editor.auth).expect(200);
    await http().get('/reminders/stats').set(editor.auth).expect(200);
  });

  it('gets 403 on orders, moderation, redeem codes, users, shops and points grants', async () => {
    const answers = await Promise.all([
      http().get('/mall/admin/orders').set(editor.auth),
      http().get('/community/moderation/queue').set(editor.auth),
      http().post('/gamification/redeem-batches').set(editor.auth).send({ name: 'x', kind: 'points', amount: 10, maxUses: 1, count: 1 }),
      http().get('/content-manager/collection-types/plugin::users-permissions.user').set(editor.auth),
      http().post('/content-manager/collection-types/plugin::mall.merchant').set(editor.auth).send({ name: '新店' }),
      http().get('/content-manager/collection-types/api::order.order').set(editor.auth),
      http().post('/content-manager/collection-types/plugin::gamification.points-grant').set(editor.auth).send({ user: 1, amount: 10, reason: '补偿' }),
      http().get('/dashboard/activity').set(editor.auth),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
  });
});

describe('a 审核员 Moderator', () => {
  let moderator: TestAdmin;
  beforeAll(async () => {
    moderator = await adminWith(await adminRoleId('community-moderator'), 'Shenhe');
  });

  it('works the queue, the mutes and the decision log, and reads the users', async () => {
    await http().get('/community/moderation/queue').set(moderator.auth).expect(200);
    await http().get('/community/moderation/mutes').set(moderator.auth).expect(200);
    await http().get('/community/moderation/decisions').set(moderator.auth).expect(200);
    await http().get('/dashboard/moderation').set(moderator.auth).expect(200);
    const someone = await createUser({ nickname: `被查看 ${RUN}` });
    const list = await http().get('/content-manager/collection-types/plugin::users-permissions.user').query({ page: 1, pageSize: 10 }).set(moderator.auth).expect(200);
    expect(list.body.results.length).toBeGreaterThan(0);
    const row = (await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: someone.id }, select: ['documentId'] })) as { documentId: string };
    const one = await http().get(`/content-manager/collection-types/plugin::users-permissions.user/${row.documentId}`).set(moderator.auth).expect(200);
    expect(one.body.data.nickname).toBe(`被查看 ${RUN}`);
    // Private fields stay on the server, for moderators too.
    expect(one.body.data).not.toHaveProperty('openid');
    expect(one.body.data).not.toHaveProperty('phoneCipher');
  });

  it('changes no user, and gets 403 on prizes, challenges, orders and redeem codes', async () => {
    const someone = await createUser();
    const row = (await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: someone.id }, select: ['documentId'] })) as { documentId: string };
    const users = '/content-manager/collection-types/plugin::users-permissions.user';
    const answers = await Promise.all([
      http().put(`${users}/${row.documentId}`).set(moderator.auth).send({ blocked: true }),
      http().delete(`${users}/${row.documentId}`).set(moderator.auth),
      http().post(users).set(moderator.auth).send({ username: `x${RUN}`, email: `x${RUN}@example.com`, password: 'Passw0rdX' }),
      http().post('/content-manager/collection-types/api::prize.prize').set(moderator.auth).send({ name: 'x' }),
      http().post('/content-manager/collection-types/api::challenge.challenge').set(moderator.auth).send({ title: 'x' }),
      http().get('/mall/admin/orders').set(moderator.auth),
      http().post('/gamification/redeem-batches').set(moderator.auth).send({ name: 'x', kind: 'points', amount: 10, maxUses: 1, count: 1 }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    const after = (await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: someone.id } })) as { blocked: boolean | null };
    expect(Boolean(after.blocked)).toBe(false);
  });
});

describe('a 运营 Operator', () => {
  let operator: TestAdmin;
  beforeAll(async () => {
    operator = await adminWith(await adminRoleId('mall-operator'), 'Yunying');
  });

  it('handles orders, generates redeem codes and grants points (a grant cannot be edited afterwards)', async () => {
    await http().get('/mall/admin/orders').set(operator.auth).expect(200);
    await http().get('/dashboard/activity').set(operator.auth).expect(200);
    await http().get('/content-manager/collection-types/plugin::mall.merchant').set(operator.auth).expect(200);
    const batch = await http().post('/gamification/redeem-batches').set(operator.auth).send({ name: `运营 ${RUN}`, kind: 'points', amount: 10, maxUses: 1, count: 2 }).expect(200);
    expect(batch.text.trim().split('\n')).toHaveLength(3);

    const user = await createUser();
    const grants = contentManager(operator, 'plugin::gamification.points-grant');
    const grant = await grants.create({ user: { connect: [{ id: user.id }] }, amount: 30, reason: `活动补偿 ${RUN}` }).expect(201);
    const balance = (await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, select: ['pointsBalance'] })) as { pointsBalance: number };
    expect(balance.pointsBalance).toBe(30);
    const found = await grants.findOne(grant.body.data.documentId).expect(200);
    // Whom it went to, by name: not the whole user (the private-field audit after each file checks the rest).
    expect(found.body.data).toMatchObject({ amount: 30, user: { id: user.id } });
    expect(found.body.data.user).not.toHaveProperty('openid');
    expect((await grants.update(grant.body.data.documentId, { amount: 3000 })).status).toBe(403);
  });

  it('gets 403 on challenges, moderation, prizes, habit templates, users and the points rules', async () => {
    const answers = await Promise.all([
      http().post('/content-manager/collection-types/api::challenge.challenge').set(operator.auth).send({ title: 'x' }),
      http().get('/community/moderation/queue').set(operator.auth),
      http().post('/content-manager/collection-types/api::prize.prize').set(operator.auth).send({ name: 'x' }),
      http().post('/content-manager/collection-types/api::habit-template.habit-template').set(operator.auth).send({ title: 'x' }),
      http().get('/content-manager/collection-types/plugin::users-permissions.user').set(operator.auth),
      http().get('/content-manager/single-types/plugin::gamification.settings').set(operator.auth),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });
});

describe('a 商家 Merchant', () => {
  it('sees its own shop’s products only, and gets 403 on another shop’s and on everybody else’s work', async () => {
    const merchant = await adminWith(await adminRoleId('mall-merchant'), 'Shangjia');
    const mine = await makeMerchant({ name: `本店 ${RUN}`, admins: [merchant.id] });
    const theirs = await makeMerchant({ name: `别家 ${RUN}` });
    const own = (await makeShopProduct({ name: `本店笔 ${RUN}`, merchantId: mine.id, skus: [{ price: 100, stock: 3 }] })).product;
    const other = (await makeShopProduct({ name: `别家笔 ${RUN}`, merchantId: theirs.id, skus: [{ price: 100, stock: 3 }] })).product;

    const products = contentManager(merchant, 'api::product.product');
    await products.findOne(own.documentId).expect(200);
    expect((await products.findOne(other.documentId)).status).toBe(403);
    expect((await products.update(other.documentId, { name: '抢过来' })).status).toBe(403);
    const list = await http().get('/content-manager/collection-types/api::product.product').query({ page: 1, pageSize: 100 }).set(merchant.auth).expect(200);
    expect(list.body.results.map((p: { documentId: string }) => p.documentId)).toEqual([own.documentId]);

    const answers = await Promise.all([
      http().get('/community/moderation/queue').set(merchant.auth),
      http().post('/gamification/redeem-batches').set(merchant.auth).send({ name: 'x', kind: 'points', amount: 10, maxUses: 1, count: 1 }),
      http().post('/content-manager/collection-types/api::prize.prize').set(merchant.auth).send({ name: 'x' }),
      http().post('/content-manager/collection-types/plugin::mall.merchant').set(merchant.auth).send({ name: '我的新店' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
  });
});

describe('the invitation (npm run admin:invite)', () => {
  it('makes an inactive admin of the role whose link lets them choose a password and do that job', async () => {
    const email = `editor-${RUN}@example.com`;
    const invitation = await inviteAdmin(getStrapi(), { role: 'editor', email, firstname: '小编' });
    invited.push(invitation.id);
    expect(invitation.role).toEqual({ code: 'content-editor', name: '内容编辑 Editor' });
    const token = new URL(invitation.link).searchParams.get('registrationToken');
    expect(invitation.link).toMatch(/\/admin\/auth\/register\?registrationToken=/);
    const row = (await getStrapi().db.query('admin::user').findOne({ where: { id: invitation.id } })) as { isActive: boolean; password: string | null; registrationToken: string };
    expect(row).toMatchObject({ isActive: false, password: null, registrationToken: token });
    await http().post('/admin/login').send({ email, password: 'Whatever1x' }).expect(400);

    await http().post('/admin/register').send({ registrationToken: token, userInfo: { firstname: '小编', lastname: '辑', password: 'Edit0rPassw' } }).expect(200);
    const login = await http().post('/admin/login').send({ email, password: 'Edit0rPassw' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.data.token ?? login.body.data.accessToken}` };
    await http().get('/content-manager/collection-types/api::prize.prize').set(auth).expect(200);
    await http().get('/mall/admin/orders').set(auth).expect(403);
  });

  it('binds a merchant to their shop, and refuses an existing e-mail, an unknown role and a missing shop', async () => {
    const strapi = getStrapi();
    const shop = await makeMerchant({ name: `邀请店 ${RUN}` });
    const invitation = await inviteAdmin(strapi, { role: 'merchant', email: `shop-${RUN}@example.com`, shop: shop.documentId });
    invited.push(invitation.id);
    expect(invitation.shop).toEqual({ id: shop.id, name: `邀请店 ${RUN}` });
    const admins = (await strapi.db.query('plugin::mall.merchant').findOne({ where: { id: shop.id }, populate: ['admins'] })) as { admins: Array<{ id: number }> };
    expect(admins.admins.map((admin) => admin.id)).toEqual([invitation.id]);

    const refusal = (input: Parameters<typeof inviteAdmin>[1]) => inviteAdmin(strapi, input).then(() => null, (error: unknown) => error);
    const taken = await refusal({ role: 'operator', email: `SHOP-${RUN}@example.com` });
    expect(taken).toBeInstanceOf(InviteRefused);
    expect(taken).toMatchObject({ reason: 'email_taken' });
    expect(await refusal({ role: 'boss', email: `boss-${RUN}@example.com` })).toMatchObject({ reason: 'unknown_role', message: expect.stringContaining('editor, moderator, operator, merchant') });
    expect(await refusal({ role: 'merchant', email: `nowhere-${RUN}@example.com`, shop: 'no-such-shop' })).toMatchObject({ reason: 'no_such_shop' });
    expect(await refusal({ role: 'editor', email: 'not-an-address' })).toMatchObject({ reason: 'bad_email' });
    expect(await strapi.db.query('admin::user').count({ where: { email: { $in: [`boss-${RUN}@example.com`, `nowhere-${RUN}@example.com`] } } })).toBe(0);
  });
});
