/**
 * Issue 19 in a real browser: the admin panel speaks Chinese to someone who has never chosen a language (the
 * login page, a list view, an edit view with its labels, help lines and enumeration values), and a language
 * chosen in the profile still wins.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1337 node tests/admin/chinese.js
 *
 * Needs a built admin on a running server with the demo content (habit templates). Changes nothing.
 * Screenshots go to docs/admin/admin-zh-*.png (SHOTS_DIR overrides).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { adminCheck } = require('./browser');

const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const SHOTS = path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin'));
const { BASE, step, expect, chineseUi, shoot, signIn, main } = adminCheck({ prefix: 'admin-zh', shotsDir: SHOTS });
const TEMPLATES = `${BASE}/admin/content-manager/collection-types/api::habit-template.habit-template`;

/** Strapi's banner and guided tour come up a moment after the page: waits for them, then closes them. */
const settle = async (page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  // The tour's button moves while it animates in: a short try, again, rather than the shared helper's 30 s.
  for (const name of [/^(Skip|跳过)$/, /^(Close the banner\.|关闭横幅)/]) {
    await page.getByRole('button', { name }).first().click({ timeout: 3000 }).catch(() => undefined);
  }
  await page.waitForTimeout(300);
};

const labelsOf = (page) => page.locator('main label').evaluateAll((nodes) => nodes.map((node) => node.textContent.replace(/\*$/, '').trim()));

const run = async (page) => {
  await step('the login page is in Chinese for someone who never chose a language', async () => {
    await page.goto(`${BASE}/admin/auth/login`);
    await page.locator('input[name=email]').waitFor();
    await chineseUi(page);
    await page.getByText('欢迎使用习惯打卡平台 管理后台').waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'admin-zh-login.png'), clip: { x: 0, y: 0, width: 1440, height: 900 } });
  });

  await step('an editor signs in', () => signIn(page, EMAIL, PASSWORD));

  await step('the habit templates list in Chinese: bilingual column heads, sorted by 排序', async () => {
    const listed = page.waitForRequest((req) => req.url().includes('/content-manager/collection-types/api::habit-template.habit-template?'));
    await page.goto(TEMPLATES);
    const query = decodeURIComponent((await listed).url());
    await page.locator('tbody tr').first().waitFor();
    await settle(page);
    await chineseUi(page);
    // The table heads are set in capitals (CSS): compared without case.
    const heads = (await page.locator('thead th').allInnerTexts()).map((text) => text.toLowerCase());
    for (const head of ['标题 Title', '分类 Category', '类型 Kind', '频率 Frequency', '启用 Active', '排序 Sort order']) {
      expect(heads.some((text) => text.includes(head.toLowerCase())), `column ${head} missing from ${heads.join(' | ')}`);
    }
    await page.getByRole('link', { name: /创建新条目/ }).first().waitFor();
    expect(query.includes('sort=sortOrder:ASC'), `the list asked for ${query}`);
    await page.getByRole('button', { name: /^筛选/ }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, 'list');
  });

  await step('a template opens in rows, with Chinese labels, help lines and enumeration values', async () => {
    await page.locator('tbody tr').first().click();
    await page.locator('input[name=title]').waitFor();
    await settle(page);
    const labels = await labelsOf(page);
    for (const label of ['标题 Title', '分类 Category', '频率 Frequency', '目标类型 Goal type', '排序 Sort order']) {
      expect(labels.includes(label), `label ${label} missing from ${labels.join(', ')}`);
    }
    await page.getByText(/每周 N 次/).first().waitFor(); // the frequency's help line
    const category = await page.locator('[role=combobox]').first().innerText();
    expect(/[\u4e00-\u9fff]/.test(category), `the category select shows ${category}`);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'edit');
  });

  await step('a language the editor chose wins over the default', async () => {
    await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'en'));
    await page.reload();
    await page.locator('input[name=title]').waitFor();
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    expect(lang === 'en', `lang is ${lang}`);
    await page.evaluate(() => window.localStorage.removeItem('strapi-admin-language'));
  });
};

main(run).catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
