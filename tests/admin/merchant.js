/**
 * 商家 Merchant in a real browser (issue 19, run by `npm run test:admin`): the super admin invites a merchant
 * and makes them an admin of the demo shop 校园便利店; the merchant signs in and sees that shop's products and
 * orders only — the platform's own 打卡纪念徽章 is not in their list and opening it through the admin API is
 * 403, as is every other role's work (moderation, redeem codes, prizes, challenges, shops).
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://127.0.0.1:1337 node tests/admin/merchant.js
 *
 * Needs a built admin on a running server with the demo content. Screenshots: SHOTS_DIR merchant-*.png.
 */
'use strict';

const path = require('node:path');
const { adminCheck } = require('./browser');

const { BASE, step, expect, must, api, inviteAdmin, refused, chineseUi, shoot, signIn, dismissOverlays, main } = adminCheck({
  prefix: 'merchant',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'test-output', 'admin')),
});
const PRODUCTS = 'api::product.product';
const SHOPS = 'plugin::mall.merchant';
const OWN_SHOP = '校园便利店';
const NOT_OURS = '打卡纪念徽章';

const run = async (page) => {
  let merchant = null;
  const products = {};

  await step(`the super admin invites a 商家 Merchant and makes them an admin of ${OWN_SHOP}`, async () => {
    merchant = await inviteAdmin('mall-merchant', { firstname: '店长', lastname: '王' });
    const shops = must(await api('GET', `/content-manager/collection-types/${SHOPS}?page=1&pageSize=50`, { token: merchant.superToken }), 200, 'shops').results;
    const shop = shops.find((s) => s.name === OWN_SHOP);
    expect(shop, `no demo shop ${OWN_SHOP} among ${shops.map((s) => s.name).join(', ')}`);
    must(
      await api('PUT', `/content-manager/collection-types/${SHOPS}/${shop.documentId}`, {
        token: merchant.superToken,
        body: { admins: { connect: [{ id: merchant.id }] } },
      }),
      200,
      'bind the merchant to the shop',
    );
    const all = must(
      await api('GET', `/content-manager/collection-types/${PRODUCTS}?page=1&pageSize=100`, { token: merchant.superToken }),
      200,
      'all products',
    ).results;
    for (const product of all) products[product.name] = product.documentId;
    expect(products[NOT_OURS], `the demo has no ${NOT_OURS}`);
  });

  await step('the merchant signs in; the admin speaks Chinese', async () => {
    expect(merchant, 'no merchant');
    await signIn(page, merchant.email, merchant.password);
    await dismissOverlays(page);
    await chineseUi(page);
  });

  await step(`the product list holds ${OWN_SHOP}'s products and not ${NOT_OURS}`, async () => {
    await page.goto(`${BASE}/admin/content-manager/collection-types/${PRODUCTS}`);
    await page.getByText('打卡笔记本').first().waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    expect(text.includes('运动水杯') && !text.includes(NOT_OURS), `the list shows:\n${text.slice(0, 600)}`);
    await shoot(page, 'products');
  });

  await step('through the admin API too: only their shop’s products; another’s is 403 to read and to change', async () => {
    const mine = must(
      await api('GET', `/content-manager/collection-types/${PRODUCTS}?page=1&pageSize=100`, { token: merchant.token }),
      200,
      'the merchant’s products',
    ).results;
    const names = mine.map((p) => p.name).sort();
    expect(names.length > 0 && !names.includes(NOT_OURS), `the merchant reads ${names.join(', ')}`);
    await refused(merchant.token, [
      ['GET', `/content-manager/collection-types/${PRODUCTS}/${products[NOT_OURS]}`],
      ['PUT', `/content-manager/collection-types/${PRODUCTS}/${products[NOT_OURS]}`, { name: '改名' }],
    ]);
  });

  await step('订单 opens for the merchant, scoped to their shop', async () => {
    await page.goto(`${BASE}/admin/plugins/mall`);
    await page.getByText(/订单/).first().waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    const orders = must(await api('GET', '/mall/admin/orders', { token: merchant.token }), 200, 'the merchant’s orders');
    const foreign = (orders.data || []).filter((order) => order.merchant !== OWN_SHOP); // the list names each order's shop
    expect(foreign.length === 0, `orders of other shops: ${JSON.stringify(foreign.slice(0, 2))}`);
    await shoot(page, 'orders');
  });

  await step('what other roles own answers 403: moderation, redeem codes, prizes, challenges, shops', async () => {
    await refused(merchant.token, [
      ['GET', '/community/moderation/queue'],
      ['POST', '/gamification/redeem-batches', { kind: 'points', amount: 10, count: 1 }],
      ['POST', '/content-manager/collection-types/api::prize.prize', { name: 'x' }],
      ['POST', '/content-manager/collection-types/api::challenge.challenge', { title: 'x' }],
      ['POST', `/content-manager/collection-types/${SHOPS}`, { name: '我的新店' }],
    ]);
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
