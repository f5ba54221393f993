import type { Core, UID } from '@strapi/strapi';

/**
 * Bilingual field labels and list views for editors and moderators in the admin panel.
 * Applied once per LAYOUT_VERSION, so what an editor rearranges in the admin survives restarts
 * until the code ships a new layout.
 */
const LAYOUT_VERSION = 10;

const LABELS: Record<string, string> = {
  title: '标题 Title',
  name: '名称 Name',
  description: '描述 Description',
  content: '内容 Content',
  category: '分类 Category',
  kind: '类型 Kind',
  type: '类型 Type',
  icon: '图标 Icon',
  color: '颜色 Color',
  image: '图片 Image',
  images: '图片 Images',
  cover: '封面 Cover',
  frequencyType: '频率 Frequency',
  timesPerWeek: '每周次数 Times per week',
  weekdays: '星期 Weekdays',
  intervalDays: '间隔天数 Every N days',
  goalType: '目标类型 Goal type',
  goalValue: '目标值 Goal value',
  goalUnit: '目标单位 Goal unit',
  reminderEnabled: '提醒 Reminder on',
  reminderTimes: '提醒时间 Reminder times',
  tags: '标签 Tags',
  sortOrder: '排序 Sort order',
  active: '启用 Active',
  user: '用户 User',
  template: '模板 Template',
  habit: '习惯 Habit',
  habitTemplate: '习惯模板 Habit template',
  startDate: '开始日期 Start date',
  endDate: '结束日期 End date',
  archived: '已归档 Archived',
  archivedAt: '归档时间 Archived at',
  localDate: '日期 Local date',
  checkedAt: '打卡时间 Checked at',
  isMakeup: '补签 Makeup',
  mood: '心情 Mood',
  note: '备注 Note',
  duration: '时长(分钟) Duration (min)',
  count: '次数 Count',
  pointsAwarded: '获得积分 Points awarded',
  weather: '天气 Weather',
  isDraft: '草稿 Draft',
  aiComment: 'AI 点评 AI comment',
  aiCommentStatus: 'AI 点评状态 AI comment status',
  aiCommentAt: 'AI 点评时间 AI comment at',
  points: '积分 Points',
  isSystem: '系统任务 System task',
  completed: '已完成 Completed',
  completedAt: '完成时间 Completed at',
  amount: '数量 Amount',
  weight: '权重 Weight',
  stock: '库存(-1 不限) Stock (-1 = unlimited)',
  targetDays: '目标天数 Target days',
  rewardPoints: '奖励积分 Reward points',
  badge: '徽章 Badge',
  isOfficial: '官方 Official',
  participantsCount: '参与人数 Participants',
  authorNickname: '作者 Author',
  authorAvatar: '作者头像 Author avatar',
  challenge: '挑战 Challenge',
  visibility: '可见性 Visibility',
  moderationStatus: '审核状态 Moderation',
  moderationNote: '审核备注 Moderation note',
  pinned: '置顶 Pinned',
  likeCount: '点赞数 Likes',
  commentCount: '评论数 Comments',
  post: '动态 Post',
  parent: '上级 Parent',
  price: '价格(分) Price (fen)',
  originalPrice: '原价(分) Original price (fen)',
  pointsPrice: '积分价 Points price',
  salesCount: '销量 Sales',
  orderNo: '订单号 Order no.',
  status: '状态 Status',
  items: '商品 Items',
  merchant: '商家 Merchant',
  seller: '卖家 Seller',
  review: '审核 Review',
  reviewNote: '审核说明 Review note',
  region: '校区 Region',
  spec: '规格 Spec',
  reserved: '待支付占用 Reserved',
  payMethod: '支付方式 Payment',
  totalFen: '金额(分) Total (fen)',
  totalPoints: '积分 Points',
  itemCount: '件数 Items',
  expiresAt: '支付截止 Pay by',
  paidAt: '支付时间 Paid at',
  shippedAt: '发货时间 Shipped at',
  cancelledAt: '取消时间 Cancelled at',
  refundedAt: '退款时间 Refunded at',
  afterSalesUntil: '售后截止 After-sales until',
  address: '收货地址 Address',
  pickup: '自提点 Pickup point',
  pickupPoints: '自提点 Pickup points',
  carrier: '快递公司 Carrier',
  trackingNumber: '运单号 Tracking no.',
  admins: '店铺管理员 Shop admins',
  restock: '补货(+/-件) Restock (+/- units)',
  product: '商品 Product',
  contact: '联系方式 Contact',
  nickname: '昵称 Nickname',
  avatar: '头像 Avatar',
  timezone: '时区 Timezone',
  dayStartHour: '每日开始(时) Day starts at',
  province: '省 Province',
  city: '市 City',
  district: '区 District',
  showInRanking: '参与排行 Show in ranking',
  membershipTier: '会员 Membership',
  membershipExpiresAt: '会员到期 Membership expires',
  pointsBalance: '积分余额 Points balance',
  makeupCards: '补签卡 Makeup cards',
  createdAt: '创建时间 Created',
  updatedAt: '更新时间 Updated',
};

/** The challenge's own fields (issue 14): a label and a line of help each, shown in its edit view. */
const CHALLENGE_FIELDS: Record<string, [label: string, description: string]> = {
  habitTemplate: ['习惯模板 Habit template', 'Joiners get a habit made from it (or link theirs of the same template).'],
  timezone: ['时区 Timezone', 'IANA zone the dates are local to, e.g. Asia/Shanghai.'],
  startDate: ['开始日期 Start date', 'First day (local): the challenge starts at its midnight.'],
  endDate: ['结束日期 End date', 'Last day (local): the challenge ends at the next midnight, then the finishing job pays.'],
  joinDeadline: ['报名截止 Join deadline', 'Last local day to join; empty: until the end.'],
  rule: ['规则 Rule', 'daysOf: check in on N days; streak: N days in a row; weekly: perWeek check-ins each week for weeks weeks.'],
  targetDays: ['目标天数 Target days', 'N: days to check in on (daysOf) or in a row (streak); at most the days from start to end.'],
  perWeek: ['每周次数 Per week', 'weekly only: check-ins needed each week.'],
  weeks: ['周数 Weeks', 'weekly only: 7-day blocks from the start date; must fit before the end date.'],
  allowMakeup: ['允许补签 Makeups count', 'Whether makeup check-ins inside the window count.'],
  maxParticipants: ['人数上限 Max participants', 'Empty: no cap.'],
  entryCost: ['报名积分 Entry cost', 'Points spent to join (refunded when leaving before the start).'],
  rewardPoints: ['完成奖励 Reward points', 'Paid once to each finisher (official challenges).'],
  badge: ['徽章 Badge', 'Awarded to each finisher; shown on their profile. Empty: none.'],
  badgeIcon: ['徽章图标 Badge icon', 'Image URL of the badge.'],
  topK: ['前 K 名 Top K', 'Finishers placed 1..K on the board get the extra below (0: none).'],
  topPoints: ['前 K 名奖励 Top K points', 'Extra points for each of the top K finishers.'],
  visibility: ['可见性 Visibility', 'everyone, VIP members only, or one region.'],
  region: ['地区 Region', 'visibility region: province, city or district name.'],
  isOfficial: ['官方 Official', 'Official challenges are listed and pay points; user-made ones are joined by invite code and split the entries.'],
  creator: ['发起人 Creator', 'The VIP member who made a user-made challenge.'],
  inviteCode: ['邀请码 Invite code', 'User-made challenges: friends join with it.'],
  review: ['审核 Review', 'published; pending (msgSecCheck wants a person: no joins until published); rejected.'],
  state: ['状态 State', 'open until the finishing job closes it (finished; read-only).'],
  finishedAt: ['结束处理时间 Finished at', 'When the finishing job closed it.'],
  participantsCount: ['参与人数 Participants', 'Participants who have not left (kept by joins and leaves; read-only).'],
};

/**
 * Challenge fields the plugin writes (joins, the finishing job, user-made challenges): shown, not edited.
 * The server also ignores them in an editor's update (challenges plugin, editor-writes.ts).
 */
const CHALLENGE_READ_ONLY = new Set(['participantsCount', 'state', 'finishedAt', 'creator', 'inviteCode']);

/**
 * The mall's catalogue (issue 15): a line of help per field editors could misread, and what they see but
 * do not edit. A SKU's stock, reserved units and sales move with the orders (conditional statements): a
 * form would put back units sold while it was open, so editors change stock through 补货 only (applied as
 * `stock = stock + n` by the mall's catalogue-rules.ts, which also ignores these fields in any update). A
 * product's prices and sales are copies of its SKUs'.
 */
const MALL_FIELDS: Record<string, Record<string, [label: string, description: string]>> = {
  'plugin::mall.sku': {
    stock: ['库存 Stock', 'Units left to sell. Read-only: change it with 补货 below.'],
    restock: ['补货(+/-件) Restock (+/- units)', 'Units to add (or take away with a minus) when you save; applied to the live stock, so sales made meanwhile are kept.'],
    reserved: ['待支付占用 Reserved', 'Units held by unpaid WeChat Pay orders (returned when they time out).'],
    salesCount: ['销量 Sales', 'Units sold (kept by the orders).'],
    price: ['价格(分) Price (fen)', 'In fen (1 元 = 100). Empty: not sold for money.'],
    pointsPrice: ['积分价 Points price', 'Empty: not sold for points.'],
  },
  'api::product.product': {
    price: ['最低价(分) Lowest price (fen)', 'The lowest price of the active SKUs (kept by the mall).'],
    pointsPrice: ['最低积分价 Lowest points price', 'The lowest points price of the active SKUs (kept by the mall).'],
    salesCount: ['销量 Sales', 'Units sold over the SKUs (refreshed every minute).'],
    review: ['审核 Review', 'Second-hand listings wait here for a moderator: approved shows them, rejected keeps them off sale.'],
    seller: ['卖家 Seller', 'The student who listed it (second-hand only).'],
  },
  'api::product-category.product-category': {
    parent: ['上级 Parent', 'Two levels: empty for a top category, or a top category.'],
  },
  'plugin::mall.merchant': {
    pickupPoints: ['自提点 Pickup points', 'JSON list of places buyers pick up at, e.g. ["东区快递站", "图书馆一楼"].'],
    admins: ['店铺管理员 Shop admins', 'Admin accounts of this shop (give them the 商家 Merchant role): they see only this shop’s products, SKUs and orders.'],
  },
};
/** The quit programme's recovery timeline (seeded from seed 003 at boot; editors change or add). */
const QUIT_FIELDS: Record<string, Record<string, [label: string, description: string]>> = {
  'plugin::quit.milestone': {
    afterMinutes: ['达成时间（分钟）After minutes', 'Reached this many minutes after the quit time or the last relapse (20 = 20 分钟, 1440 = 1 天).'],
    sort: ['排序 Sort', 'Smaller first in the quit report.'],
  },
};
/** The AI coach's budgets (per local day, in the provider's tokens) and its FAQ. */
const AI_COACH_FIELDS: Record<string, Record<string, [label: string, description: string]>> = {
  'plugin::ai-coach.setting': {
    freeDailyTokens: ['免费用户每日额度 Free: tokens a day', 'A small daily trial for free users; 0 turns them away (开通会员).'],
    vipTrialDays: ['VIP 体验天数 VIP trial days', 'Seed 003: 4 天 AI 体验, counted from the member’s first chat as VIP.'],
    vipDailyTokens: ['VIP 体验期每日额度 VIP: tokens a day', 'During the trial; after it a VIP member needs the AI membership.'],
    aiDailyTokens: ['AI 会员每日额度 AI members: tokens a day', 'For the membership’s term. About 1,000 tokens make one exchange.'],
  },
  'plugin::ai-coach.faq': {
    question: ['问题 Question', 'A question users often ask: the same text (punctuation, spaces and case aside), or nearly, is answered with the answer below, without the model and at no cost.'],
    answer: ['回答 Answer', 'Shown to the user as the coach’s answer.'],
    active: ['启用 Active', 'Off: the model answers this question again.'],
  },
};
/** Reminders: the editors' subscribe-message templates, and the send log (written by the job, read here). */
const REMINDER_FIELDS: Record<string, Record<string, [label: string, description: string]>> = {
  'plugin::reminders.template': {
    title: ['名称 Name', 'For editors: what this template is for.'],
    templateId: ['微信模板 ID WeChat template id', 'From the mini-program console (订阅消息 → 我的模板). The fake WeChat accepts any id.'],
    kind: ['用途 Kind', 'habitReminder 打卡提醒 · streakAtRisk 连续打卡将中断 · milestoneReached 里程碑 · challengeEnding 挑战将结束 · orderShipped 订单发货 · postReviewed 帖子审核结果. The newest active template of a kind is the one sent.'],
    longTerm: ['长期订阅 Long-term', 'Only for categories WeChat grants long-term subscriptions; one-time templates need one "allow" per message.'],
    fields: ['字段 Fields', 'JSON: each WeChat key and its text, e.g. {"thing1":"{habit}","time2":"{date} {time}"}. Placeholders: {habit} {time} {date} {streak} {orderNo} {title} {result} {text}. thing values are cut to 20 characters.'],
    page: ['打开页面 Page', 'The mini-program page the message opens, e.g. pages/habit/index?documentId={habitDocumentId}.'],
    active: ['启用 Active', 'Off: nothing is sent with this template and the mini-program stops asking for it.'],
  },
  'plugin::reminders.send': {
    user: ['用户 User', ''], template: ['模板 Template', ''], kind: ['用途 Kind', ''], reason: ['原因 Reason', 'habit:<id>, streak, order:<no>, post:<id>, test:<admin>'],
    localDate: ['当地日期 Local date', 'The user’s local date of the reminder.'], slot: ['时刻 Slot', 'The local time (HH:mm) or the event.'],
    state: ['状态 State', 'sent 已发送 · failed 失败 · refused 用户拒收 (43101) · noCredit 无授权次数 · quiet 免打扰 · interrupted 中断（不重发）· queued/retry 待发'],
    attempts: ['尝试次数 Attempts', ''], errcode: ['微信错误码 errcode', ''], error: ['错误 Error', ''], sentAt: ['发送时间 Sent at', ''], dueAt: ['应发时间 Due at', ''],
  },
};
const MALL_READ_ONLY: Record<string, Set<string>> = {
  'plugin::mall.sku': new Set(['stock', 'reserved', 'salesCount']),
  'api::product.product': new Set(['price', 'pointsPrice', 'salesCount', 'seller']),
};

/** Edit views laid out in rows (field, width out of 12); fields left out are appended full width. */
const EDIT_LAYOUTS: Record<string, Array<Array<[field: string, size: number]>>> = {
  // What it is, when, the rule, who may join, what it pays, who sees it, how it is listed; then what
  // the challenges plugin keeps (read-only, see CHALLENGE_READ_ONLY).
  'plugin::mall.sku': [
    [['product', 6], ['spec', 6]],
    [['price', 4], ['pointsPrice', 4], ['active', 4]],
    [['stock', 3], ['restock', 3], ['reserved', 3], ['salesCount', 3]],
    [['image', 6], ['sortOrder', 6]],
  ],
  'api::challenge.challenge': [
    [['title', 6], ['habitTemplate', 6]],
    [['description', 12]],
    [['timezone', 3], ['startDate', 3], ['endDate', 3], ['joinDeadline', 3]],
    [['rule', 4], ['targetDays', 4], ['perWeek', 2], ['weeks', 2]],
    [['allowMakeup', 4], ['maxParticipants', 4], ['entryCost', 4]],
    [['rewardPoints', 4], ['topK', 4], ['topPoints', 4]],
    [['badge', 6], ['badgeIcon', 6]],
    [['isOfficial', 4], ['visibility', 4], ['region', 4]],
    [['cover', 6], ['sortOrder', 3], ['active', 3]],
    [['tags', 12]],
    [['review', 4], ['state', 4], ['participantsCount', 4]],
    [['creator', 4], ['inviteCode', 4], ['finishedAt', 4]],
  ],
};

type ListView = { mainField: string; columns: string[]; sortBy?: string; sortOrder?: 'ASC' | 'DESC' };

const LIST_VIEWS: Record<string, ListView> = {
  'api::habit-template.habit-template': { mainField: 'title', columns: ['id', 'title', 'category', 'kind', 'frequencyType', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::habit.habit': { mainField: 'title', columns: ['id', 'title', 'user', 'kind', 'frequencyType', 'archived', 'createdAt'] },
  'api::check-in.check-in': { mainField: 'localDate', columns: ['id', 'localDate', 'user', 'habit', 'isMakeup', 'pointsAwarded', 'checkedAt'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::diary.diary': { mainField: 'localDate', columns: ['id', 'localDate', 'user', 'title', 'mood', 'isDraft', 'aiCommentStatus'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::task-template.task-template': { mainField: 'title', columns: ['id', 'title', 'category', 'points', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::task.task': { mainField: 'title', columns: ['id', 'title', 'user', 'localDate', 'points', 'completed'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::prize.prize': { mainField: 'name', columns: ['id', 'name', 'kind', 'weight', 'stock', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::challenge.challenge': { mainField: 'title', columns: ['id', 'title', 'startDate', 'endDate', 'participantsCount', 'active'], sortBy: 'startDate', sortOrder: 'DESC' },
  'plugin::community.board': { mainField: 'name', columns: ['id', 'name', 'slug', 'kind', 'postPermission', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'plugin::community.post': { mainField: 'title', columns: ['id', 'title', 'authorNickname', 'board', 'status', 'pinned', 'likeCount', 'commentCount', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::community.comment': { mainField: 'content', columns: ['id', 'authorNickname', 'content', 'post', 'status', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'api::product-category.product-category': { mainField: 'name', columns: ['id', 'name', 'parent', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::product.product': { mainField: 'name', columns: ['id', 'name', 'kind', 'category', 'merchant', 'price', 'pointsPrice', 'salesCount', 'review', 'active'] },
  'plugin::mall.sku': { mainField: 'spec', columns: ['id', 'spec', 'product', 'price', 'pointsPrice', 'stock', 'reserved', 'salesCount', 'active'] },
  'plugin::mall.merchant': { mainField: 'name', columns: ['id', 'name', 'region', 'contact', 'active'] },
  'plugin::quit.milestone': { mainField: 'title', columns: ['id', 'title', 'afterMinutes', 'sort'], sortBy: 'sort', sortOrder: 'ASC' },
  'plugin::ai-coach.faq': { mainField: 'question', columns: ['id', 'question', 'active', 'updatedAt'], sortBy: 'updatedAt', sortOrder: 'DESC' },
  'plugin::ai-coach.setting': { mainField: 'id', columns: ['id', 'freeDailyTokens', 'vipTrialDays', 'vipDailyTokens', 'aiDailyTokens'] },
  'plugin::reminders.template': { mainField: 'title', columns: ['id', 'title', 'kind', 'templateId', 'longTerm', 'active'], sortBy: 'id', sortOrder: 'ASC' },
  'plugin::reminders.send': { mainField: 'reason', columns: ['id', 'dueAt', 'user', 'template', 'reason', 'slot', 'state', 'attempts', 'errcode'], sortBy: 'id', sortOrder: 'DESC' },
  'api::order.order': { mainField: 'orderNo', columns: ['id', 'orderNo', 'status', 'payMethod', 'totalFen', 'totalPoints', 'merchant', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::users-permissions.user': { mainField: 'nickname', columns: ['id', 'nickname', 'username', 'city', 'membershipTier', 'pointsBalance', 'blocked'] },
};

/** The rules editors tune (a single type): a label and a line of help per field. */
const SETTINGS_FIELDS: Record<string, [label: string, description: string]> = {
  pointsPerCheckIn: ['每次打卡积分 Points per check-in', 'Points for each check-in (seed 000: 10).'],
  streakBonuses: ['连续奖励 Streak bonuses', 'JSON list of { "every": days, "bonus": points }, e.g. [{"every":7,"bonus":50},{"every":30,"bonus":200}].'],
  makeupAwardsPoints: ['补签得积分 Makeups earn points', 'Whether a makeup check-in earns the per-check-in points.'],
  makeupWindowDays: ['补签天数 Makeup window (days)', 'How many days back a makeup may go.'],
  makeupsPerDay: ['每日补签上限 Makeups per day', 'Makeups a user may make on one local day.'],
  makeupCardEvery: ['补签卡间隔 A card every N days', 'One makeup card for every N consecutive days.'],
  weekStartsOn: ['每周起始 Week starts on', '1 = Monday ... 7 = Sunday, for "N times a week" habits.'],
  pointsPerDiary: ['日记积分 Points per diary', 'For the first diary a user publishes each local day.'],
  customTaskPoints: ['自定义任务积分 Custom task points', "Points for completing a task users made themselves (0 = none)."],
  drawCost: ['抽奖消耗 Points per draw', 'What one lottery draw costs.'],
  drawsPerDay: ['每日抽奖次数 Draws per day', 'Draws a user may make on one local day.'],
  noPrizeName: ['未中奖文案 No-prize text', 'Shown when a draw wins nothing (谢谢参与).'],
  noPrizeWeight: ['未中奖权重 No-prize weight', 'Weight of winning nothing, next to the prizes\' weights (0 = always a prize while any is in stock).'],
  quitRelapseRule: ['复吸当天打卡 Relapse day check-in', 'dayNotCheckedIn: a relapse day of a quit habit cannot be checked in, and its check-in is undone; keepCheckIn: check-ins stay.'],
};

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: unknown };
};

type EditRow = Array<{ name: string; size: number }>;
const NOT_EDITED = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

/** The coded edit layout of `uid` (fields the type has), every other editable field after it; the current one when none is coded. */
const editLayoutOf = (uid: string, attributes: Record<string, unknown>, current: unknown): unknown => {
  const rows = EDIT_LAYOUTS[uid];
  if (!rows) return current;
  const edit: EditRow[] = rows
    .map((row) => row.filter(([field]) => field in attributes).map(([name, size]) => ({ name, size })))
    .filter((row) => row.length > 0);
  const placed = new Set(edit.flat().map((el) => el.name));
  for (const field of Object.keys(attributes)) if (!placed.has(field) && !NOT_EDITED.includes(field)) edit.push([{ name: field, size: 12 }]);
  return edit;
};

export const applyAdminLayouts = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'core', name: 'habit-platform' });
  if ((await store.get({ key: 'admin-layout-version' })) === LAYOUT_VERSION) return;

  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, view] of Object.entries(LIST_VIEWS)) {
    const contentType = strapi.contentType(uid as UID.ContentType);
    if (!contentType) continue;
    const current = (await contentTypes.findConfiguration(contentType)) as Configuration;
    const metadatas: Record<string, Metadata> = { ...current.metadatas };
    for (const [field, meta] of Object.entries(metadatas)) {
      const label = LABELS[field];
      if (!label) continue;
      metadatas[field] = { ...meta, edit: { ...meta.edit, label }, list: { ...meta.list, label } };
    }
    if (uid === 'api::challenge.challenge') {
      for (const [field, [label, description]] of Object.entries(CHALLENGE_FIELDS)) {
        if (!metadatas[field]) continue;
        const editable = !CHALLENGE_READ_ONLY.has(field);
        metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, label, description, editable }, list: { ...metadatas[field].list, label } };
      }
    }
    for (const [field, [label, description]] of Object.entries(MALL_FIELDS[uid] ?? QUIT_FIELDS[uid] ?? AI_COACH_FIELDS[uid] ?? REMINDER_FIELDS[uid] ?? {})) {
      if (!metadatas[field]) continue;
      // The send log is the job's record: read in the admin, never edited.
      const editable = !MALL_READ_ONLY[uid]?.has(field) && uid !== 'plugin::reminders.send';
      metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, label, description, editable }, list: { ...metadatas[field].list, label } };
    }
    const columns = view.columns.filter((field) => field === 'id' || field in contentType.attributes);
    await contentTypes.updateConfiguration(contentType, {
      settings: {
        ...current.settings,
        mainField: view.mainField,
        defaultSortBy: view.sortBy ?? 'createdAt',
        defaultSortOrder: view.sortOrder ?? 'DESC',
      },
      metadatas,
      layouts: { ...current.layouts, list: columns, edit: editLayoutOf(uid, contentType.attributes, current.layouts.edit) },
    });
  }
  const settingsType = strapi.contentType('plugin::gamification.settings' as UID.ContentType);
  if (settingsType) {
    const current = (await contentTypes.findConfiguration(settingsType)) as Configuration;
    const metadatas: Record<string, Metadata> = { ...current.metadatas };
    for (const [field, [label, description]] of Object.entries(SETTINGS_FIELDS)) {
      if (!metadatas[field]) continue;
      metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, label, description }, list: { ...metadatas[field].list, label } };
    }
    await contentTypes.updateConfiguration(settingsType, { settings: current.settings, metadatas, layouts: current.layouts });
  }
  await store.set({ key: 'admin-layout-version', value: LAYOUT_VERSION });
};
