/**
 * Issue 17 in a real browser: an editor finds the subscribe-message templates, binds their own mini-program
 * account on the page 订阅消息提醒, sends themselves a test message through the fake WeChat, and finds it in
 * the send log.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1337 npm run admin:check-reminders
 *
 * Needs a built admin on a running server with WECHAT_MODE=fake and the demo content (the demo templates);
 * run it against a scratch database. Screenshots go to docs/admin/reminders-*.png (SHOTS_DIR overrides).
 */
'use strict';

const path = require('node:path');
const { adminCheck } = require('./browser');

const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const { BASE, step, expect, api, shoot, signIn, dismissOverlays, main } = adminCheck({
  prefix: 'reminders',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin')),
});
const runId = Date.now().toString(36);

const run = async (page) => {
  let userId = null;
  await step('the editor’s own mini-program account signs in and allows the 打卡提醒 template', async () => {
    const login = await api('POST', '/api/wechat/login', { body: { code: `editor-${runId}.1` } });
    expect(login.status === 200, `sign-in answered ${login.status}: ${login.text}`);
    userId = login.body.data.user.id;
    const token = login.body.data.jwt;
    const consent = await api('POST', '/api/reminders/subscriptions', { token, body: { templateIds: ['demo-habit-reminder'], results: { 'demo-habit-reminder': 'accept' } } });
    expect(consent.status === 200, `consent answered ${consent.status}: ${consent.text}`);
  });

  await step('an editor signs in to the admin panel', () => signIn(page, EMAIL, PASSWORD));

  await step('the templates are listed in 订阅消息模板, labelled in Chinese', async () => {
    await page.goto(`${BASE}/admin/content-manager/collection-types/plugin::reminders.template`);
    await page.getByText('连续打卡即将中断').first().waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    expect(text.includes('打卡提醒') && text.includes('订单发货通知'), 'the demo templates');
    await shoot(page, 'templates');
  });

  await step('on 订阅消息提醒 the editor binds their account and sends themselves a test message', async () => {
    await page.goto(`${BASE}/admin/plugins/reminders`);
    await page.getByText('我的小程序账号').first().waitFor();
    await dismissOverlays(page);
    await page.locator('input[name=userId]').fill(String(userId));
    const bound = page.waitForResponse((res) => res.url().includes('/reminders/binding') && res.request().method() === 'PUT');
    await page.getByRole('button', { name: /保存 Save/ }).click();
    expect((await bound).status() === 200, 'binding saved');
    await page.getByText(`已绑定 Bound: ${userId}`).first().waitFor();
    const row = page.locator('tr', { hasText: 'demo-habit-reminder' });
    const sent = page.waitForResponse((res) => res.url().includes('/reminders/test-send'));
    await row.getByRole('button', { name: /发给我/ }).click();
    const res = await sent;
    const body = await res.json();
    expect(res.status() === 200 && body.data.status === 'sent', `test send answered ${res.status()}: ${JSON.stringify(body)}`);
    await page.getByText(/测试消息 Test message: 已发送/).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, 'page');
  });

  await step('the test message is in the send log (发送记录) as sent', async () => {
    await page.goto(`${BASE}/admin/content-manager/collection-types/plugin::reminders.send?page=1&pageSize=10&sort=id:DESC`);
    await page.locator('tbody tr').first().waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    const firstRow = await page.locator('tbody tr').first().innerText();
    expect(/habitReminder/.test(firstRow) && /\bsent\b/.test(firstRow), `first row: ${firstRow}`);
    await shoot(page, 'send-log');
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
