/**
 * 内容编辑 Editor in a real browser (issue 19, run by `npm run test:admin`; grew out of issue 14's challenge
 * check): the super admin invites an editor, who registers and signs in to an admin that speaks Chinese;
 * creates a prize for the lottery and a challenge (habit template, Shanghai dates, rule, rewards, badge,
 * visibility), is refused a challenge that ends before it starts and a target that does not fit, edits it
 * after a mini-program user joined. Through the admin API the editor gets 403 on the orders, the
 * moderation queue, the redeem codes, the users and the shops.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://127.0.0.1:1337 node tests/admin/editor.js
 *
 * The server must run with WECHAT_MODE=fake (the joiner signs in with a fake WeChat code) and the demo content
 * (an active habit template titled TEMPLATE, 早起 by default). Each run makes a new challenge and prize (their
 * titles carry the run's time): run it against a scratch database. Screenshots: SHOTS_DIR editor-*.png.
 */
'use strict';

const path = require('node:path');
const { adminCheck } = require('./browser');

const {
  BASE,
  step,
  expect,
  must,
  api,
  inviteAdmin,
  refused,
  chineseUi,
  shoot,
  signIn: signInAs,
  dismissOverlays,
  main,
} = adminCheck({
  prefix: 'editor',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'test-output', 'admin')),
});
const TEMPLATE = process.env.TEMPLATE || '早起';
const JOINER_CODE = process.env.JOINER_CODE || `admin-check-${Date.now()}.1`;
const CHALLENGE_LIST = `${BASE}/admin/content-manager/collection-types/api::challenge.challenge`;
const PRIZE_LIST = `${BASE}/admin/content-manager/collection-types/api::prize.prize`;
const SAVE = /^(Save|保存)$/;
const CREATE_ENTRY = /create new entry|创建新条目/i;
let editor = null;

/** A local calendar day in `timeZone`, `days` after today: YYYY-MM-DD. */
const dayIn = (timeZone, days = 0) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10); // a calendar day computed in UTC on purpose: no zone is involved any more
};

/** The admin's date inputs take what its locale (zh-Hans) shows: YYYY/MM/DD. */
const typedDate = (isoDay) => isoDay.split('-').join('/');

const runTime = new Date().toISOString().slice(0, 16).replace('T', ' ');
const CHALLENGE = {
  title: `21 天早起挑战 (admin check ${runTime})`,
  description: '21 天里至少 14 天 7 点前起床。由 tests/admin/editor.js 在管理后台创建。',
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

const PRIZE = { name: `编辑新建的奖品 ${runTime}` };

/** Typed as the admin's locale shows dates; the picker takes the text when the field loses focus. */
const setDate = async (page, field, isoDay) => {
  const input = page.locator(`input[name="${field}"]`);
  await input.fill(typedDate(isoDay));
  await input.blur();
};

const choose = async (page, field, option) => {
  await page.locator(`[role=combobox][name="${field}"]`).click();
  // Options read "积分 points": the Chinese label, then the stored value.
  await page.getByRole('option', { name: new RegExp(`(^|\\s)${option}$`) }).click();
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
    page.getByRole('button', { name: SAVE }).click(),
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

const run = async (page) => {
  await step('the super admin invites a 内容编辑 Editor, who registers', async () => {
    editor = await inviteAdmin('content-editor', { firstname: '小编', lastname: '辑' });
  });

  await step('the editor signs in; the admin speaks Chinese', async () => {
    expect(editor, 'no editor');
    await signInAs(page, editor.email, editor.password);
    await dismissOverlays(page);
    await chineseUi(page);
  });

  await step('the editor creates a lottery prize (奖品 Prize) with stock and weight', async () => {
    await page.goto(`${PRIZE_LIST}/create`);
    await page.locator('input[name=name]').waitFor();
    await dismissOverlays(page);
    await page.locator('input[name=name]').fill(PRIZE.name);
    await page.locator('textarea[name=description]').fill('编辑在管理后台新建的奖品。');
    await choose(page, 'kind', 'points');
    await setNumber(page, 'amount', 66);
    await setNumber(page, 'weight', 5);
    await setNumber(page, 'stock', 20);
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/collection-types/api::prize.prize')),
      page.getByRole('button', { name: SAVE }).click(),
    ]);
    expect(response.status() === 201 || response.status() === 200, `saving the prize answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    await page.goto(PRIZE_LIST);
    await page.getByText(PRIZE.name).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, 'prizes');
  });

  await step('what other roles own answers 403: orders, moderation, redeem codes, users, shops', async () => {
    await refused(editor.token, [
      ['GET', '/mall/admin/orders'],
      ['GET', '/community/moderation/queue'],
      ['POST', '/gamification/redeem-batches', { kind: 'points', amount: 10, count: 1 }],
      ['GET', '/content-manager/collection-types/plugin::users-permissions.user'],
      ['POST', '/content-manager/collection-types/plugin::mall.merchant', { name: '新店' }],
      ['GET', '/content-manager/collection-types/api::order.order'],
    ]);
  });

  await step('Content Manager lists challenges under 挑战 Challenge', async () => {
    await page.goto(`${BASE}/admin/content-manager`);
    await page.getByRole('link', { name: '挑战 Challenge' }).click();
    await page.waitForURL((url) => url.pathname.includes('api::challenge.challenge'));
    await page.getByRole('link', { name: CREATE_ENTRY }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await dismissOverlays(page);
    await shoot(page, 'challenges');
  });

  await step('the create view labels every field, and shows the rule’s own numbers only', async () => {
    await page.getByRole('link', { name: CREATE_ENTRY }).first().click();
    await page.locator('input[name=title]').waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'edit-empty');
    const labels = await page.locator('form label').evaluateAll((nodes) => nodes.map((node) => node.textContent.replace(/\*$/, '').trim()));
    for (const label of [
      '标题 Title',
      '习惯模板 Habit template',
      '开始日期 Start date',
      '结束日期 End date',
      '规则 Rule',
      '目标天数 Target days',
      '完成奖励 Reward points',
      '徽章 Badge',
      '可见性 Visibility',
    ]) {
      expect(labels.includes(label), `no field labelled ${label} (labels: ${labels.join(', ')})`);
    }
    expect((await isShown(page, 'targetDays')) && !(await isShown(page, 'weeks')), 'daysOf: Target days shown, Weeks hidden');
    await choose(page, 'rule', 'weekly');
    expect(
      (await isShown(page, 'perWeek')) && (await isShown(page, 'weeks')) && !(await isShown(page, 'targetDays')),
      'weekly: Per week and Weeks shown, Target days hidden',
    );
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
    const want = {
      title: CHALLENGE.title,
      timezone: CHALLENGE.timezone,
      startDate: CHALLENGE.startDate,
      endDate: CHALLENGE.endDate,
      joinDeadline: CHALLENGE.joinDeadline,
      rule: CHALLENGE.rule,
      targetDays: CHALLENGE.targetDays,
      maxParticipants: CHALLENGE.maxParticipants,
      rewardPoints: CHALLENGE.rewardPoints,
      badge: CHALLENGE.badge,
      topK: CHALLENGE.topK,
      topPoints: CHALLENGE.topPoints,
      isOfficial: true,
    };
    for (const [field, value] of Object.entries(want))
      expect(found[field] === value, `${field}: ${JSON.stringify(found[field])}, expected ${JSON.stringify(value)}`);
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
      page.getByRole('button', { name: SAVE }).click(),
    ]);
    expect(response.status() === 200, `saving the edit answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    const after = await api('GET', `/api/challenges/${documentId}`, { token: joiner.token });
    expect(after.body.data.description.endsWith('（已更新）'), 'the edit is not in the content API');
    expect(after.body.data.participantsCount === 1, `participantsCount ${after.body.data.participantsCount} after the edit`);
    expect(
      after.body.data.habitTemplate && after.body.data.habitTemplate.title === TEMPLATE,
      `habitTemplate after the edit: ${JSON.stringify(after.body.data.habitTemplate)}`,
    );
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
