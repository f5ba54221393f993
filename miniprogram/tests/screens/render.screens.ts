/**
 * The main screens rendered by miniprogram-simulate with made-up answers, written as standalone HTML
 * (the DOM, the components' compiled wxss that simulate inserts, the page's and the app's wxss, and a
 * few base styles for the wx-* tags) for shoot.js to photograph. rpx becomes px one to one, so a screen
 * is 750 px wide, like a phone screenshot at 2x.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getApi } from '../../api';
import { createdView } from '../../logic/challenge-create';
import { outcomeOfDraw } from '../../logic/lottery';
import { upsellFrom } from '../../logic/leaderboard';
import { installApp, ok, renderPage, settle } from '../helpers/page';
import { MINIPROGRAM_ROOT, renderComponent, type SimNode } from '../helpers/simulate';
import type { WxCall } from '../helpers/wx-double';
import { badge, boardPage, challenge, codeRefused, created, detail as challengeDetail, entry as boardEntry, envelope, listPage, participation, place, template, templatesPage } from '../helpers/challenge-fixtures';
import { categories as mallCategories, order as mallOrder, ORDER_NO, orderSummary, product as mallProduct, productSummary } from '../helpers/mall-fixtures';
import { CART_KEY, CHECKOUT_KEY, cartItemOf } from '../../logic/mall';
import { board as communityBoard, comment, feedPage, notification, notificationsPage, NOW, post, reply, thread, threadsPage } from '../helpers/community-fixtures';

const OUT = path.join(__dirname, 'html');

const BASE_CSS = `
html, body { margin: 0; padding: 0; }
body.screen { min-height: 1334px; }
body.part { padding: 8px 0; }
body { width: 750px; background: #f6f7f9; color: #1f2329; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Color Emoji', sans-serif; font-size: 28px; line-height: 1.5; }
wx-scroll-view { display: block; min-width: 0; overflow-x: auto; scrollbar-width: none; }
wx-view, wx-picker, wx-form, wx-label, wx-switch, state-view, check-in-card, heatmap, lottery-result, leaderboard-list, post-card, report-sheet, challenge-card { display: block; }
wx-text { display: inline; }
wx-button { display: block; box-sizing: border-box; margin: 0 auto; padding: 0 28px; font-size: 32px; line-height: 88px; text-align: center; border-radius: 10px; background: #f8f8f8; }
wx-image { display: inline-block; overflow: hidden; }
wx-input, wx-textarea { display: block; }
`;

const rpx = (css: string) => css.replace(/(\d+(\.\d+)?)rpx/g, '$1px');
const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/**
 * Every component's wxss with its classes prefixed as simulate renders them (`.card` -> `.check-in-card--card`),
 * by simulate's own wxss compiler (it inserts them only for components rendered on their own).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wxss = require('miniprogram-simulate/src/wxss') as { compile(css: string, options: { prefix: string }): string };
const COMPONENT_CSS = fs
  .readdirSync(path.join(MINIPROGRAM_ROOT, 'components'))
  .map((name: string) => rpx(wxss.compile(read(path.join(MINIPROGRAM_ROOT, 'components', name, 'index.wxss')), { prefix: name })))
  .join('\n');

/** One screen: everything simulate put in <head> plus the page's own styles, and the rendered node. */
const save = (name: string, node: SimNode, pageName?: string) => {
  const pageCss = pageName ? rpx(read(path.join(MINIPROGRAM_ROOT, 'pages', pageName, 'index.wxss'))) : '';
  const appCss = rpx(read(path.join(MINIPROGRAM_ROOT, 'app.wxss'))).replace(/^page\s*\{/m, 'body {');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${BASE_CSS}\n${appCss}\n${COMPONENT_CSS}\n${pageCss}</style></head><body class="${pageName ? 'screen' : 'part'}">${node.dom.outerHTML}</body></html>`;
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.html`), html);
  return html;
};

const route = (routes: Record<string, unknown>) => (call: WxCall) => {
  const found = Object.entries(routes).find(([prefix]) => call.path.startsWith(prefix));
  return found ? ok(found[1]) : { status: 404, body: null };
};

const entries = ['晨跑小王', '阿强', '小明', '读书的猫', '早睡早起', '坚持就是胜利', '星星', '阿花'].map((nickname, i) => ({
  rank: i + 1, nickname, avatar: null, score: 96 - i * 7, reachedAt: '2026-11-01T00:00:00.000Z', isMe: nickname === '小明',
}));
const board = { metric: 'total-days', scope: 'province', region: '广东省', period: { kind: 'all', id: 'all', startsOn: null, endsOn: null } };

it('renders the main screens', async () => {
  installApp(
    route({
      '/api/me/stats': {
        data: {
          localDate: '2026-12-04', totalDays: 45, totalCheckIns: 112, consecutiveDays: 12, longestStreakDays: 21,
          rank: { key: 'gold', name: '荣耀黄金', stars: 15, minDays: 31, maxDays: 60, nextAt: 61 },
          last7Days: ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((date, i) => ({ date, count: [2, 3, 1, 3, 2, 3, 1][i] })),
          completionRate: 0.8421, habits: { active: 3, archived: 1 }, pointsBalance: 860, makeupCards: 4, diaries: { consecutiveDays: 3, totalDays: 18 },
        },
        meta: {},
      },
      '/api/leaderboards/total-days/me': { data: { rank: 3, score: 82, reachedAt: '2026-11-01T00:00:00.000Z', total: 1268, percentile: 99.8, above: [], below: [] }, meta: { board } },
      '/api/leaderboards/total-days': { data: entries, meta: { board, pagination: { limit: 20, offset: 0, total: 1268 } } },
      '/api/lottery/prizes': {
        data: [
          { documentId: 'p1', name: '100 积分', description: null, kind: 'points', amount: 100, weight: 5, stock: -1, available: true },
          { documentId: 'p2', name: '补签卡', description: null, kind: 'makeupCard', amount: 1, weight: 10, stock: 8, available: true },
          { documentId: 'p3', name: 'VIP 7 天', description: null, kind: 'vipDays', amount: 7, weight: 2, stock: 3, available: true },
          { documentId: 'p4', name: '保温杯', description: null, kind: 'physical', amount: 1, weight: 1, stock: 0, available: false },
          { documentId: 'p5', name: '20 积分', description: null, kind: 'points', amount: 20, weight: 20, stock: -1, available: true },
          { documentId: 'p6', name: '10 积分', description: null, kind: 'points', amount: 10, weight: 30, stock: -1, available: true },
        ],
        meta: { cost: 20, drawsPerDay: 5, drawsLeftToday: 4, noPrize: '谢谢参与' },
      },
      '/api/points/balance': { data: { balance: 860, earned: 1240, spent: 380 }, meta: {} },
      '/api/lottery/records': { data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 0, total: 0 } } },
      '/api/me/badges': envelope([badge(1), badge(2, { name: '读书之星', icon: '📚' }), badge(3, { name: '运动健将', icon: '🏃' })]),
      '/api/me': {
        data: {
          id: 7, documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: '广东省', city: '深圳市', district: '南山区',
          showInRanking: true, membershipTier: 'vip', membershipExpiresAt: '2027-01-31T16:00:00.000Z', pointsBalance: 860, makeupCards: 4, phoneMasked: '138****0000', smokingSettings: null,
          totalCheckInDays: 45, consecutiveDays: 12, lastCheckInDate: '2026-12-04', lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
        },
        meta: {},
      },
      '/api/tasks': {
        data: [
          { documentId: 't1', localDate: '2026-12-04', title: '阅读 20 分钟', description: '读完一章', category: 'reading', points: 10, isSystem: true, completed: true, completedAt: null },
          { documentId: 't2', localDate: '2026-12-04', title: '运动 30 分钟', description: null, category: 'sport', points: 10, isSystem: true, completed: false, completedAt: null },
          { documentId: 't3', localDate: '2026-12-04', title: '帮家人做一件事', description: null, category: 'kindness', points: 5, isSystem: true, completed: false, completedAt: null },
          { documentId: 't4', localDate: '2026-12-04', title: '背 20 个单词', description: null, category: 'study', points: 2, isSystem: false, completed: false, completedAt: null },
        ],
        meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 4 } },
      },
    }),
  );

  const stats = renderPage('stats');
  stats.instance.onShow();
  const leaderboard = renderPage('leaderboard');
  leaderboard.instance.onLoad({});
  const lottery = renderPage('lottery');
  lottery.instance.onLoad({});
  const me = renderPage('me');
  me.instance.onShow();
  const rewards = renderPage('rewards');
  rewards.instance.onShow();
  const tasks = renderPage('tasks');
  tasks.instance.onLoad({});
  await settle(40);
  expect(save('stats', stats, 'stats')).toContain('荣耀黄金');
  expect(save('leaderboard', leaderboard, 'leaderboard')).toContain('小明（我）');
  expect(save('lottery', lottery, 'lottery')).toContain('保温杯');
  expect(save('me', me, 'me')).toContain('VIP 会员');
  expect(save('rewards', rewards, 'rewards')).toContain('860');
  expect(save('tasks', tasks, 'tasks')).toContain('已完成 1 / 4');

  lottery.setData({
    outcome: outcomeOfDraw({
      data: { documentId: 'd1', isWinner: true, prize: { documentId: 'p2', name: '补签卡', kind: 'makeupCard', amount: 1 }, prizeName: '补签卡', cost: 20, localDate: '2026-12-04' },
      meta: { balance: 840, drawsLeftToday: 3 },
    }),
  });
  await settle();
  expect(save('lottery-result', lottery, 'lottery')).toContain('恭喜中奖');

  leaderboard.setData({
    entries: [],
    me: null,
    upsell: upsellFrom({ status: 403, message: '', details: { reason: 'membership_required', scope: 'national', required: ['vip', 'ai'], current: 'free' } }),
    scope: 'national',
    boardNote: '',
  });
  await settle();
  expect(save('leaderboard-upsell', leaderboard, 'leaderboard')).toContain('全国排行榜仅对会员开放');
});

it('renders the components on their own', async () => {
  const year = Array.from({ length: 365 }, (_, i) => ({
    date: new Date(Date.UTC(2025, 11, 5) + i * 86_400_000).toISOString().slice(0, 10),
    count: (i * 7919) % 11 < 4 ? 0 : ((i * 31) % 3) + 1,
  }));
  expect(save('heatmap', renderComponent('heatmap', { days: year, title: '早起 · 近一年' }))).toContain('heatmap');
  const cards = document.createElement('div');
  for (const properties of [
    { habitId: 'h1', title: '早起', checkedIn: false },
    { habitId: 'h2', title: '读书 30 分钟', checkedIn: true, streak: 12, streakUnit: 'days', pointsWon: 10 },
    { habitId: 'h3', title: '跑步', checkedIn: true, streak: 3, streakUnit: 'weeks', pointsWon: 60 },
    { habitId: 'h4', title: '喝水 8 杯', checkedIn: true, pending: true },
  ]) {
    cards.appendChild(renderComponent('check-in-card', properties).dom.cloneNode(true));
  }
  expect(save('check-in-card', { dom: cards } as unknown as SimNode)).toContain('离线已记录');
});

/** A picture for the screens (the fixtures' URLs point at a server that is not there): a coloured tile. */
const picture = (n: number) => {
  const colours = ['#86efac', '#93c5fd', '#fcd34d', '#f9a8d4', '#c4b5fd', '#fdba74'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><rect width="300" height="300" fill="${colours[n % colours.length]}"/><circle cx="150" cy="130" r="60" fill="white" opacity="0.6"/></svg>`;
  const url = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  return { documentId: `image${String(n).padStart(5, '0')}`, url, width: 300, height: 300, thumbnailUrl: url };
};

/** simulate renders <image> without its src: paint the pictures in for the photograph. */
const paint = (nodes: SimNode[], urls: string[]) =>
  nodes.forEach((node, i) => {
    if (urls[i]) Object.assign(node.dom.style, { backgroundImage: `url("${urls[i]}")`, backgroundSize: 'cover' });
  });

it('renders the community screens', async () => {
  const streak = { kind: 'habit' as const, documentId: 'habit00001', title: '早起', localDate: null, currentStreak: 12, longestStreak: 21, totalCheckIns: 112 };
  const feed = feedPage(
    [
      post(1, { title: '早起第 12 天', content: '六点起床，跑了 3 公里，天气正好。坚持的感觉真好！', images: [picture(1), picture(2), picture(3)], link: streak, likeCount: 36, commentCount: 8, liked: true }),
      post(2, { title: null, content: '有没有一起背单词的？每天 50 个，互相监督 📚', author: { documentId: null, nickname: '匿名用户', avatar: null, anonymous: true }, likeCount: 12, commentCount: 3 }),
      post(3, { title: '图书馆几点开门', content: '周末图书馆开吗？想去自习。', images: [picture(4)], likeCount: 2, commentCount: 5 }),
    ],
    'more',
    [post(9, { title: '版规：友善交流，禁止广告', content: '发帖前请阅读版规，违规内容会被隐藏。', pinned: true, author: { documentId: 'editor0001', nickname: '版主', avatar: null, anonymous: false }, likeCount: 120, commentCount: 0, viewCount: 5600 })],
  );
  const detail = post(1, { title: '早起第 12 天', content: '六点起床，跑了 3 公里，天气正好。\n坚持的感觉真好！明天继续 💪', images: [picture(1), picture(2), picture(3)], link: streak, likeCount: 36, commentCount: 8, viewCount: 410 });
  const threads = threadsPage([
    thread(1, [reply(2, 1, { content: '我也想早起，求方法' }), reply(3, 1, { content: '前一天晚上 11 点前睡就行', replyToName: '评论者2', likeCount: 4 })], { content: '太厉害了，坚持住！', likeCount: 6, replyCount: 4 }),
    thread(5, [reply(6, 5, { content: '我在', author: { documentId: 'user000106', nickname: '阿强', avatar: null, anonymous: false } })], { deleted: true, content: '该评论已删除', author: null }),
    thread(7, [], { content: '明天一起跑步吗？', mine: true, author: { documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, anonymous: false } }),
  ]);
  const notifications = notificationsPage(
    [
      notification(1, { kind: 'approved', text: '你的帖子「早起第 12 天」已通过审核', actorName: null }),
      notification(2, { kind: 'liked', text: '阿强 赞了你的帖子' }),
      notification(3, { kind: 'replied', text: '读书的猫 回复了你：前一天晚上 11 点前睡就行', read: true }),
      notification(4, { kind: 'rejected', text: '你的帖子未通过审核：含有广告信息', actorName: null, read: true }),
      notification(5, { kind: 'commented', text: '星星 评论了你的帖子：加油！', read: true }),
    ],
    2,
  );
  installApp(
    (call: WxCall) => {
      if (call.path.startsWith('/api/community/boards/campus/posts')) return ok(feed);
      if (call.path.startsWith('/api/community/posts/post000001/comments')) return ok(threads);
      if (call.path === '/api/community/posts/post000001') return ok({ data: detail, meta: {} });
      if (call.path === '/api/community/boards') return ok({ data: [communityBoard(), communityBoard({ documentId: 'board00002', slug: 'habits', name: '打卡圈' })], meta: {} });
      if (call.path.startsWith('/api/community/notifications')) return ok(notifications);
      if (call.path.startsWith('/api/habits')) return ok({ data: [{ id: 1, documentId: 'habit00001', title: '早起' }], meta: { pagination: { page: 1, pageSize: 25, pageCount: 1, total: 1 } } });
      return { status: 404, body: null };
    },
    { now: () => NOW },
  );

  const feedPageView = renderPage('community-feed');
  feedPageView.instance.onLoad({ board: 'campus', name: '校园', canPost: '1' });
  const postView = renderPage('community-post');
  postView.instance.onLoad({ id: 'post000001' });
  const writeView = renderPage('community-write');
  writeView.instance.onLoad({ board: 'campus' });
  const notificationsView = renderPage('community-notifications');
  notificationsView.instance.onLoad();
  await settle(40);
  const shown = [...feed.meta.pinned, ...feed.data];
  feedPageView.querySelectorAll('.card').forEach((card, i) => paint(card.querySelectorAll('.cell'), shown[i].images.map((each) => each.url)));
  paint(postView.querySelectorAll('.cell'), detail.images.map((each) => each.url));
  expect(save('community-feed', feedPageView, 'community-feed')).toContain('版规');
  postView.instance.onReply({ currentTarget: { dataset: { id: 'comment003' } } });
  await settle();
  expect(save('community-post', postView, 'community-post')).toContain('该评论已删除');
  expect(save('community-notifications', notificationsView, 'community-notifications')).toContain('2 条未读');

  writeView.instance.onTitle({ detail: { value: '早起第 12 天' } });
  writeView.instance.onContent({ detail: { value: '六点起床，跑了 3 公里，天气正好。坚持的感觉真好！' } });
  writeView.instance.onHabit({ detail: { value: '1' } });
  const slots = [1, 2, 3, 4].map((n) => ({ key: `k${n}`, path: picture(n).url, state: 'done' as const, progress: 100, documentId: `image0000${n}`, error: '' }));
  slots[2] = { ...slots[2], state: 'uploading' as never, progress: 60 };
  slots[3] = { ...slots[3], state: 'failed' as never, progress: 0, error: '上传太频繁，请稍后再试' };
  writeView.instance.refresh(writeView.instance.data.form, slots);
  await settle();
  paint(writeView.querySelectorAll('.image-picture'), slots.map((slot) => slot.path));
  // Native inputs are not rendered with their value: write it in for the photograph.
  const form = writeView.instance.data.form as { title: string; content: string };
  writeView.querySelector('.title-input')!.dom.textContent = form.title;
  writeView.querySelector('.content-input')!.dom.textContent = form.content;
  expect(save('community-write', writeView, 'community-write')).toContain('60%');
});

it('renders the challenge screens', async () => {
  const mine = participation({ daysDone: 9, streak: 4, bestStreak: 6, entryPaid: 0 });
  const list = listPage([
    challenge(1, { me: mine, participantsCount: 1268 }),
    challenge(2, { title: '每周运动 3 次', description: '每周至少运动 3 天，跑步、游泳、球类都算。', habitTemplate: { documentId: 'tmpl000002', title: '运动', icon: '🏃' }, rule: 'weekly', targetDays: 12, perWeek: 3, weeks: 4, phase: 'upcoming', startDate: '2026-12-07', endDate: '2027-01-03', joinDeadline: '2026-12-06', entryCost: 30, rewardPoints: 200, badge: '运动健将', topK: 0, maxParticipants: 500, participantsCount: 321 }),
    challenge(3, { title: '读书 30 天', habitTemplate: { documentId: 'tmpl000003', title: '读书', icon: '📚' }, rule: 'streak', targetDays: 30, startDate: '2026-11-01', endDate: '2026-11-30', phase: 'ended', joinable: false, badge: '读书之星', topK: 0, me: participation({ status: 'completed', daysDone: 30, daysNeeded: 30, reachedAt: '2026-11-30T12:00:00.000Z', finishRank: 18, rewards: [{ kind: 'completion', points: 100 }] }) }),
    challenge(4, { title: '宿舍早睡小分队', habitTemplate: { documentId: 'tmpl000004', title: '早睡', icon: '🌙' }, isOfficial: false, entryCost: 10, rewardPoints: 0, badge: null, topK: 0, participantsCount: 6, maxParticipants: 10 }),
  ]);
  const names = ['晨跑小王', '阿强', '读书的猫', '早睡早起', '坚持就是胜利', '星星', '阿花', '小鹿', '大白', '向日葵'];
  const top = boardPage(names.map((nickname, i) => boardEntry(i + 1, { nickname, daysDone: Math.max(9, 14 - i), reachedAt: i < 2 ? '2026-12-03T23:00:00.000Z' : null })), 1268);
  const myPlace = place({ rank: 23, daysDone: 9, total: 1268, around: [boardEntry(22, { nickname: '橙子', daysDone: 9 }), boardEntry(23, { nickname: '小明', daysDone: 9, isMe: true }), boardEntry(24, { nickname: '木木', daysDone: 8 })] });
  const joined = challengeDetail(1, { me: mine, participantsCount: 1268 });
  const upcoming = { ...list.data[1], rules: '挑战时间：12月7日 至 2027年1月3日（北京时间）\n从开始日起每 7 天为一周，共 4 周，每周打卡至少 3 天即完成\n报名需 30 积分，开始前退出全额退还，开始后退出不退还' };
  installApp(
    (call: WxCall) => {
      const path = call.path.split('?')[0];
      if (path === '/api/challenges') return ok(list);
      if (path === `/api/challenges/${joined.documentId}`) return ok(envelope(joined));
      if (path === `/api/challenges/${upcoming.documentId}`) return ok(envelope(upcoming));
      if (path.endsWith('/board/me')) return ok(envelope(myPlace));
      if (path === `/api/challenges/${joined.documentId}/board`) return ok(top);
      if (path.endsWith('/board')) return ok(boardPage([]));
      if (path === '/api/me/challenges') return ok(envelope([{ challenge: list.data[0] }, { challenge: { ...list.data[3], me: participation({ daysDone: 2, daysNeeded: 14, entryPaid: 10 }) } }]));
      return { status: 404, body: null };
    },
    { now: () => NOW },
  );
  const listView = renderPage('challenges');
  listView.instance.onShow();
  const detailView = renderPage('challenge');
  detailView.instance.onLoad({ id: joined.documentId });
  detailView.instance.onShow();
  const joinView = renderPage('challenge');
  joinView.instance.onLoad({ id: upcoming.documentId });
  joinView.instance.onShow();
  const myView = renderPage('my-challenges');
  myView.instance.onShow();
  await settle(40);
  // simulate renders no placeholder: write it in, in the placeholder's grey.
  const codeInput = listView.querySelector('.code-input');
  if (codeInput) Object.assign(codeInput.dom, { textContent: '输入好友的邀请码' }).style.color = '#b0b5bd';
  expect(save('challenges', listView, 'challenges')).toContain('21 天早起挑战');
  expect(save('challenge', detailView, 'challenge')).toContain('第 23 名');
  expect(save('challenge-join', joinView, 'challenge')).toContain('参加挑战（30 积分）');
  expect(save('my-challenges', myView, 'my-challenges')).toContain('进行中 9/14 天');
});

/** Native inputs are not rendered with their value: write each in for the photograph. */
const fillInputs = (page: SimNode & { instance?: unknown }, values: Record<string, string>) => {
  for (const [selector, value] of Object.entries(values)) {
    const node = page.querySelector(selector);
    if (node) node.dom.textContent = value;
  }
};

it('renders the screens to make a challenge and join one by its code', async () => {
  const me = (tier: 'free' | 'vip') => ({
    data: {
      id: 7, documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: '广东省', city: '深圳市', district: '南山区',
      showInRanking: true, membershipTier: tier, membershipExpiresAt: tier === 'free' ? null : '2027-01-31T16:00:00.000Z', pointsBalance: 860, makeupCards: 4, phoneMasked: null, smokingSettings: null,
      totalCheckInDays: 45, consecutiveDays: 12, lastCheckInDate: '2026-12-04', lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
    },
    meta: {},
  });
  let tier: 'free' | 'vip' = 'vip';
  installApp(
    (call: WxCall) => {
      const path = call.path.split('?')[0];
      if (path === '/api/me') return ok(me(tier));
      if (path === '/api/habit-templates') return ok(templatesPage([template(1), template(2), template(3), template(4)]));
      if (path === '/api/challenges') return ok(listPage([challenge(1, { participantsCount: 1268 }), challenge(4, { title: '宿舍早睡小分队', habitTemplate: { documentId: 'tmpl000004', title: '早睡', icon: '🌙' }, isOfficial: false, entryCost: 10, rewardPoints: 0, badge: null, topK: 0, participantsCount: 6, maxParticipants: 10 })]));
      if (path === '/api/challenges/join-by-code') return codeRefused.wrongCode();
      if (path === `/api/challenges/${created(9).documentId}`) {
        const { inviteCode: _code, review: _review, ...fields } = created(9, { participantsCount: 3 });
        return ok(envelope({ ...fields, rules: '挑战时间：12月5日 至 12月25日（北京时间）\n挑战期间累计打卡满 14 天即完成\n报名需 20 积分，开始前退出全额退还，开始后退出不退还\n完成者平分报名积分，没有人完成则全部退还' }));
      }
      if (path.endsWith('/board')) return ok(boardPage([]));
      return { status: 404, body: null };
    },
    { now: () => NOW },
  );

  const form = renderPage('challenge-create');
  form.instance.onLoad();
  await settle(40);
  const field = (name: string, value: string) => form.instance.onField({ currentTarget: { dataset: { field: name } }, detail: { value } });
  field('title', '宿舍早起小分队');
  field('description', '每天 7 点前起床打卡，输的请喝奶茶。');
  form.instance.onTemplate({ detail: { value: '0' } });
  form.instance.onRule({ currentTarget: { dataset: { rule: 'weekly' } } });
  field('weeks', '4');
  field('entryCost', '20');
  field('maxParticipants', '8');
  await settle();
  fillInputs(form, { '.title-input': '宿舍早起小分队', '.description-input': '每天 7 点前起床打卡，输的请喝奶茶。', '.weeks': '4', '.per-week': '3', '.entry-cost': '20', '.max-participants': '8' });
  expect(save('challenge-create', form, 'challenge-create')).toContain('4 周需要至少 28 天');

  form.instance.setData({ created: createdView(created(9)) });
  await settle();
  expect(save('challenge-created', form, 'challenge-create')).toContain('K7XM2QPA');
  getApi().client.platform.storage.set('challenges.inviteCodes', { [created(9).documentId]: 'K7XM2QPA' });
  const mine = renderPage('challenge');
  mine.instance.onLoad({ id: created(9).documentId });
  mine.instance.onShow();
  await settle(40);
  expect(save('challenge-mine', mine, 'challenge')).toContain('K7XM2QPA');
  form.instance.setData({ created: createdView(created(9, { title: '待审的挑战', review: 'pending', joinable: false })) });
  await settle();
  expect(save('challenge-created-pending', form, 'challenge-create')).toContain('等待审核');

  tier = 'free';
  const gate = renderPage('challenge-create');
  gate.instance.onLoad();
  await settle(40);
  expect(save('challenge-create-vip', gate, 'challenge-create')).toContain('了解会员');

  const list = renderPage('challenges');
  list.instance.onLoad({ code: 'abcd2345' });
  list.instance.onShow();
  await settle(40);
  await list.instance.joinByCode();
  await settle();
  fillInputs(list, { '.code-input': 'ABCD2345' });
  expect(save('challenges-join-code', list, 'challenges')).toContain('邀请码不对');
});

it('renders the mall screens', async () => {
  const pen = mallProduct({ image: null, images: [] });
  const feed = [
    productSummary({ image: null }),
    productSummary({ documentId: 'prod0000000002', name: '二手台灯 九成新', kind: 'secondHand', merchant: null, pointsPrice: null, price: 2550, image: null, salesCount: 0 }),
    productSummary({ documentId: 'prod0000000003', name: '校徽帆布袋', price: null, pointsPrice: 300, image: null, salesCount: 58 }),
    productSummary({ documentId: 'prod0000000004', name: '笔记本 A5', price: 890, pointsPrice: 250, image: null, soldOut: true }),
  ];
  const pending = mallOrder({ status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', totalFen: 700, totalPoints: 0, actions: ['pay', 'cancel'], expiresAt: '2026-12-04T12:49:30.000Z', items: [{ ...mallOrder().items[0], unitPrice: 350, unitPoints: 0 }], trail: [mallOrder().trail[0]] });
  const shipped = mallOrder({
    status: 'shipped', statusLabel: '待收货', carrier: '顺丰速运', trackingNumber: 'SF1234567890', actions: ['confirm', 'refund'],
    trail: [...mallOrder().trail, { from: 'paid', to: 'shipped', by: 'operator', reason: '顺丰速运 SF1234567890', at: '2026-12-05T02:00:00.000Z' }],
  });
  let payStep = false;
  installApp(
    (call) => {
      if (call.path.startsWith('/api/mall/categories')) return ok({ data: mallCategories(), meta: {} });
      if (call.path.startsWith('/api/mall/products/')) return ok({ data: pen, meta: {} });
      if (call.path.startsWith('/api/mall/products')) return ok({ data: feed, meta: { nextCursor: 'c2' } });
      if (call.path.startsWith('/api/points/balance')) return ok({ data: { balance: 860, earned: 1240, spent: 380 }, meta: {} });
      if (call.path.startsWith('/api/orders?')) return ok({ data: [orderSummary({ status: 'shipped', statusLabel: '待收货' }), orderSummary({ orderNo: '20261203201900000ABCDEFGHJKLN', title: '校徽帆布袋', status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', totalFen: 1990, totalPoints: 0, itemCount: 1 })], meta: { nextCursor: null } });
      if (call.path === `/api/orders/${ORDER_NO}`) return ok({ data: payStep ? pending : shipped, meta: {} });
      return { status: 404, body: null };
    },
    { now: () => new Date('2026-12-04T12:20:00.000Z') },
  );
  const storage = getApi().client.platform.storage;
  const other = mallProduct({ image: null, documentId: 'prod0000000005', name: '薯片 大包', merchant: { documentId: 'shop0000000002', name: '西区超市', pickupPoints: [], region: null } });
  storage.set(CART_KEY, [cartItemOf(pen, pen.skus[1], 2), cartItemOf(pen, pen.skus[2], 1), cartItemOf(other, { ...other.skus[2], documentId: 'sku00000000009', price: 650 }, 1)]);

  const home = renderPage('mall');
  home.instance.onLoad({});
  home.instance.onShow();
  await settle(40);
  expect(save('mall', home, 'mall')).toContain('二手台灯');

  const detail = renderPage('product');
  detail.instance.onLoad({ id: pen.documentId });
  detail.instance.onShow();
  await settle(40);
  detail.instance.increase();
  await settle();
  expect(save('mall-product', detail, 'product')).toContain('库存 3');

  const cart = renderPage('cart');
  cart.instance.onShow();
  await settle();
  expect(save('mall-cart', cart, 'cart')).toContain('西区超市');

  storage.set(CHECKOUT_KEY, { items: [cartItemOf(pen, pen.skus[1], 2)], fromCart: true });
  storage.set('mall.address', { name: '小明', phone: '13800000000', region: '东校区', detail: '3号楼 201' });
  const checkout = renderPage('checkout');
  checkout.instance.onLoad();
  await settle(40);
  fillInputs(checkout, { '.field-name': '小明', '.field-phone': '13800000000', '.field-region': '东校区', '.field-detail': '3号楼 201' });
  expect(save('mall-checkout', checkout, 'checkout')).toContain('可用 860 积分');

  payStep = true;
  const pay = renderPage('pay');
  pay.instance.onLoad({ orderNo: ORDER_NO });
  await settle(40);
  pay.instance.onUnload();
  payStep = false;
  expect(save('mall-pay', pay, 'pay')).toContain('剩余支付时间');

  const orders = renderPage('orders');
  orders.instance.onLoad({});
  orders.instance.onShow();
  await settle(40);
  expect(save('mall-orders', orders, 'orders')).toContain('待收货');

  const order = renderPage('order');
  order.instance.onLoad({ orderNo: ORDER_NO });
  order.instance.onShow();
  await settle(40);
  expect(save('mall-order', order, 'order')).toContain('顺丰速运');
});

it('renders the quit screens', async () => {
  const NOW_QUIT = new Date('2026-12-04T05:07:00Z');
  const minutes = (d: number) => d * 1440;
  const milestone = (title: string, afterMinutes: number, sort: number) => {
    const since = Date.parse('2026-11-01T00:00:00Z');
    const at = since + afterMinutes * 60_000;
    const achieved = at <= NOW_QUIT.getTime();
    return { title, afterMinutes, description: null, sort, achieved, achievedAt: achieved ? new Date(at).toISOString() : null, remainingMinutes: achieved ? 0 : Math.ceil((at - NOW_QUIT.getTime()) / 60_000) };
  };
  const hours = [0, 0, 0, 0, 0, 0, 0, 1, 3, 2, 1, 0, 2, 1, 1, 2, 1, 0, 1, 2, 3, 4, 5, 2];
  installApp(
    route({
      '/api/quit/report': {
        data: {
          quitAt: '2026-11-01T00:00:00.000Z', smokeFreeSince: '2026-11-01T00:00:00.000Z', minutesSmokeFree: minutes(33) + 307, daysSmokeFree: 33, relapses: 0,
          savings: { cigarettesAvoided: 660, moneySaved: 841.5, equivalent: { name: '汽车保养', count: 1, unit: '次' } },
          milestones: [
            milestone('心率和血压下降至正常水平', 20, 10),
            milestone('血液中一氧化碳浓度恢复正常', 720, 20),
            milestone('肺功能开始改善', minutes(14), 30),
            milestone('咳嗽减少、呼吸更顺畅', minutes(30), 40),
            milestone('冠心病风险降低一半', minutes(365), 50),
            milestone('中风风险降至与不吸烟者相同', minutes(5 * 365), 60),
          ],
        },
        meta: {},
      },
      '/api/cravings/stats': {
        data: {
          startDate: '2026-11-28', endDate: '2026-12-04', count: 32, meanIntensity: 3.2,
          days: ['11-28', '11-29', '11-30', '12-01', '12-02', '12-03', '12-04'].map((d, i) => ({ date: `2026-${d}`, count: [7, 6, 5, 5, 4, 3, 2][i], meanIntensity: 3.2 })),
          hours, peakHours: [22, 21, 8],
          triggers: [{ trigger: 'stress', count: 14, share: 0.4375 }, { trigger: 'habit', count: 10, share: 0.3125 }, { trigger: 'social', count: 6, share: 0.1875 }, { trigger: 'other', count: 2, share: 0.0625 }],
          resistedRate: 0.8125,
        },
        meta: {},
      },
    }),
    { now: () => NOW_QUIT },
  );
  const dashboard = renderPage('quit');
  dashboard.instance.onLoad({});
  await settle(40);
  dashboard.instance.onTrigger({ currentTarget: { dataset: { value: 'stress' } } } as unknown as WechatMiniprogram.TouchEvent);
  await settle();
  expect(save('quit', dashboard, 'quit')).toContain('33 天 5 小时');

  const patterns = renderPage('quit-cravings');
  patterns.instance.onLoad();
  await settle(40);
  expect(save('quit-cravings', patterns, 'quit-cravings')).toContain('高发时段 22:00');
});

it('renders the coach chat', async () => {
  const turn = (id: string, role: 'user' | 'assistant', content: string) => ({ id, role, content, status: 'complete', source: role === 'user' ? 'user' : 'model', promptTokens: 0, completionTokens: 0, createdAt: '2026-12-04T12:00:00.000Z' });
  const answer = '晚饭后想抽烟很常见，这是身体记住的“饭后一根”。试试饭后马上起身刷牙或出门走十分钟，把这个时间点换成新的小习惯。你已经坚持 33 天了，这一关也能过。';
  const stored = route({
    '/api/ai/quota': { data: { tier: 'ai', unit: 'tokens', limit: 60000, used: 4820, remaining: 55180, day: '2026-12-04', resetsAt: '2026-12-04T16:00:00.000Z', trialEndsAt: null }, meta: {} },
    '/api/ai/conversations/conv1/messages': {
      data: [
        turn('q1', 'user', '今天开会压力好大，特别想抽一根'),
        turn('a1', 'assistant', '压力大的时候想抽烟，是因为以前你用烟来“按暂停键”。现在可以换一个暂停键：离开座位，慢慢深呼吸三次，喝几口冷水。烟瘾一般几分钟就会过去。'),
      ],
      meta: { conversation: { id: 'conv1', title: '今天开会压力好大', lastMessageAt: '2026-12-04T12:00:00.000Z', createdAt: '2026-12-04T12:00:00.000Z' } },
    },
  });
  installApp((call) =>
    call.path.startsWith('/api/ai/chat')
      ? {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          chunks: [
            new Uint8Array(
              Buffer.from(
                [{ type: 'start', conversationId: 'conv1', questionId: 'q2' }, ...Array.from(answer, (text) => ({ type: 'delta', text })), { type: 'done', message: turn('a2', 'assistant', answer), quota: { tier: 'ai', unit: 'tokens', limit: 60000, used: 5310, remaining: 54690, day: '2026-12-04', resetsAt: '2026-12-04T16:00:00.000Z', trialEndsAt: null } }]
                  .map((e) => `data: ${JSON.stringify(e)}\n\n`)
                  .join(''),
                'utf8',
              ),
            ),
          ],
        }
      : stored(call),
  );
  const page = renderPage('coach');
  page.instance.onLoad({ conversationId: 'conv1' });
  await settle(40);
  page.instance.onInput({ detail: { value: '晚饭后总是很想抽' } } as unknown as WechatMiniprogram.Input);
  await page.instance.onSend();
  await settle(40);
  expect(save('coach', page, 'coach')).toContain('今日剩余 54690 / 60000 tokens');
});

it('renders the reminder settings', async () => {
  installApp(
    route({
      '/api/reminders/settings': { data: { enabled: true, quietStart: '22:30', quietEnd: '07:00', streakRiskHour: 21, timezone: 'Asia/Shanghai' }, meta: {} },
      '/api/reminders/subscriptions': {
        data: [
          { templateId: 'tmpl-habit', kind: 'habitReminder', title: '打卡提醒', longTerm: false, credits: 3, lastResult: 'accept', needsAsking: false },
          { templateId: 'tmpl-streak', kind: 'streakAtRisk', title: '连续打卡即将中断', longTerm: false, credits: 0, lastResult: 'accept', needsAsking: true },
          { templateId: 'tmpl-order', kind: 'orderShipped', title: '订单发货通知', longTerm: false, credits: 1, lastResult: 'accept', needsAsking: false },
          { templateId: 'tmpl-post', kind: 'postReviewed', title: '帖子审核结果', longTerm: false, credits: 0, lastResult: 'ban', needsAsking: false },
        ],
        meta: { maxPerRequest: 3 },
      },
    }),
  );
  const page = renderPage('reminder-settings');
  page.instance.onLoad();
  await settle();
  expect(save('reminder-settings', page, 'reminder-settings')).toContain('还可提醒 3 次');
});
