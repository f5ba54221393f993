/**
 * Issue 19 in a real browser: the admin's home page shows the day's numbers as widgets, and the page 兑换码
 * Redeem codes generates a batch whose codes arrive once, as a CSV download, and work in the mini-program.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1337 npm run admin:check-dashboard
 *
 * Needs a built admin on a running server with WECHAT_MODE=fake (the check signs a mini-program user in to
 * check in and to redeem a code); run it against a scratch database. The super admin (ADMIN_EMAIL /
 * ADMIN_PASSWORD) sees every widget. Screenshots go to docs/admin/dashboard-home.png,
 * docs/admin/redeem-batches-form.png and docs/admin/redeem-batches-done.png (SHOTS_DIR overrides the folder).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { adminCheck } = require('./browser');

const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const shotsDir = path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin'));
const { BASE, step, expect, api, must, adminToken, shoot, signIn, dismissOverlays, main } = adminCheck({ prefix: 'dashboard', shotsDir });
// The same helpers, for the redeem page's screenshots (redeem-batches-*.png).
const redeemShots = adminCheck({ prefix: 'redeem-batches', shotsDir });
const runId = Date.now().toString(36);
const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** The number a widget shows under `label` (Stat's data-stat attribute). */
const statOf = async (page, label) => {
  const text = await page.locator(`[data-stat="${label}"]`).first().innerText();
  return Number(text.replace(/[^\d-]/g, ''));
};

const run = async (page) => {
  let app = null;
  let batchName = null;
  let codes = [];
  let lowPrize = null;

  await step('a mini-program user signs in and checks a habit in today', async () => {
    const login = await api('POST', '/api/wechat/login', { body: { code: `dashboard-${runId}.1` } });
    expect(login.status === 200, `sign-in answered ${login.status}: ${login.text}`);
    app = { token: login.body.data.jwt, id: login.body.data.user.id };
    const habit = must(await api('POST', '/api/habits', { token: app.token, body: { data: { title: `看板 ${runId}`, startDate: '2026-01-01' } } }), 201, 'habit');
    must(await api('POST', '/api/check-ins', { token: app.token, body: { data: { habit: habit.data.documentId } } }), 201, 'check-in');
  });

  await step('an editor’s prize is down to 3 left', async () => {
    const token = await adminToken(EMAIL, PASSWORD);
    const base = '/content-manager/collection-types/api::prize.prize';
    const prizes = must(await api('GET', `${base}?page=1&pageSize=50&sort=id:ASC`, { token }), 200, 'prizes').results;
    const limited = prizes.find((prize) => prize.active && prize.stock > 3) || prizes.find((prize) => prize.active);
    expect(limited, 'an active demo prize');
    lowPrize = limited.name;
    must(await api('PUT', `${base}/${limited.documentId}`, { token, body: { stock: 3 } }), 200, 'restock to 3');
  });

  await step('the super admin signs in to the admin panel', () => signIn(page, EMAIL, PASSWORD));

  await step('the home page shows the widgets with today’s numbers', async () => {
    await page.goto(`${BASE}/admin`);
    await page.locator('[data-stat="今日打卡 Check-ins"]').first().waitFor();
    await dismissOverlays(page);
    // Strapi's first-visit guided tour sits above the widgets; an editor closes it once.
    const closeTour = page.getByRole('button', { name: /^Close guided tour$/ }).first();
    if (await closeTour.isVisible().catch(() => false)) {
      await closeTour.click();
      await page.getByRole('button', { name: /^(Confirm|确认)$/ }).click();
    }
    for (const label of ['发放 Issued', '待审帖子 Posts', '待发货 To ship', '发送失败 Failed']) await page.locator(`[data-stat="${label}"]`).first().waitFor();
    await page.getByText(/奖品库存不足|Prizes running low/).first().waitFor();
    if (lowPrize) await page.locator(`[data-prize="${lowPrize}"]`).first().waitFor();
    await page.waitForLoadState('networkidle');
    const checkIns = await statOf(page, '今日打卡 Check-ins');
    const activeUsers = await statOf(page, '活跃用户 Active users');
    expect(checkIns >= 1 && activeUsers >= 1, `today's check-ins ${checkIns}, active users ${activeUsers}`);
    const issued = await statOf(page, '发放 Issued');
    expect(issued >= 10, `points issued this week: ${issued} (the check-in earned 10)`);
    // Each widget is a <main> of its own inside the page's: read the page's.
    const text = await page.locator('#main-content').innerText();
    expect(text.includes('北京时间 Asia/Shanghai'), 'the widget says which timezone "today" is in');
    await shoot(page, 'home');
  });

  await step('the redeem page checks the form in Chinese before asking the server', async () => {
    await page.goto(`${BASE}/admin/plugins/gamification`);
    await page.getByText('生成一批兑换码 New batch').first().waitFor();
    await dismissOverlays(page);
    await page.getByText('兑换码只能下载这一次').first().waitFor();
    await page.locator('input[name=count]').fill('20000');
    let posted = false;
    const watch = (request) => {
      if (request.url().includes('/gamification/redeem-batches') && request.method() === 'POST') posted = true;
    };
    page.on('request', watch);
    await page.getByRole('button', { name: /生成兑换码 Generate/ }).click();
    await page.getByText(/请填写批次名称/).first().waitFor();
    await page.getByText(/一次可生成 1 到 10,000 个兑换码/).first().waitFor();
    page.off('request', watch);
    expect(!posted, 'the form was sent to the server although it was wrong');
    // A fresh page for the next step (and its screenshot), without the warning.
    await page.goto(`${BASE}/admin/plugins/gamification`);
    await page.getByText('生成一批兑换码 New batch').first().waitFor();
  });

  await step('an editor fills in a batch of 5 codes of 100 points each', async () => {
    batchName = `双十一 ${runId}`;
    await page.locator('input[name=name]').fill(batchName);
    await page.locator('input[name=amount]').fill('100');
    await page.locator('input[name=count]').fill('5');
    await page.locator('input[name=maxUses]').fill('1');
    const lastDay = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.locator('input[name=validUntil]').fill(lastDay);
    await page.getByRole('heading', { name: /生成一批兑换码/ }).click();
    await redeemShots.shoot(page, 'form');
  });

  await step('the batch is generated and its codes arrive once, as a CSV download', async () => {
    const generated = page.waitForResponse((res) => res.url().includes('/gamification/redeem-batches') && res.request().method() === 'POST');
    await page.getByRole('button', { name: /生成兑换码 Generate/ }).click();
    expect((await generated).status() === 200, 'generated');
    await page.getByText('已生成 Batch generated').first().waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载兑换码 CSV/ }).click();
    const download = await downloading;
    expect(/^redeem-codes-.+\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(csv[0] === 'code,kind,amount,max_uses,valid_from,valid_until', `header: ${csv[0]}`);
    codes = csv.slice(1).map((line) => line.split(','));
    expect(codes.length === 5, `${codes.length} codes`);
    for (const [code, kind, amount, maxUses] of codes) expect(CODE.test(code) && kind === 'points' && amount === '100' && maxUses === '1', `row ${code},${kind},${amount},${maxUses}`);
    await page.getByText(/已下载 Downloaded/).first().waitFor();
    await page.locator('tr', { hasText: batchName }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await redeemShots.shoot(page, 'done');
  });

  await step('the list of batches never shows the codes again', async () => {
    const token = await adminToken(EMAIL, PASSWORD);
    const listed = must(await api('GET', '/gamification/redeem-batches', { token }), 200, 'batch list');
    const mine = listed.data.find((batch) => batch.name === batchName);
    expect(mine && mine.count === 5 && mine.uses === 0, `the batch in the list: ${JSON.stringify(mine)}`);
    const text = JSON.stringify(listed);
    expect(codes.every(([code]) => !text.includes(code) && !text.includes(code.replace(/-/g, ''))), 'a code in the list');
  });

  await step('a downloaded code works in the mini-program', async () => {
    const redeemed = must(await api('POST', '/api/redeem-codes/redeem', { token: app.token, body: { code: codes[0][0] } }), 200, 'redeem');
    expect(redeemed.data.kind === 'points' && redeemed.data.amount === 100, JSON.stringify(redeemed.data));
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
