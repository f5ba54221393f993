/**
 * What the admin-panel checks share (tests/admin/*.js): headless Chromium through playwright-core, signing in,
 * closing Strapi's overlays, numbered steps that report and photograph a failure and go on, screenshots cut to
 * the admin's main pane, plain HTTP to the same server, and the roles: a person invited with a role, who
 * registers and signs in (`inviteAdmin`), and the 403s of what another role owns (`refused`).
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
      const message = String(error && error.message ? error.message : error)
        .split('\n')
        .join('\n      ');
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
    const names = [/^(Skip|跳过)$/, /^(Close the banner\.|关闭横幅)/];
    for (const button of names.map((name) => page.getByRole('button', { name }))) {
      if (
        await button
          .first()
          .isVisible()
          .catch(() => false)
      )
        await button.first().click();
    }
  };

  /** `must(answer, status, what)`: the answer's body when the status is the one expected, else a failed step. */
  const must = (answer, status, what) => {
    expect(answer.status === status, `${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.body;
  };

  /** An admin API token for an e-mail and password (POST /admin/login). */
  const adminToken = async (email, password) => {
    const login = must(await api('POST', '/admin/login', { body: { email, password } }), 200, `admin sign-in of ${email}`);
    return login.data.token || login.data.accessToken;
  };

  /**
   * The super admin (ADMIN_EMAIL / ADMIN_PASSWORD) invites a person with the role of that code, who registers
   * through the invitation with a password of their own, as a new colleague would. Answers their e-mail,
   * password, admin token and the role's name.
   */
  const inviteAdmin = async (roleCode, { firstname = '测试', lastname = roleCode } = {}) => {
    const superToken = await adminToken(process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);
    const roles = must(await api('GET', '/admin/roles', { token: superToken }), 200, 'admin roles').data;
    const role = roles.find((r) => r.code === roleCode);
    expect(role, `no role with code ${roleCode} among ${roles.map((r) => r.code).join(', ')}`);
    const tag = Math.random().toString(36).slice(2, 8);
    const person = { email: `${roleCode}-${tag}@example.com`, password: `Pw${tag}X${Date.now() % 100000}`, firstname, lastname: `${lastname}${tag}` };
    const invited = must(
      await api('POST', '/admin/users', {
        token: superToken,
        body: { email: person.email, firstname: person.firstname, lastname: person.lastname, roles: [role.id] },
      }),
      201,
      `invite a ${roleCode}`,
    ).data;
    must(
      await api('POST', '/admin/register', {
        body: { registrationToken: invited.registrationToken, userInfo: { firstname: person.firstname, lastname: person.lastname, password: person.password } },
      }),
      200,
      `the ${roleCode} registers`,
    );
    return { ...person, id: invited.id, roleName: role.name, token: await adminToken(person.email, person.password), superToken };
  };

  /** The admin API refuses `token` on each of `calls` ([method, url, body?]) with 403: what another role owns. */
  const refused = async (token, calls) => {
    const wrong = [];
    for (const [method, url, body] of calls) {
      const answer = await api(method, url, { token, body });
      if (answer.status !== 403) wrong.push(`${method} ${url} answered ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    expect(wrong.length === 0, `expected 403:\n${wrong.join('\n')}`);
  };

  /** The admin speaks Chinese to anyone who has not chosen a language: the check reads the page as they do. */
  const chineseUi = async (page) => {
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    expect(lang === 'zh-Hans', `the admin's language is ${lang}, not zh-Hans`);
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

  return { BASE, step, expect, must, api, adminToken, inviteAdmin, refused, chineseUi, shoot, signIn, dismissOverlays, main };
};

module.exports = { adminCheck, BASE };
