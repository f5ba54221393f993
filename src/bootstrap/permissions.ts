import type { Core, UID } from '@strapi/strapi';

/**
 * Which content-API actions each users-permissions role may call. This list is the whole truth:
 * on every boot the roles are made to match it exactly, so a fresh database is correct without
 * clicking in the admin, and a permission granted by hand in the admin is reported and removed.
 * Which *records* an allowed action may touch is decided by the controllers (utils/scoped-controller).
 */
const READ = ['find', 'findOne'] as const;
const CRUD = ['find', 'findOne', 'create', 'update', 'delete'] as const;

// Typed uids: a misspelt content type fails the type check instead of granting nothing.
const actions = (uid: UID.ContentType, verbs: readonly string[]) => verbs.map((verb) => `${uid}.${verb}`);

const CATALOGUE: UID.ContentType[] = [
  'api::habit-template.habit-template',
  'api::task-template.task-template',
  'api::prize.prize',
  'api::product.product',
  'api::product-category.product-category',
];

/** Community reads anyone may make (the services show readers published items only). */
const COMMUNITY_READS = [
  'plugin::community.boards.list',
  'plugin::community.posts.feed',
  'plugin::community.posts.findOne',
  'plugin::community.comments.list',
  'plugin::community.comments.replies',
];

/** Challenge reads anyone may make (the challenges plugin serves /api/challenges; the services show what each caller may see). */
const CHALLENGE_READS = ['plugin::challenges.challenges.list', 'plugin::challenges.challenges.findOne'];

/** The mall's public catalogue (the services show what is on sale only). */
const MALL_READS = ['catalogue.categories', 'catalogue.products', 'catalogue.product'].map((action) => `plugin::mall.${action}`);

const PUBLIC_ACTIONS = [
  ...CATALOGUE.flatMap((uid) => actions(uid, READ)),
  ...MALL_READS,
  ...COMMUNITY_READS,
  ...CHALLENGE_READS,
  'plugin::challenges.boards.page',
];

const AUTHENTICATED_ACTIONS = [
  ...PUBLIC_ACTIONS,
  ...actions('api::habit.habit', CRUD),
  ...actions('api::check-in.check-in', CRUD),
  ...actions('api::diary.diary', CRUD),
  ...actions('api::task.task', CRUD),
  // The mall: orders and second-hand listings; the services scope each record to its buyer or seller.
  ...[
    'orders.create', 'orders.list', 'orders.findOne', 'orders.pay', 'orders.cancel', 'orders.confirm', 'orders.requestRefund',
    'orders.withdrawRefund', 'orders.fakePay', 'listings.uploadImage', 'listings.create', 'listings.offShelf', 'listings.mine',
  ].map((action) => `plugin::mall.${action}`),
  'plugin::users-permissions.user.me',
  // Check-in actions beyond CRUD, and the points ledger.
  ...actions('api::check-in.check-in', ['today', 'calendar', 'makeup', 'makeupRules']),
  ...actions('api::habit.habit', ['archive', 'restore', 'stats']),
  ...actions('api::task.task', ['complete']),
  'plugin::gamification.stats.me',
  'plugin::gamification.points.balance',
  'plugin::gamification.points.records',
  'plugin::gamification.lottery.prizes',
  'plugin::gamification.lottery.draw',
  'plugin::gamification.lottery.records',
  'plugin::gamification.redeem-codes.redeem',
  'plugin::gamification.redeem-codes.history',
  'plugin::leaderboard.leaderboards.list',
  'plugin::leaderboard.leaderboards.me',
  // Community writes and the caller's own lists; the services scope each record to its owner.
  ...[
    'posts.following', 'posts.mine', 'posts.uploadImage', 'posts.create', 'posts.delete',
    'likes.likePost', 'likes.unlikePost', 'likes.likeComment', 'likes.unlikeComment',
    'comments.create', 'comments.delete', 'follows.follow', 'follows.unfollow', 'reports.create',
    'notifications.list', 'notifications.unread', 'notifications.read',
  ].map((action) => `plugin::community.${action}`),
  // WeChat plugin: phone binding and the user's own account (sign-in and refresh need no permission).
  'plugin::wechat.auth.phone',
  'plugin::wechat.me.find',
  'plugin::wechat.me.update',
  'plugin::wechat.me.avatar',
  'plugin::wechat.me.destroy',
  'plugin::wechat.me.export',
  // Challenges: join, leave and the caller's own; the services scope each record to the caller.
  ...['challenges.join', 'challenges.leave', 'challenges.mine'].map((action) => `plugin::challenges.${action}`),
  // Challenges (finish): user-made ones (VIP, checked in the service), join by invite code, the caller's badges.
  ...['userChallenges.create', 'userChallenges.joinByCode', 'userChallenges.myBadges'].map((action) => `plugin::challenges.${action}`),
  'plugin::challenges.boards.me',
  // Quit smoking: the caller's profile, relapses, cravings and report; the services scope each record to the caller.
  ...['quit.getProfile', 'quit.putProfile', 'quit.createRelapse', 'quit.listRelapses', 'quit.report', 'cravings.create', 'cravings.list', 'cravings.stats'].map(
    (action) => `plugin::quit.${action}`,
  ),
  // The AI coach: chat within the caller's budget, their quota, their own conversations (scoped in the services).
  ...['chat.chat', 'chat.quota', 'chat.conversations', 'chat.messages', 'chat.removeConversation'].map((action) => `plugin::ai-coach.${action}`),
  // Reminders: the caller's own consent credits and settings.
  ...['reminders.listSubscriptions', 'reminders.recordSubscriptions', 'reminders.getSettings', 'reminders.putSettings'].map((action) => `plugin::reminders.${action}`),
];

export const ROLE_PERMISSIONS: Record<'public' | 'authenticated', readonly string[]> = {
  public: [...new Set(PUBLIC_ACTIONS)],
  authenticated: [...new Set(AUTHENTICATED_ACTIONS)],
};

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

export const syncRolePermissions = async (strapi: Core.Strapi) => {
  // users-permissions' own tables: the Document Service has no say over role permissions.
  for (const [type, wanted] of Object.entries(ROLE_PERMISSIONS)) {
    const role = await strapi.db.query(ROLE_UID).findOne({ where: { type } });
    if (!role) throw new Error(`users-permissions role "${type}" is missing; the plugin did not bootstrap`);

    const existing: Array<{ id: number; action: string }> = await strapi.db
      .query(PERMISSION_UID)
      .findMany({ where: { role: role.id }, select: ['id', 'action'] });
    const have = new Set(existing.map((p) => p.action));
    const want = new Set(wanted);

    const extra = existing.filter((p) => !want.has(p.action));
    if (extra.length > 0) {
      strapi.log.info(`[permissions] ${type}: removing ${extra.length} permission(s) not in src/bootstrap/permissions.ts`);
      await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
    }
    for (const action of wanted) {
      if (!have.has(action)) {
        await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
      }
    }
  }
};
