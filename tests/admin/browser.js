/**
 * What the admin-panel checks share (tests/admin/*.js): headless Chromium through playwright-core, signing in,
 * closing Strapi's overlays, numbered steps that report and photograph a failure and go on, screenshots cut to
 * the admin's main pane, and plain HTTP to the same server. (challenge-editor.js and mall-orders.js still carry
 * their own copies; issue 19's `npm run test:admin` moves them here.)
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = (process.env.STRAPI_URL || 'http://localhost:1337').replace(/\/$/, '');
const VIEWPORT = { width: 1440, height: 1600 };

const adminCheck = ({ prefix, shotsDir }) => {
  const results = [];
  let openPage = null;

  const shoot = async (page, name) => {
    fs.mkdirSync(shotsDir, { recursive: true });
    const target = path.join(shotsDir, `${prefix}-${name}.png`);
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

  /** One promise of the product, checked; a failure is reported (with a screenshot) and the run goes on. */
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
      // left null: the caller's check shows the text
    }
    return { status: res.status, body: json, text };
  };

  const signIn = async (page, email, password) => {
    await page.goto(`${BASE}/admin/auth/login`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: 60_000 });
  };

  /** Strapi's announcement banner and its first-visit guided tour cover the views; an editor closes them once. */
  const dismissOverlays = async (page) => {
    for (const button of [page.getByRole('button', { name: 'Skip', exact: true }), page.getByRole('button', { name: 'Close the banner.' })]) {
      if (await button.first().isVisible().catch(() => false)) await button.first().click();
    }
  };

  /** Runs `run(page)` in a fresh headless Chromium; the exit code says whether every step held. */
  const main = async (run) => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US' });
    page.setDefaultTimeout(30_000);
    openPage = page;
    try {
      await run(page);
    } finally {
      openPage = null;
      await browser.close();
    }
    const failed = results.filter((result) => !result.ok).length;
    process.stdout.write(`\n${results.length - failed} of ${results.length} steps held\n`);
    process.exitCode = failed > 0 ? 1 : 0;
  };

  return { BASE, step, expect, api, shoot, signIn, dismissOverlays, main };
};

module.exports = { adminCheck, BASE };
