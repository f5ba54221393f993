/**
 * 审核员 Moderator in a real browser (issue 19, run by `npm run test:admin`): two posts a mini-program user
 * wrote wait for review (WeChat's text check said `review`); a moderator invited by the super admin signs in,
 * finds them on 社区审核, approves one and rejects the other with a note; the author's feed shows the one and
 * not the other. Through the admin API the moderator may read the users but not change them, and gets 403 on
 * the orders, the redeem codes, the prizes and the challenges.
 *
 *   ADMIN_EMAIL=... ADMIN_PASSWORD=... STRAPI_URL=http://127.0.0.1:1337 node tests/admin/moderator.js
 *
 * Needs a built admin on a running server with WECHAT_MODE=fake (its text check answers `review` to 待审)
 * and the demo content. Screenshots: SHOTS_DIR (test-output/admin by default) moderator-*.png.
 */
'use strict';

const path = require('node:path');
const { adminCheck } = require('./browser');

const { BASE, step, expect, must, api, inviteAdmin, refused, chineseUi, shoot, signIn, dismissOverlays, main } = adminCheck({
  prefix: 'moderator',
  shotsDir: path.resolve(process.env.SHOTS_DIR || path.join(__dirname, '..', '..', 'test-output', 'admin')),
});
const RUN = Date.now().toString(36);

const run = async (page) => {
  const posts = {};
  let author = null;
  let moderator = null;

  await step('a mini-program user writes two posts that WeChat sends for review (待审)', async () => {
    const login = must(await api('POST', '/api/wechat/login', { body: { code: `moderated-${RUN}.1` } }), 200, 'the author signs in');
    author = { token: login.data.jwt, id: login.data.user.id };
    const boards = must(await api('GET', '/api/community/boards'), 200, 'boards').data;
    for (const [key, title] of [
      ['approve', `早起打卡心得 ${RUN}`],
      ['reject', `求推荐减肥药 ${RUN}`],
    ]) {
      let made = null;
      for (const board of boards) {
        const answer = await api('POST', '/api/community/posts', {
          token: author.token,
          body: { board: board.slug, title, content: `这条帖子需要人工看一下（待审）。${RUN}` },
        });
        if (answer.status === 201) {
          made = answer.body;
          break;
        }
      }
      expect(made, `no board took the post (boards: ${boards.map((b) => b.slug).join(', ')})`);
      expect(made.meta.moderation === 'pending', `the post is ${made.meta.moderation}, not pending`);
      posts[key] = { documentId: made.data.documentId, title };
    }
  });

  await step('the super admin invites a 审核员 Moderator, who registers', async () => {
    moderator = await inviteAdmin('community-moderator', { firstname: '小审', lastname: '核' });
  });

  await step('the moderator signs in; the admin speaks Chinese', async () => {
    expect(moderator, 'no moderator');
    await signIn(page, moderator.email, moderator.password);
    await dismissOverlays(page);
    await chineseUi(page);
  });

  await step('社区审核 lists both posts in 待审核, oldest first', async () => {
    await page.goto(`${BASE}/admin/plugins/community`);
    await page.getByText(posts.reject.title).first().waitFor();
    await dismissOverlays(page);
    const text = await page.locator('main').innerText();
    expect(text.indexOf(posts.approve.title) < text.indexOf(posts.reject.title), 'the older post comes first');
    await shoot(page, 'queue');
  });

  /** Approve goes at once; reject asks for a note in a dialog first. Answers the server's decision. */
  const decide = async (key, action, note) => {
    const card = page
      .locator('main')
      .locator('div', { hasText: posts[key].title })
      .filter({ has: page.getByRole('button', { name: /通过/ }) })
      .last();
    const answered = page.waitForResponse((res) => res.url().includes(`/community/moderation/posts/${posts[key].documentId}/decision`));
    await card.getByRole('button', { name: action === 'approve' ? /^Approve 通过/ : /^Reject 驳回/ }).click();
    if (action !== 'approve') {
      const dialog = page.locator('[role=alertdialog], [role=dialog]').last();
      await dialog.waitFor();
      if (note) await dialog.locator('textarea').fill(note);
      await dialog.getByRole('button', { name: /^Reject 驳回$/ }).click();
    }
    const res = await answered;
    expect(res.status() === 200, `the decision answered ${res.status()}: ${await res.text()}`);
    const data = (await res.json()).data;
    posts[key].id = data.id;
    return data;
  };

  await step('the moderator approves one post: it is published', async () => {
    const decided = await decide('approve', 'approve');
    expect(decided.status === 'published', `status ${decided.status}`);
  });

  await step('the moderator rejects the other with a note: it is rejected and leaves the queue', async () => {
    const decided = await decide('reject', 'reject', '广告与药品推荐不允许发布');
    expect(decided.status === 'rejected', `status ${decided.status}`);
    await page.getByText(posts.reject.title).first().waitFor({ state: 'detached' });
    await shoot(page, 'after');
  });

  await step('readers see the approved post and not the rejected one', async () => {
    const shown = await api('GET', `/api/community/posts/${posts.approve.documentId}`);
    expect(shown.status === 200, `the approved post answered ${shown.status}`);
    const hidden = await api('GET', `/api/community/posts/${posts.reject.documentId}`);
    expect(hidden.status === 404, `the rejected post answered ${hidden.status} to a reader`);
  });

  await step('the decision log (审核记录) holds both decisions with the moderator’s note', async () => {
    const log = must(await api('GET', '/community/moderation/decisions?limit=10', { token: moderator.token }), 200, 'the decision log').data;
    const mine = log.filter((entry) => entry.targetType === 'post' && [posts.approve.id, posts.reject.id].includes(entry.targetId));
    const seen = mine.map((entry) => `${entry.targetId} ${entry.action} ${entry.note ?? ''}`.trim()).sort();
    const expected = [`${posts.approve.id} approve`, `${posts.reject.id} reject 广告与药品推荐不允许发布`].sort();
    expect(JSON.stringify(seen) === JSON.stringify(expected), `decisions ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
    expect(
      mine.every((entry) => entry.moderatorId === moderator.id),
      'each decision names the moderator',
    );
  });

  await step('the moderator may read the users, and change none of them', async () => {
    const users = await api('GET', '/content-manager/collection-types/plugin::users-permissions.user?page=1&pageSize=10', { token: moderator.token });
    expect(users.status === 200, `reading users answered ${users.status} ${users.text.slice(0, 200)}`);
    const someone = users.body.results.find((user) => user.id === author.id) ?? users.body.results[0];
    await refused(moderator.token, [
      ['PUT', `/content-manager/collection-types/plugin::users-permissions.user/${someone.documentId}`, { blocked: true }],
      ['DELETE', `/content-manager/collection-types/plugin::users-permissions.user/${someone.documentId}`],
    ]);
  });

  await step('what other roles own answers 403: orders, redeem codes, prizes, challenges', async () => {
    await refused(moderator.token, [
      ['GET', '/mall/admin/orders'],
      ['POST', '/gamification/redeem-batches', { kind: 'points', amount: 10, count: 1 }],
      ['POST', '/content-manager/collection-types/api::prize.prize', { name: 'x' }],
      ['POST', '/content-manager/collection-types/api::challenge.challenge', { title: 'x' }],
    ]);
  });
};

main(run).catch((error) => {
  process.stdout.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
