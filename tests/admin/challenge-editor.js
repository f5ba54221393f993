/**
 * Issue 14 in a real browser: an editor creates a challenge in the admin panel, a mini-program user joins it.
 *
 * Drives the built admin of a running Strapi (`npm run build && npm run start`) with headless Chromium
 * (playwright-core), then checks over HTTP what the mini-program sees. Not a jest test (jest's testMatch
 * takes *.test.ts only): it needs a built admin and a server of its own. Issue 19 grows it into
 * `npm run test:admin`.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1337 npm run admin:check-challenges
 *
 * The server must run with WECHAT_MODE=fake (the joiner signs in with a fake WeChat code) and have an
 * active habit template titled TEMPLATE (the demo seed's 早起 by default). Each run makes a new challenge
 * (its title carries the run's time), so run it against a scratch database, not one editors use.
 * Screenshots go to docs/admin/challenge-*.png (SHOTS_DIR overrides); CHROMIUM_PATH says where Chromium is.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = (process.env.STRAPI_URL || 'http://localhost:1337').replace(/\/$/, '');
const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const TEMPLATE = process.env.TEMPLATE || '早起';
const JOINER_CODE = process.env.JOINER_CODE || `admin-check-${Date.now()}.1`;
const SHOTS = path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin'));
const CHALLENGE_LIST = `${BASE}/admin/content-manager/collection-types/api::challenge.challenge`;
// Tall enough that one screenshot holds the whole edit view (the admin scrolls inside its own panes).
const VIEWPORT = { width: 1440, height: 2400 };

/** A local calendar day in `timeZone`, `days` after today: YYYY-MM-DD. */
const dayIn = (timeZone, days = 0) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10); // a calendar day computed in UTC on purpose: no zone is involved any more
};

/** The admin's date inputs take what its locale (en) shows: MM/DD/YYYY. */
const typedDate = (isoDay) => {
  const [year, month, day] = isoDay.split('-');
  return `${month}/${day}/${year}`;
};

const runTime = new Date().toISOString().slice(0, 16).replace('T', ' ');
const CHALLENGE = {
  title: `21 天早起挑战 (admin check ${runTime})`,
  description: '21 天里至少 14 天 7 点前起床。由 tests/admin/challenge-editor.js 在管理后台创建。',
  timezone: 'Asia/Shanghai',
  startDate: dayIn('Asia/Shanghai', 1),
  endDate: dayIn('Asia/Shanghai', 21),
  joinDeadline: dayIn('Asia/Shanghai', 7),
  rule: 'daysOf',
  targetDays: 14,
  maxParticipants: 100,
  rewardPoints: 200,
  badge: '早起之星',
  topK: 3,
  topPoints: 50,
  visibility: 'everyone',
};

const results = [];
let openPage = null; // the browser page while the admin part runs: a failed check photographs it

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

/** The viewport down to the end of the admin's main pane (the rest of the tall viewport is empty). */
const shoot = async (page, name) => {
  const target = path.join(SHOTS, `challenge-${name}.png`);
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
    // left null: the assertion below shows the text
  }
  return { status: res.status, body: json, text };
};

// --- the admin panel --------------------------------------------------------------------------------

const signIn = async (page) => {
  await page.goto(`${BASE}/admin/auth/login`);
  await page.locator('input[name=email]').fill(EMAIL);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: 60_000 });
};

/** Strapi's announcement banner and its first-visit guided tour cover the views; an editor closes them once. */
const dismissOverlays = async (page) => {
  for (const button of [page.getByRole('button', { name: 'Skip', exact: true }), page.getByRole('button', { name: 'Close the banner.' })]) {
    if (await button.first().isVisible().catch(() => false)) await button.first().click();
  }
};

/** Typed as the admin's locale shows dates; the picker takes the text when the field loses focus. */
const setDate = async (page, field, isoDay) => {
  const input = page.locator(`input[name="${field}"]`);
  await input.fill(typedDate(isoDay));
  await input.blur();
};

const choose = async (page, field, option) => {
  await page.locator(`[role=combobox][name="${field}"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

const setNumber = async (page, field, value) => {
  await page.locator(`input[name="${field}"]`).fill(String(value));
};

const pickRelation = async (page, field, title) => {
  const input = page.locator(`input[name="${field}"]`);
  await input.click();
  await input.fill(title);
  await page.getByRole('option', { name: title, exact: true }).first().click();
};

/**
 * Opens a new challenge, fills it in and saves it, as an editor does; answers what the server said to
 * the admin's request (status and body), whatever it was.
 */
const createInAdmin = async (page, challenge) => {
  await page.goto(`${CHALLENGE_LIST}/create`);
  await page.locator('input[name=title]').waitFor();
  await dismissOverlays(page);
  await fillChallenge(page, challenge);
  const [response] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/collection-types/api::challenge.challenge')),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  return { status: response.status(), body: await response.json().catch(() => null) };
};

/** The error texts the editor sees under the fields. */
const fieldErrors = async (page) =>
  page.locator('[data-strapi-field-error]').evaluateAll((nodes) => nodes.map((node) => node.textContent.trim()).filter(Boolean));

/** A refused save: a 400 from the server, the form still open, and the reason under the field it is about. */
const expectRefused = async (page, outcome, field, reason) => {
  expect(outcome.status === 400, `the server saved it (${outcome.status}): ${JSON.stringify(outcome.body).slice(0, 300)}`);
  const message = outcome.body && outcome.body.error ? outcome.body.error.message : '';
  expect(reason.test(message), `refused for another reason: ${message}`);
  const under = page.locator(`[data-strapi-field-error]`).filter({ hasText: reason });
  await under.first().waitFor({ timeout: 10_000 });
  const errors = await fieldErrors(page);
  expect(page.url().endsWith('/create'), `the form left the create view: ${page.url()}`);
  const fieldHint = await page.locator(`input[name="${field}"]`).getAttribute('aria-describedby');
  expect(fieldHint && fieldHint.endsWith('-error'), `no error under ${field} (errors shown: ${errors.join(' | ')})`);
};

const fillChallenge = async (page, challenge) => {
  await page.locator('input[name=title]').fill(challenge.title);
  await page.locator('textarea[name=description]').fill(challenge.description);
  await pickRelation(page, 'habitTemplate', TEMPLATE);
  await page.locator('input[name=timezone]').fill(challenge.timezone);
  await setDate(page, 'startDate', challenge.startDate);
  await setDate(page, 'endDate', challenge.endDate);
  await setDate(page, 'joinDeadline', challenge.joinDeadline);
  await choose(page, 'rule', challenge.rule);
  await setNumber(page, 'targetDays', challenge.targetDays);
  await setNumber(page, 'maxParticipants', challenge.maxParticipants);
  await setNumber(page, 'rewardPoints', challenge.rewardPoints);
  await page.locator('input[name=badge]').fill(challenge.badge);
  await setNumber(page, 'topK', challenge.topK);
  await setNumber(page, 'topPoints', challenge.topPoints);
  await choose(page, 'visibility', challenge.visibility);
};

/** Opens a saved challenge's edit view, with its relations loaded (they arrive after the form). */
const openInAdmin = async (page, documentId) => {
  await page.goto(`${CHALLENGE_LIST}/${documentId}`);
  await page.locator('input[name=title]').waitFor();
  await dismissOverlays(page);
  await page.waitForLoadState('networkidle');
};

const isShown = (page, field) => page.locator(`[name="${field}"]`).first().isVisible();

// --- the run ----------------------------------------------------------------------------------------

const main = async () => {
  expect(EMAIL && PASSWORD, 'Set ADMIN_EMAIL and ADMIN_PASSWORD (a super admin of the server at STRAPI_URL)');
  fs.mkdirSync(SHOTS, { recursive: true });
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
};

const run = async (page) => {
  await step('an editor signs in to the admin panel', () => signIn(page));

  await step('Content Manager lists challenges under 挑战 Challenge', async () => {
    await page.goto(`${BASE}/admin/content-manager`);
    await page.getByRole('link', { name: '挑战 Challenge' }).click();
    await page.waitForURL((url) => url.pathname.includes('api::challenge.challenge'));
    await page.getByRole('link', { name: /create new entry/i }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await dismissOverlays(page);
    await shoot(page, 'list');
  });

  await step('the create view labels every field, and shows the rule’s own numbers only', async () => {
    await page.getByRole('link', { name: /create new entry/i }).first().click();
    await page.locator('input[name=title]').waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'edit-empty');
    const labels = await page.locator('form label').evaluateAll((nodes) => nodes.map((node) => node.textContent.replace(/\*$/, '').trim()));
    for (const label of ['标题 Title', '习惯模板 Habit template', '开始日期 Start date', '结束日期 End date', '规则 Rule', '目标天数 Target days', '完成奖励 Reward points', '徽章 Badge', '可见性 Visibility']) {
      expect(labels.includes(label), `no field labelled ${label} (labels: ${labels.join(', ')})`);
    }
    expect((await isShown(page, 'targetDays')) && !(await isShown(page, 'weeks')), 'daysOf: Target days shown, Weeks hidden');
    await choose(page, 'rule', 'weekly');
    expect((await isShown(page, 'perWeek')) && (await isShown(page, 'weeks')) && !(await isShown(page, 'targetDays')), 'weekly: Per week and Weeks shown, Target days hidden');
    expect(!(await isShown(page, 'region')), 'Region shown while visibility is everyone');
    expect(await page.locator('input[name=participantsCount]').isDisabled(), 'Participants is editable');
  });

  await step('the admin refuses a challenge that ends before it starts, under 结束日期 End date', async () => {
    const outcome = await createInAdmin(page, { ...CHALLENGE, startDate: CHALLENGE.endDate, endDate: CHALLENGE.startDate, joinDeadline: CHALLENGE.startDate });
    await expectRefused(page, outcome, 'endDate', /before/i);
    await shoot(page, 'error-end-before-start');
  });

  await step('the admin refuses a daysOf target that does not fit the window, under 目标天数 Target days', async () => {
    const outcome = await createInAdmin(page, { ...CHALLENGE, endDate: dayIn('Asia/Shanghai', 7), joinDeadline: dayIn('Asia/Shanghai', 7), targetDays: 30 });
    await expectRefused(page, outcome, 'targetDays', /fit/i);
    await shoot(page, 'error-target-too-long');
  });

  const documentId = await step('an editor creates a challenge: habit template, Shanghai dates, rule, rewards, badge, visibility', async () => {
    const outcome = await createInAdmin(page, CHALLENGE);
    expect(outcome.status === 201 || outcome.status === 200, `saving answered ${outcome.status}: ${JSON.stringify(outcome.body).slice(0, 300)}`);
    const id = outcome.body && outcome.body.data && outcome.body.data.documentId;
    expect(id, `no documentId in the answer: ${JSON.stringify(outcome.body).slice(0, 300)}`);
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 20_000 });
    await openInAdmin(page, id);
    await page.locator('form').getByText(TEMPLATE, { exact: true }).first().waitFor(); // the linked template, loaded after the form
    await shoot(page, 'edit-filled');
    return id;
  });

  await step('the new challenge shows in the admin list', async () => {
    await page.goto(CHALLENGE_LIST);
    await page.getByText(CHALLENGE.title).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, 'list-after');
  });

  const listed = await step('GET /api/challenges lists it with the editor’s terms', async () => {
    expect(documentId, 'the admin did not create the challenge');
    let found = null;
    for (let cursor = null, pages = 0; !found && pages < 20; pages += 1) {
      const res = await api('GET', `/api/challenges?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status === 200, `GET /api/challenges answered ${res.status}: ${res.text.slice(0, 300)}`);
      found = res.body.data.find((item) => item.documentId === documentId) || null;
      cursor = res.body.meta.next;
      if (!cursor) break;
    }
    expect(found, `challenge ${documentId} is not in the list`);
    const want = { title: CHALLENGE.title, timezone: CHALLENGE.timezone, startDate: CHALLENGE.startDate, endDate: CHALLENGE.endDate, joinDeadline: CHALLENGE.joinDeadline, rule: CHALLENGE.rule, targetDays: CHALLENGE.targetDays, maxParticipants: CHALLENGE.maxParticipants, rewardPoints: CHALLENGE.rewardPoints, badge: CHALLENGE.badge, topK: CHALLENGE.topK, topPoints: CHALLENGE.topPoints, isOfficial: true };
    for (const [field, value] of Object.entries(want)) expect(found[field] === value, `${field}: ${JSON.stringify(found[field])}, expected ${JSON.stringify(value)}`);
    expect(found.habitTemplate && found.habitTemplate.title === TEMPLATE, `habitTemplate: ${JSON.stringify(found.habitTemplate)}`);
    expect(found.joinable === true, `not joinable: phase ${found.phase}`);
    return found;
  });

  const joiner = await step('a mini-program user signs in with WeChat and joins it', async () => {
    expect(listed, 'the challenge is not listed');
    const login = await api('POST', '/api/wechat/login', { body: { code: JOINER_CODE } });
    expect(login.status === 200, `POST /api/wechat/login answered ${login.status} (is the server running with WECHAT_MODE=fake?): ${login.text.slice(0, 300)}`);
    const token = login.body.data.jwt;
    const join = await api('POST', `/api/challenges/${documentId}/join`, { token, body: {} });
    expect(join.status === 200 || join.status === 201, `join answered ${join.status}: ${join.text.slice(0, 300)}`);
    const mine = await api('GET', `/api/challenges/${documentId}`, { token });
    expect(mine.status === 200, `GET /api/challenges/${documentId} answered ${mine.status}`);
    expect(mine.body.data.me && mine.body.data.me.status === 'active', `me: ${JSON.stringify(mine.body.data.me)}`);
    expect(mine.body.data.participantsCount === 1, `participantsCount ${mine.body.data.participantsCount}`);
    return { token };
  });

  await step('an editor edits it after the join: saved, the template still linked, the participant still counted', async () => {
    expect(joiner, 'nobody joined');
    await openInAdmin(page, documentId);
    await page.locator('textarea[name=description]').fill(`${CHALLENGE.description}（已更新）`);
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'PUT' && new URL(res.url()).pathname.endsWith(`/api::challenge.challenge/${documentId}`)),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(response.status() === 200, `saving the edit answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    const after = await api('GET', `/api/challenges/${documentId}`, { token: joiner.token });
    expect(after.body.data.description.endsWith('（已更新）'), 'the edit is not in the content API');
    expect(after.body.data.participantsCount === 1, `participantsCount ${after.body.data.participantsCount} after the edit`);
    expect(after.body.data.habitTemplate && after.body.data.habitTemplate.title === TEMPLATE, `habitTemplate after the edit: ${JSON.stringify(after.body.data.habitTemplate)}`);
  });
};

main()
  .catch((error) => {
    process.stdout.write(`FAIL  ${error && error.message ? error.message : error}\n`);
    results.push({ promise: 'the run itself', ok: false });
  })
  .finally(() => {
    const failed = results.filter((result) => !result.ok).length;
    process.stdout.write(`\n${results.length - failed} of ${results.length} checks passed; screenshots in ${path.relative(process.cwd(), SHOTS)}/\n`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
