/**
 * Issue 16 in a real browser: an editor keeps the quit programme's milestones, the AI coach's budgets and its
 * FAQ in the admin panel, and a mini-program user's chat follows what they set.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://localhost:1337 npm run admin:check-coach
 *
 * Needs a built admin on a running server with WECHAT_MODE=fake (the chatter signs in with a fake WeChat code)
 * and no OPENAI_API_KEY (the fake coach answers). Run it against a scratch database: it adds an FAQ entry.
 * Screenshots go to docs/admin/coach-*.png (SHOTS_DIR overrides).
 */
'use strict';

const path = require('node:path');
const { adminCheck } = require('./browser');

const EMAIL = process.env.ADMIN_EMAIL;
const PASSWORD = process.env.ADMIN_PASSWORD;
const { BASE, step, expect, api, shoot, signIn, dismissOverlays, main } = adminCheck({
  prefix: 'coach',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'docs', 'admin')),
});
const runId = Date.now().toString(36);
const QUESTION = `戒烟后总是饿怎么办 ${runId}`;
const ANSWER = '戒烟后食欲变好很常见：准备些水果、无糖口香糖，三餐定时，多喝水，饿的感觉一般几周后会减弱。';

const run = async (page) => {
  await step('an editor signs in to the admin panel', () => signIn(page, EMAIL, PASSWORD));

  await step('the quit milestones are listed in their order, labelled in Chinese', async () => {
    await page.goto(`${BASE}/admin/content-manager/collection-types/plugin::quit.milestone`);
    await page.getByText('心率和血压下降至正常水平').first().waitFor();
    await dismissOverlays(page);
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    expect(text.indexOf('心率和血压下降至正常水平') < text.indexOf('冠心病风险降低一半'), 'milestones in their order');
    await shoot(page, 'milestones');
  });

  await step('the editor sets the VIP trial to 5 days in AI 教练额度', async () => {
    await page.goto(`${BASE}/admin/content-manager/single-types/plugin::ai-coach.setting`);
    const trial = page.locator('input[name=vipTrialDays]');
    await trial.waitFor();
    await dismissOverlays(page);
    const labels = await page.locator('form label').evaluateAll((nodes) => nodes.map((node) => node.textContent.replace(/\*$/, '').trim()));
    expect(labels.includes('VIP 体验天数 VIP trial days'), `labels: ${labels.join(', ')}`);
    await trial.fill('5');
    const saved = page.waitForResponse((res) => res.url().includes('plugin::ai-coach.setting') && ['PUT', 'POST'].includes(res.request().method()));
    await page.getByRole('button', { name: /^(save|保存)$/i }).click();
    const res = await saved;
    expect(res.status() < 300, `save answered ${res.status()}`);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'quotas');
  });

  await step('the editor adds a question to AI 常见问题', async () => {
    await page.goto(`${BASE}/admin/content-manager/collection-types/plugin::ai-coach.faq/create`);
    await page.locator('input[name=question]').waitFor();
    await dismissOverlays(page);
    await page.locator('input[name=question]').fill(QUESTION);
    await page.locator('textarea[name=answer]').fill(ANSWER);
    const saved = page.waitForResponse((res) => res.url().includes('plugin::ai-coach.faq') && res.request().method() === 'POST');
    await page.getByRole('button', { name: /^(save|保存)$/i }).click();
    const res = await saved;
    expect(res.status() < 300, `save answered ${res.status()}`);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'faq');
  });

  await step('a user asking that question gets the editor’s answer from the FAQ, at no cost', async () => {
    const login = await api('POST', '/api/wechat/login', { body: { code: `coach-check-${runId}.1` } });
    expect(login.status === 200, `sign-in answered ${login.status}: ${login.text}`);
    const token = login.body.data.jwt;
    const answer = await api('POST', '/api/ai/chat', { token, body: { message: `${QUESTION}？` } });
    expect(answer.status === 200, `chat answered ${answer.status}: ${answer.text}`);
    expect(answer.body.data.message.source === 'faq' && answer.body.data.message.content === ANSWER, `answer: ${JSON.stringify(answer.body.data.message)}`);
    expect(answer.body.data.quota.used === 0, `quota used ${answer.body.data.quota.used}`);
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
