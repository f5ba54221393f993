/**
 * 运营 Operator in a real browser (issue 19, run by `npm run test:admin`; grew out of issue 15's order check).
 * Before the browser starts, the orders it needs are made over HTTP the way the product makes them: a
 * mini-program user (fake WeChat sign-in) buys two demo products with WeChat Pay, pays through the fake
 * WeChat Pay, and asks for a refund of one. The super admin invites an operator, who registers; the operator
 * signs in to an admin that speaks Chinese, opens 订单, filters 待发货, exports the CSV, ships an order (and
 * sees the trail), approves the refund of the other, and generates a batch of redeem codes (兑换码) whose CSV
 * downloads once. Through the admin API the operator gets 403 on the moderation queue, challenges and prizes.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://127.0.0.1:1337 node tests/admin/operator.js
 *
 * The server must run with WECHAT_MODE=fake (sign-in and WeChat Pay are the fakes) and the demo content (its
 * 校园便利店 products). Run it against a scratch database. Screenshots: SHOTS_DIR operator-*.png.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { adminCheck } = require('./browser');

const { BASE, step, expect, must, api, inviteAdmin, refused, chineseUi, shoot, signIn, dismissOverlays, main } = adminCheck({
  prefix: 'operator',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'test-output', 'admin')),
});
const RUN = crypto.randomBytes(3).toString('hex');
const TRACKING = `SF${Date.now()}`;

// --- seeding over HTTP ---------------------------------------------------------------------------------

/** A buyer's paid WeChat Pay order of one demo SKU, through the fake WeChat Pay. */
const paidOrder = async (jwt, sku, body = {}) => {
  const placed = must(
    await api('POST', '/api/orders', {
      token: jwt,
      body: {
        items: [{ sku, quantity: 1 }],
        payWith: 'wechat',
        address: { name: '李同学', phone: '13900001111', region: '东校区', detail: `7号楼 ${RUN}` },
        ...body,
      },
    }),
    201,
    'place an order',
  ).data;
  must(await api('POST', `/api/orders/${placed.orderNo}/pay`, { token: jwt, body: {} }), 200, 'prepay');
  must(await api('POST', `/api/orders/${placed.orderNo}/fake-pay`, { token: jwt, body: {} }), 200, 'the fake buyer pays');
  for (let i = 0; i < 50; i += 1) {
    const order = must(await api('GET', `/api/orders/${placed.orderNo}`, { token: jwt }), 200, 'read the order').data;
    if (order.status === 'paid') return placed.orderNo;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`order ${placed.orderNo} was not paid`);
};

const seedOrders = async () => {
  const login = must(await api('POST', '/api/wechat/login', { body: { code: `mall-check-${RUN}.1` } }), 200, 'fake WeChat sign-in');
  const jwt = login.jwt || (login.data && (login.data.jwt || login.data.token)) || login.token;
  expect(jwt, `no jwt in ${JSON.stringify(login).slice(0, 200)}`);
  const products = must(await api('GET', '/api/mall/products?limit=20'), 200, 'the catalogue').data;
  const withWeChatPrice = [];
  for (const product of products) {
    const detail = must(await api('GET', `/api/mall/products/${product.documentId}`), 200, 'a product').data;
    for (const sku of detail.skus || []) if (sku.price && sku.stock > 0) withWeChatPrice.push(sku.documentId);
  }
  expect(withWeChatPrice.length >= 2, 'the demo seed has fewer than two SKUs with a price (SEED_DEMO=true?)');
  const toShip = await paidOrder(jwt, withWeChatPrice[0], { note: '请周末前送到' });
  const toRefund = await paidOrder(jwt, withWeChatPrice[1]);
  must(await api('POST', `/api/orders/${toRefund}/refund`, { token: jwt, body: { reason: '买错规格了' } }), 200, 'the buyer asks for a refund');
  return { jwt, toShip, toRefund };
};

// --- the admin panel -------------------------------------------------------------------------------

const run = async (page) => {
  const operator = await step('the super admin invites a 运营 Operator, who registers', () =>
    inviteAdmin('mall-operator', { firstname: '小运', lastname: '营' }),
  );
  const seeded = await step('a mini-program user pays two orders and asks for a refund of one', () => seedOrders());
  if (!operator || !seeded) return;

  await step('the operator signs in and finds 订单 in the menu', async () => {
    await signIn(page, operator.email, operator.password);
    await dismissOverlays(page);
    await chineseUi(page);
    const link = page.getByRole('link', { name: /订单 Orders/ }).first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.getByRole('heading', { name: '订单 Orders' }).waitFor();
    await page.getByRole('link', { name: seeded.toShip }).waitFor({ timeout: 30_000 });
    await dismissOverlays(page);
    await shoot(page, 'orders-list');
  });

  await step('the 待发货 tab shows the paid order with its count, not the refund', async () => {
    const tab = page.getByRole('tab', { name: /^待发货 \(\d+\)$/ });
    await tab.click();
    await page.waitForURL(/status=paid/);
    await page.getByRole('link', { name: seeded.toShip }).waitFor();
    // The address changes first, the list when its answer is in.
    await page
      .getByRole('link', { name: seeded.toRefund })
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    expect((await page.getByRole('link', { name: seeded.toRefund }).count()) === 0, 'the refund-requested order is listed under 待发货');
    await page.locator('input[name=q]').fill(seeded.toShip);
    await page.locator('input[name=q]').press('Enter');
    await page.waitForURL(new RegExp(`q=${seeded.toShip}`));
    // The address changes first, the list when its answer is in.
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, null, { timeout: 10_000 }).catch(() => undefined);
    await page.getByRole('link', { name: seeded.toShip }).waitFor();
    expect((await page.locator('tbody tr').count()) === 1, 'the search by order number found more than one order');
    await shoot(page, 'orders-paid');
  });

  await step('the CSV export downloads the filtered orders', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF订单号,状态'), `not the CSV: ${text.slice(0, 80)}`);
    expect(text.includes(seeded.toShip) && !text.includes(seeded.toRefund), 'the CSV is not the filtered list');
  });

  await step('the order page shows items, buyer, address and trail, and ships with carrier and tracking number', async () => {
    await page.getByRole('link', { name: seeded.toShip }).click();
    await page.getByRole('heading', { name: `订单 ${seeded.toShip}` }).waitFor();
    await page.getByText('7号楼').first().waitFor();
    await page.getByRole('button', { name: '发货 Ship' }).click();
    await page.locator('input[name=carrier]').fill('顺丰');
    await page.locator('input[name=trackingNumber]').fill(TRACKING);
    await page.locator('input[name=trackingNumber]').blur();
    await page
      .getByRole('button', { name: /确认发货/ })
      .and(page.locator(':not([disabled])'))
      .waitFor();
    await shoot(page, 'order-ship-form');
    await page.getByRole('button', { name: /确认发货/ }).click();
    await page.getByText(`顺丰 ${TRACKING}`).first().waitFor();
    await page.getByText('待发货 → 待收货').waitFor();
    await page
      .getByText(new RegExp(`运营 ${operator.firstname}`))
      .first()
      .waitFor();
    const order = must(await api('GET', `/api/orders/${seeded.toShip}`, { token: seeded.jwt }), 200, 'the buyer reads the order').data;
    expect(order.status === 'shipped' && order.trackingNumber === TRACKING, `the buyer sees ${order.status} ${order.trackingNumber}`);
    await shoot(page, 'order-shipped');
  });

  await step('shipping it again is refused with 409 invalid_transition', async () => {
    // Another operator's click raced this one: the server refuses the second move.
    const token = operator.token;
    const again = await api('POST', `/mall/admin/orders/${seeded.toShip}/ship`, { token, body: { carrier: '顺丰', trackingNumber: 'SF0000001' } });
    expect(
      again.status === 409 && again.body.error.details.reason === 'invalid_transition',
      `a second ship answered ${again.status} ${again.text.slice(0, 200)}`,
    );
  });

  await step('the refund is approved from its order page and the order is refunded', async () => {
    await page.goto(`${BASE}/admin/plugins/mall?status=refund_requested`);
    await page.getByRole('link', { name: seeded.toRefund }).click();
    await page.getByText('买错规格了').first().waitFor();
    await shoot(page, 'order-refund-requested');
    await page.getByRole('button', { name: /同意退款/ }).click();
    await page
      .getByText(/退款申请中 → (退款中|已退款)/)
      .first()
      .waitFor();
    let status = '';
    for (let i = 0; i < 50 && status !== 'refunded'; i += 1) {
      status = must(await api('GET', `/api/orders/${seeded.toRefund}`, { token: seeded.jwt }), 200, 'the buyer reads the order').data.status;
      if (status !== 'refunded') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status === 'refunded', `the refund ended ${status}`);
    await page.reload();
    await page
      .getByText(/→ 已退款/)
      .first()
      .waitFor();
    await shoot(page, 'order-refunded');
  });
  await step('兑换码: the operator generates 5 points codes and downloads them once as CSV', async () => {
    await page.goto(`${BASE}/admin/plugins/gamification`);
    await page.locator('input[name=name]').waitFor();
    await dismissOverlays(page);
    await page.locator('input[name=name]').fill(`运营活动 ${RUN}`);
    await page.locator('input[name=amount]').fill('30');
    await page.locator('input[name=count]').fill('5');
    await page.locator('input[name=maxUses]').fill('1');
    await shoot(page, 'redeem-form');
    const answered = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/gamification/redeem-batches'));
    await page.getByRole('button', { name: /生成兑换码/ }).click();
    const res = await answered;
    expect(res.status() === 201 || res.status() === 200, `generating answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载兑换码 CSV/ }).click()]);
    const codes = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
    expect(codes.length === 5, `the CSV holds ${codes.length} codes`);
    await page.getByText(/已下载 Downloaded/).first().waitFor();
    await shoot(page, 'redeem-done');
    // A code from the file works once for a mini-program user: it is a real code.
    const code = codes[0].split(',')[0].replace(/"/g, '');
    const redeemed = await api('POST', '/api/redeem-codes/redeem', { token: seeded.jwt, body: { code } });
    expect(redeemed.status === 200 || redeemed.status === 201, `redeeming ${code} answered ${redeemed.status} ${redeemed.text.slice(0, 200)}`);
  });

  await step('what other roles own answers 403: moderation, challenges, prizes, habit templates', async () => {
    await refused(operator.token, [
      ['GET', '/community/moderation/queue'],
      ['POST', '/content-manager/collection-types/api::challenge.challenge', { title: 'x' }],
      ['POST', '/content-manager/collection-types/api::prize.prize', { name: 'x' }],
      ['POST', '/content-manager/collection-types/api::habit-template.habit-template', { title: 'x' }],
    ]);
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
