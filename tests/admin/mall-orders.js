/**
 * Issue 15 in a real browser: an operator (运营) works the orders in the admin panel.
 *
 * Drives the built admin of a running Strapi (`npm run build && npm run start`) with headless Chromium
 * (playwright-core). Before the browser starts, the orders it needs are made over HTTP the way the product
 * makes them: the super admin (ADMIN_EMAIL / ADMIN_PASSWORD) invites an operator with the 运营 Operator
 * role; a mini-program user (fake WeChat sign-in) buys two demo products with WeChat Pay, pays through the
 * fake WeChat Pay, and asks for a refund of one of them. Then the operator signs in, opens 订单, filters
 * 待发货, opens the order, ships it (and sees the trail), and approves the refund of the other.
 * Not a jest test: it needs a built admin and a server of its own.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1351 npm run admin:check-orders
 *
 * The server must run with WECHAT_MODE=fake (sign-in and WeChat Pay are the fakes) and the demo seed
 * (SEED_DEMO=true: its 校园便利店 products). Run it against a scratch database, not one operators use.
 * Screenshots go to docs/admin/mall-*.png (SHOTS_DIR overrides); CHROMIUM_PATH says where Chromium is.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { chromium } = require('playwright-core');

const BASE = (process.env.STRAPI_URL || 'http://localhost:1337').replace(/\/$/, '');
const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const SHOTS = path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin'));
const VIEWPORT = { width: 1440, height: 1800 };
const RUN = crypto.randomBytes(3).toString('hex');
const OPERATOR = { email: `operator-${RUN}@example.com`, password: `Operat0r${RUN}`, firstname: '小运', lastname: `营${RUN}` };
const TRACKING = `SF${Date.now()}`;

const results = [];
let openPage = null;

const step = async (promise, run) => {
  const started = Date.now();
  try {
    const value = await run();
    results.push({ promise, ok: true });
    process.stdout.write(`ok    ${promise} (${Date.now() - started} ms)\n`);
    return value;
  } catch (error) {
    results.push({ promise, ok: false });
    const shot = openPage ? await shoot(openPage, `failed-${results.length}`).catch(() => null) : null;
    const message = String(error && error.message ? error.message : error).split('\n').join('\n      ');
    process.stdout.write(`FAIL  ${promise}\n      ${message}\n${shot ? `      screenshot: ${shot}\n` : ''}`);
    return undefined;
  }
};

const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

/** The viewport down to the end of the admin's main pane. */
const shoot = async (page, name) => {
  const target = path.join(SHOTS, `mall-${name}.png`);
  const bottom = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return null;
    let lowest = 0;
    for (const node of main.querySelectorAll('*')) lowest = Math.max(lowest, node.getBoundingClientRect().bottom);
    return Math.ceil(lowest);
  });
  const height = Math.min(VIEWPORT.height, Math.max(600, (bottom || VIEWPORT.height) + 32));
  await page.screenshot({ path: target, clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
  return path.relative(process.cwd(), target);
};

const api = async (method, url, { token, body } = {}) => {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the assertion shows the text
  }
  return { status: res.status, body: json, text };
};

const must = (res, status, what) => {
  expect(res.status === status, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
};

// --- seeding over HTTP ---------------------------------------------------------------------------------

/** The super admin invites an operator with the 运营 role, who registers with a password. */
const makeOperator = async () => {
  const login = must(await api('POST', '/admin/login', { body: { email: EMAIL, password: PASSWORD } }), 200, 'super admin sign-in');
  const token = login.data.token || login.data.accessToken;
  const roles = must(await api('GET', '/admin/roles', { token }), 200, 'admin roles').data;
  const role = roles.find((r) => r.code === 'mall-operator');
  expect(role, `no 运营 Operator role (code mall-operator) among ${roles.map((r) => r.code).join(', ')}`);
  const invited = must(await api('POST', '/admin/users', { token, body: { email: OPERATOR.email, firstname: OPERATOR.firstname, lastname: OPERATOR.lastname, roles: [role.id] } }), 201, 'invite the operator').data;
  must(
    await api('POST', '/admin/register', { body: { registrationToken: invited.registrationToken, userInfo: { firstname: OPERATOR.firstname, lastname: OPERATOR.lastname, password: OPERATOR.password } } }),
    200,
    'the operator registers',
  );
  return { roleName: role.name };
};

/** A buyer's paid WeChat Pay order of one demo SKU, through the fake WeChat Pay. */
const paidOrder = async (jwt, sku, body = {}) => {
  const placed = must(await api('POST', '/api/orders', { token: jwt, body: { items: [{ sku, quantity: 1 }], payWith: 'wechat', address: { name: '李同学', phone: '13900001111', region: '东校区', detail: `7号楼 ${RUN}` }, ...body } }), 201, 'place an order').data;
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

const signIn = async (page) => {
  await page.goto(`${BASE}/admin/auth/login`);
  await page.locator('input[name=email]').fill(OPERATOR.email);
  await page.locator('input[name=password]').fill(OPERATOR.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: 60_000 });
};

const dismissOverlays = async (page) => {
  for (const button of [page.getByRole('button', { name: 'Skip', exact: true }), page.getByRole('button', { name: 'Close the banner.' })]) {
    if (await button.first().isVisible().catch(() => false)) await button.first().click();
  }
};

const main = async () => {
  expect(EMAIL && PASSWORD, 'set ADMIN_EMAIL and ADMIN_PASSWORD (the super admin that invites the operator)');
  fs.mkdirSync(SHOTS, { recursive: true });
  const operator = await makeOperator();
  const seeded = await seedOrders();
  process.stdout.write(`seeded: operator ${OPERATOR.email} (${operator.roleName}), orders ${seeded.toShip} (paid), ${seeded.toRefund} (refund asked)\n`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  openPage = page;
  try {
    await step('the operator signs in and finds 订单 in the menu', async () => {
      await signIn(page);
      await dismissOverlays(page);
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
      await page.getByRole('link', { name: seeded.toRefund }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
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
      await page.getByRole('button', { name: /确认发货/ }).and(page.locator(':not([disabled])')).waitFor();
      await shoot(page, 'order-ship-form');
      await page.getByRole('button', { name: /确认发货/ }).click();
      await page.getByText(`顺丰 ${TRACKING}`).first().waitFor();
      await page.getByText('待发货 → 待收货').waitFor();
      await page.getByText(new RegExp(`运营 ${OPERATOR.firstname}`)).first().waitFor();
      const order = must(await api('GET', `/api/orders/${seeded.toShip}`, { token: seeded.jwt }), 200, 'the buyer reads the order').data;
      expect(order.status === 'shipped' && order.trackingNumber === TRACKING, `the buyer sees ${order.status} ${order.trackingNumber}`);
      await shoot(page, 'order-shipped');
    });

    await step('shipping it again is refused with 409 invalid_transition', async () => {
      // Another operator's click raced this one: the server refuses the second move.
      const login = must(await api('POST', '/admin/login', { body: { email: OPERATOR.email, password: OPERATOR.password } }), 200, 'operator sign-in');
      const token = login.data.token || login.data.accessToken;
      const again = await api('POST', `/mall/admin/orders/${seeded.toShip}/ship`, { token, body: { carrier: '顺丰', trackingNumber: 'SF0000001' } });
      expect(again.status === 409 && again.body.error.details.reason === 'invalid_transition', `a second ship answered ${again.status} ${again.text.slice(0, 200)}`);
    });

    await step('the refund is approved from its order page and the order is refunded', async () => {
      await page.goto(`${BASE}/admin/plugins/mall?status=refund_requested`);
      await page.getByRole('link', { name: seeded.toRefund }).click();
      await page.getByText('买错规格了').first().waitFor();
      await shoot(page, 'order-refund-requested');
      await page.getByRole('button', { name: /同意退款/ }).click();
      await page.getByText(/退款申请中 → (退款中|已退款)/).first().waitFor();
      let status = '';
      for (let i = 0; i < 50 && status !== 'refunded'; i += 1) {
        status = must(await api('GET', `/api/orders/${seeded.toRefund}`, { token: seeded.jwt }), 200, 'the buyer reads the order').data.status;
        if (status !== 'refunded') await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status === 'refunded', `the refund ended ${status}`);
      await page.reload();
      await page.getByText(/→ 已退款/).first().waitFor();
      await shoot(page, 'order-refunded');
    });
  } finally {
    openPage = null;
    await browser.close();
  }
};

main()
  .catch((error) => {
    results.push({ promise: 'setup', ok: false });
    process.stdout.write(`FAIL  setup\n      ${error && error.stack ? error.stack : error}\n`);
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    process.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
    process.exitCode = failed ? 1 : 0;
  });
