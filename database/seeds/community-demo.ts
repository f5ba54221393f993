import type { Core } from '@strapi/strapi';

/**
 * Demo community (seed 004's campus forum, seed 001's habit feed): boards and a few published posts, an
 * anonymous one and a pinned announcement among them. Idempotent like the rest of the demo seed: a board
 * is found by slug and a post by title, created only when missing. Posts have no account behind them
 * (the author is the stored snapshot), and no likes or comments: counters equal their rows (DESIGN 9).
 * The habit feed's board itself is made by the community plugin at boot.
 */
type DemoBoard = { slug: string; name: string; description: string; sortOrder: number; postPermission: 'everyone' | 'vip' | 'editors'; kind: 'forum' | 'habitFeed' };
type DemoPost = { board: string; title: string; content: string; author: string; anonymous?: boolean; pinned?: boolean; hoursAgo: number; viewCount: number };

export const COMMUNITY_BOARDS: DemoBoard[] = [
  { slug: 'announcements', name: '官方公告', description: '平台通知与活动说明', sortOrder: 1, postPermission: 'editors', kind: 'forum' },
  { slug: 'campus-life', name: '校园生活', description: '食堂、宿舍、社团，聊聊校园里的大事小事', sortOrder: 2, postPermission: 'everyone', kind: 'forum' },
  { slug: 'study', name: '学习交流', description: '考研、四六级、期末复习，互相打气', sortOrder: 3, postPermission: 'everyone', kind: 'forum' },
  { slug: 'lost-and-found', name: '失物招领', description: '丢了东西、捡到东西都可以发在这里', sortOrder: 4, postPermission: 'everyone', kind: 'forum' },
  { slug: 'second-hand', name: '二手交易', description: '教材、自行车、小家电，毕业季清仓', sortOrder: 5, postPermission: 'everyone', kind: 'forum' },
];

export const COMMUNITY_POSTS: DemoPost[] = [
  {
    board: 'announcements',
    title: '社区公约（请先读我）',
    content: '欢迎来到社区！请友善交流，不发广告和违规内容。被多人举报的内容会先隐藏，由管理员复核。',
    author: '管理员',
    pinned: true,
    hoursAgo: 240,
    viewCount: 1280,
  },
  { board: 'campus-life', title: '二食堂新开的麻辣烫窗口', content: '今天中午去试了，汤底很香，素菜一块五一两，推荐！', author: '干饭人小王', hoursAgo: 5, viewCount: 86 },
  {
    board: 'campus-life',
    title: '宿舍楼晚上太吵怎么办',
    content: '隔壁每天打游戏到两点，不好意思直接说，大家有什么好办法吗？',
    author: '匿名同学',
    anonymous: true,
    hoursAgo: 20,
    viewCount: 142,
  },
  { board: 'study', title: '考研倒计时 100 天，组队打卡', content: '每天早上 7 点图书馆三楼，一起背单词，有人吗？', author: '早起的鸟儿', hoursAgo: 2, viewCount: 57 },
  { board: 'study', title: '六级听力提分经验', content: '精听真题 + 每天跟读十分钟，坚持一个月从 160 到 210。', author: 'Lily', hoursAgo: 48, viewCount: 320 },
  { board: 'lost-and-found', title: '捡到一张校园卡', content: '在图书馆二楼自习区捡到，姓张，已交到一楼服务台。', author: '热心同学', hoursAgo: 8, viewCount: 40 },
  { board: 'second-hand', title: '出九成新自行车', content: '毕业出，骑了一年，带锁，150 元，南门自提。', author: '毕业啦', hoursAgo: 30, viewCount: 95 },
  { board: 'habit-feed', title: '早起第 30 天', content: '连续一个月六点起床，最大的变化是早上不再手忙脚乱了。', author: '晨跑的阿杰', hoursAgo: 3, viewCount: 64 },
  { board: 'habit-feed', title: '戒烟第 7 天打卡', content: '最难的三天熬过来了，想抽的时候就去喝杯水。', author: '加油的老周', hoursAgo: 12, viewCount: 110 },
];

export const seedCommunityDemo = async (strapi: Core.Strapi) => {
  const boards = strapi.db.query('plugin::community.board');
  const boardIds = new Map<string, number>();
  for (const board of COMMUNITY_BOARDS) {
    const existing = await boards.findOne({ where: { slug: board.slug }, select: ['id'] });
    boardIds.set(board.slug, existing ? (existing.id as number) : ((await boards.create({ data: { ...board, active: true } })).id as number));
  }
  const habitFeed = await boards.findOne({ where: { slug: 'habit-feed' }, select: ['id'] });
  if (habitFeed) boardIds.set('habit-feed', habitFeed.id as number);

  const posts = strapi.db.query('plugin::community.post');
  const now = Date.now();
  for (const post of COMMUNITY_POSTS) {
    const board = boardIds.get(post.board);
    if (board === undefined || (await posts.findOne({ where: { title: post.title }, select: ['id'] }))) continue;
    const listedAt = new Date(now - post.hoursAgo * 3_600_000);
    await posts.create({
      data: {
        board,
        title: post.title,
        content: post.content,
        anonymous: post.anonymous ?? false,
        authorNickname: post.author,
        status: 'published',
        textCheck: 'pass',
        mediaCheck: 'none',
        listedAt,
        pinned: post.pinned ?? false,
        viewCount: post.viewCount,
        createdAt: listedAt,
      },
    });
  }
};
