import type { Core, UID } from '@strapi/strapi';

/**
 * What editors and moderators read in the admin panel (issue 19): a bilingual label for every field of every
 * content type of ours, a line of help where a field is easy to misread (units, timezones, points, what a
 * flag does), list views (columns, default sort, filters and search on) and edit views in rows.
 *
 * Applied once per LAYOUT_VERSION, so what an editor rearranges in the admin (Configure the view) survives
 * restarts until the code ships a new layout: bump LAYOUT_VERSION whenever anything below changes.
 *
 * Adding a field: give it a label here, in LABELS when its name means the same everywhere, or in TYPE_FIELDS
 * for its type (with a description when it needs one); tests/e2e/admin-layout.test.ts fails until it has one.
 *
 * Enumeration values: the content manager of Strapi 5.54 has no per-field option labels. Its edit view
 * (@strapi/admin dist/admin/admin/src/components/FormInputs/Enumeration.mjs, lines 44-49) and its list
 * filters (@strapi/content-manager dist/admin/pages/ListView/components/Filters.mjs, lines 189-199) show
 * `formatMessage({ id: value, defaultMessage: value })`, the bare value as a translation key, so src/admin/
 * enum-labels.ts gives each of our values a Chinese label in the zh-Hans translations (src/admin/app.tsx).
 * The list view's cells do not translate (pages/ListView/components/TableCells/CellValue.mjs has no
 * enumeration case: the raw value is printed), which is why each label keeps the value: '已发布 published'.
 */
export const LAYOUT_VERSION = 12;

/** Our plugins: their content types, with src/api's and the extended users-permissions user, are "ours". */
const OUR_PLUGINS = ['gamification', 'community', 'challenges', 'mall', 'quit', 'ai-coach', 'reminders', 'leaderboard', 'wechat', 'dashboard'];

export const isOurContentType = (uid: string) =>
  uid.startsWith('api::') || uid === 'plugin::users-permissions.user' || OUR_PLUGINS.some((name) => uid.startsWith(`plugin::${name}.`));

/** A field's label and, when it needs one, a line of help: Chinese first, then English. */
type Field = [label: string, description?: string];

/** Labels of the names that mean the same in every type that has them. */
const LABELS: Record<string, string> = {
  id: '编号 ID',
  documentId: '文档 ID Document ID',
  createdAt: '创建时间 Created',
  updatedAt: '更新时间 Updated',
  publishedAt: '发布时间 Published',
  createdBy: '创建人 Created by',
  updatedBy: '更新人 Updated by',
  locale: '语言 Locale',
  localizations: '其他语言版本 Localizations',
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
  logo: '标志 Logo',
  file: '文件 File',
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
  sort: '排序 Sort',
  active: '启用 Active',
  enabled: '开启 Enabled',
  user: '用户 User',
  template: '模板 Template',
  habit: '习惯 Habit',
  habitTemplate: '习惯模板 Habit template',
  startDate: '开始日期 Start date',
  endDate: '结束日期 End date',
  archived: '已归档 Archived',
  archivedAt: '归档时间 Archived at',
  localDate: '日期 Local date',
  localHour: '当地小时 Local hour',
  checkedAt: '打卡时间 Checked at',
  isMakeup: '补签 Makeup',
  madeUpOn: '补签操作日 Made up on',
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
  replyCount: '回复数 Replies',
  reportCount: '举报数 Reports',
  viewCount: '浏览数 Views',
  post: '帖子 Post',
  board: '版块 Board',
  thread: '所属楼层 Thread',
  replyTo: '回复对象 Reply to',
  replyToName: '回复对象昵称 Reply-to name',
  anonymous: '匿名 Anonymous',
  linkKind: '关联类型 Linked kind',
  linkDocumentId: '关联文档 ID Linked document id',
  hiddenReason: '隐藏原因 Hidden because',
  textCheck: '文字审核 Text check',
  mediaCheck: '图片审核 Image check',
  listedAt: '上墙时间 Listed at',
  commentsLocked: '禁止评论 Comments locked',
  slug: '路径标识 Slug',
  postPermission: '发帖权限 Who may post',
  parent: '上级 Parent',
  price: '价格(分) Price (fen)',
  originalPrice: '原价(分) Original price (fen)',
  pointsPrice: '积分价 Points price',
  salesCount: '销量 Sales',
  orderNo: '订单号 Order no.',
  status: '状态 Status',
  state: '状态 State',
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
  transactionId: '微信支付单号 WeChat transaction id',
  prepayId: '预支付 ID Prepay id',
  prepayExpiresAt: '预支付过期 Prepay expires at',
  idempotencyKey: '幂等键 Idempotency key',
  admins: '店铺管理员 Shop admins',
  restock: '补货(+/-件) Restock (+/- units)',
  product: '商品 Product',
  sku: '规格 SKU',
  order: '订单 Order',
  unitPrice: '单价(分) Unit price (fen)',
  unitPoints: '单价(积分) Unit points',
  quantity: '数量 Quantity',
  contact: '联系方式 Contact',
  username: '用户名 Username',
  email: '邮箱 Email',
  provider: '登录方式 Provider',
  password: '密码 Password',
  resetPasswordToken: '重置密码令牌 Reset token',
  confirmationToken: '确认令牌 Confirmation token',
  confirmed: '已确认 Confirmed',
  blocked: '已封禁 Blocked',
  role: '角色 Role',
  openid: '微信 openid WeChat openid',
  unionid: '微信 unionid WeChat unionid',
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
  pointsEarned: '累计获得积分 Points earned',
  makeupCards: '补签卡 Makeup cards',
  phoneCipher: '手机号(加密) Phone (encrypted)',
  phoneMasked: '手机号 Phone (masked)',
  lastLoginAt: '最近登录 Last sign-in',
  deletedAt: '注销时间 Deleted at',
  totalCheckInDays: '累计打卡天数 Check-in days',
  consecutiveDays: '连续打卡天数 Days in a row',
  lastCheckInDate: '最近打卡日 Last check-in day',
  daysReachedAt: '天数达成时间 Days reached at',
  streakReachedAt: '连续达成时间 Streak reached at',
  pointsReachedAt: '积分达成时间 Points reached at',
  lastMakeupAwardDate: '最近补签卡日 Last makeup card day',
  lastDiaryAwardDate: '最近日记积分日 Last diary points day',
  smokingSettings: '吸烟设置 Smoking settings',
  streakCurrent: '当前连续 Current streak',
  streakLongest: '最长连续 Longest streak',
  streakHoldsThrough: '连续有效至 Streak holds through',
  joinDeadline: '报名截止 Join deadline',
  rule: '规则 Rule',
  perWeek: '每周次数 Per week',
  weeks: '周数 Weeks',
  allowMakeup: '允许补签 Makeups count',
  maxParticipants: '人数上限 Max participants',
  entryCost: '报名积分 Entry cost',
  badgeIcon: '徽章图标 Badge icon',
  topK: '前 K 名 Top K',
  topPoints: '前 K 名奖励 Top K points',
  creator: '发起人 Creator',
  inviteCode: '邀请码 Invite code',
  finishedAt: '结束处理时间 Finished at',
  // AI coach
  diary: '日记 Diary',
  diaryKey: '日记编号 Diary key',
  attempts: '尝试次数 Attempts',
  runAt: '执行时间 Run at',
  leaseUntil: '占用至 Leased until',
  lastError: '最近错误 Last error',
  lastMessageAt: '最近消息 Last message at',
  question: '问题 Question',
  answer: '回答 Answer',
  conversation: '对话 Conversation',
  source: '来源 Source',
  promptTokens: '提问 token Prompt tokens',
  completionTokens: '回答 token Completion tokens',
  requestKey: '请求键 Request key',
  freeDailyTokens: '免费用户每日额度 Free: tokens a day',
  vipTrialDays: 'VIP 体验天数 VIP trial days',
  vipDailyTokens: 'VIP 体验期每日额度 VIP: tokens a day',
  aiDailyTokens: 'AI 会员每日额度 AI members: tokens a day',
  startedAt: '开始时间 Started at',
  day: '日期 Day',
  used: '已用 Used',
  // challenges
  awardedAt: '获得时间 Awarded at',
  daysDone: '已完成天数 Days done',
  daysNeeded: '所需天数 Days needed',
  streak: '连续天数 Streak',
  bestStreak: '最长连续 Best streak',
  progressAt: '进度更新 Progress at',
  reachedAt: '达成时间 Reached at',
  entryPaid: '已付报名积分 Entry paid',
  joinedAt: '加入时间 Joined at',
  leftAt: '退出时间 Left at',
  finishRank: '完成名次 Finish rank',
  ledgerEntryId: '积分流水编号 Ledger entry id',
  // community
  moderatorId: '审核员编号 Moderator id',
  moderatorName: '审核员 Moderator',
  targetType: '对象类型 Target type',
  targetId: '对象编号 Target id',
  targetDocumentId: '对象文档 ID Target document id',
  postDocumentId: '帖子文档 ID Post document id',
  action: '操作 Action',
  fromStatus: '原状态 From',
  toStatus: '新状态 To',
  followee: '被关注者 Followee',
  fileId: '文件编号 File id',
  traceId: '微信追踪 ID WeChat trace id',
  verdict: '结论 Verdict',
  label: '风险标签 Risk label',
  judgedAt: '判定时间 Judged at',
  until: '截止 Until',
  reason: '原因 Reason',
  liftedAt: '解除时间 Lifted at',
  actorName: '操作人 Actor',
  text: '文本 Text',
  readAt: '已读时间 Read at',
  dedupeKey: '去重键 Dedupe key',
  counted: '已计入 Counted',
  resolved: '已处理 Resolved',
  // gamification
  scope: '范围 Scope',
  key: '键 Key',
  requestHash: '请求摘要 Request hash',
  statusCode: '状态码 Status code',
  response: '响应 Response',
  prize: '奖品 Prize',
  prizeName: '奖品名称 Prize name',
  prizeKind: '奖品类型 Prize kind',
  prizeAmount: '奖品数量 Prize amount',
  isWinner: '中奖 Won',
  cost: '消耗积分 Cost',
  balanceAfter: '变动后余额 Balance after',
  sourceType: '来源类型 Source type',
  sourceId: '来源编号 Source id',
  maxUses: '每码可用次数 Uses per code',
  validFrom: '生效时间 Valid from',
  validUntil: '失效时间 Valid until',
  batch: '批次 Batch',
  codeHash: '兑换码摘要 Code hash',
  uses: '已用次数 Uses',
  code: '兑换码 Code',
  result: '结果 Result',
  pointsPerCheckIn: '每次打卡积分 Points per check-in',
  streakBonuses: '连续奖励 Streak bonuses',
  makeupAwardsPoints: '补签得积分 Makeups earn points',
  makeupWindowDays: '补签天数 Makeup window (days)',
  makeupsPerDay: '每日补签上限 Makeups per day',
  makeupCardEvery: '补签卡间隔 A card every N days',
  weekStartsOn: '每周起始 Week starts on',
  pointsPerDiary: '日记积分 Points per diary',
  customTaskPoints: '自定义任务积分 Custom task points',
  drawCost: '抽奖消耗 Points per draw',
  drawsPerDay: '每日抽奖次数 Draws per day',
  noPrizeName: '未中奖文案 No-prize text',
  noPrizeWeight: '未中奖权重 No-prize weight',
  quitRelapseRule: '复吸当天打卡 Relapse day check-in',
  // mall
  actorType: '操作方 Actor type',
  actorId: '操作方编号 Actor id',
  notificationId: '通知 ID Notification id',
  eventType: '事件类型 Event type',
  outTradeNo: '商户订单号 Out trade no.',
  outcome: '处理结果 Outcome',
  outRefundNo: '退款单号 Out refund no.',
  method: '退款方式 Method',
  amountFen: '金额(分) Amount (fen)',
  amountPoints: '积分 Points',
  returnFrom: '退货寄出地 Return from',
  decidedBy: '处理人 Decided by',
  decisionNote: '处理说明 Decision note',
  wxRefundId: '微信退款单号 WeChat refund id',
  decidedAt: '处理时间 Decided at',
  succeededAt: '成功时间 Succeeded at',
  // quit
  at: '时间 At',
  intensity: '强度 Intensity',
  trigger: '诱因 Trigger',
  resisted: '忍住了 Resisted',
  afterMinutes: '达成时间（分钟）After minutes',
  quitAt: '戒烟时间 Quit at',
  reasons: '戒烟理由 Reasons',
  // reminders
  templateId: '微信模板 ID WeChat template id',
  longTerm: '长期订阅 Long-term',
  fields: '字段 Fields',
  page: '打开页面 Page',
  slot: '时刻 Slot',
  creditSpent: '已用授权 Credit spent',
  dueAt: '应发时间 Due at',
  nextAttemptAt: '下次尝试 Next attempt at',
  claimedAt: '领取时间 Claimed at',
  sentAt: '发送时间 Sent at',
  errcode: '微信错误码 errcode',
  error: '错误 Error',
  msgid: '微信消息 ID msgid',
  values: '填充值 Values',
  data: '发送数据 Data',
  test: '测试发送 Test',
  quietStart: '免打扰开始 Quiet from',
  quietEnd: '免打扰结束 Quiet until',
  streakRiskHour: '中断提醒时刻 Streak-at-risk hour',
  userRef: '用户编号 User id',
  habitRef: '习惯编号 Habit id',
  minute: '分钟(当地) Minute of day',
  credits: '剩余授权 Credits',
  acceptedTotal: '累计授权 Accepted in all',
  longTermAccepted: '已长期授权 Long-term accepted',
  lastResult: '最近结果 Last answer',
  lastAskedAt: '最近询问 Last asked at',
  // wechat
  tokenHash: '令牌摘要 Token hash',
  familyId: '令牌族 Family id',
  rotatedAt: '轮换时间 Rotated at',
  revokedAt: '吊销时间 Revoked at',
  successorCipher: '后继令牌(加密) Successor (encrypted)',
  sessionKeyCipher: '会话密钥(加密) Session key (encrypted)',
};

/** Help for the names that mean the same in every type that has them (a type's own line wins). */
const DESCRIPTIONS: Record<string, string> = {
  localDate: '用户所在时区的当地日期（默认 Asia/Shanghai）。 The user’s local day, in their own timezone (default Asia/Shanghai).',
  createdAt: '按你的浏览器时区显示。 Shown in your browser’s timezone.',
  sortOrder: '小的在前。 Smaller first.',
  active: '关闭后用户看不到、也不能选用。 Off: hidden from users and not offered to them.',
  price: '单位：分（1 元 = 100 分）。 In fen (1 元 = 100 fen).',
  originalPrice: '划线价，单位：分。 The struck-through price, in fen.',
  totalFen: '微信支付金额，单位：分。 Paid through WeChat Pay, in fen.',
  amountFen: '单位：分。 In fen.',
  unitPrice: '下单时的单价，单位：分。 Unit price at order time, in fen.',
  timezone: 'IANA 时区名，例如 Asia/Shanghai。 IANA zone name, e.g. Asia/Shanghai.',
  dayStartHour: '几点算新的一天（0-23，当地时间），例如 4 = 凌晨 4 点前的打卡算前一天。 The local hour a new day starts (0-23): 4 counts check-ins before 4 am to the day before.',
  pointsAwarded: '这条记录获得的积分（已记入积分流水）。 Points this record earned (already in the ledger).',
  duration: '单位：分钟。 In minutes.',
  weekdays: 'JSON 列表，1 = 周一 … 7 = 周日，例如 [1,3,5]。 JSON list, 1 = Monday … 7 = Sunday, e.g. [1,3,5].',
  reminderTimes: 'JSON 列表，当地时间 HH:mm，例如 ["07:30","21:00"]。 JSON list of local times, e.g. ["07:30","21:00"].',
  tags: 'JSON 字符串列表，例如 ["晨间","运动"]。 JSON list of strings, e.g. ["晨间","运动"].',
  images: '图片地址的 JSON 列表。 JSON list of image URLs.',
  isMakeup: '事后补签的打卡（补签卡或补签次数），不是当天打的。 Made up afterwards, not checked in on the day.',
  stock: '-1 = 不限量；中奖一次减 1。 -1 = unlimited; each win takes one.',
  weight: '相对权重：越大越容易抽中（与未中奖权重比较）。 Relative odds: larger wins more often (next to the no-prize weight).',
  pointsBalance: '积分流水之和，由系统维护，不要在这里改；加减积分请用“积分调整”。 The sum of the points ledger, kept by the system: use 积分调整 Points grant to change it.',
  makeupCards: '可用的补签卡张数。 Makeup cards the user holds.',
  membershipTier: 'free 免费 · vip 会员 · ai AI 会员；到期后按 free 对待。 free, vip or ai; after it expires the user counts as free.',
  membershipExpiresAt: '按你的浏览器时区显示；空 = 不过期。 Shown in your browser’s timezone; empty: never.',
  showInRanking: '关闭后不出现在排行榜上。 Off: left out of the leaderboards.',
  blocked: '封禁后不能登录、不能调用接口。 Blocked users cannot sign in or use the API.',
  authorNickname: '发布时作者的昵称（快照）。 The author’s nickname when it was posted (a snapshot).',
  pinned: '置顶帖排在版块最前面。 Pinned posts come first on their board.',
  commentsLocked: '开启后不能再评论。 On: no new comments.',
  anonymous: '对其他用户隐藏作者。 The author is hidden from other users.',
  textCheck: '微信内容安全（msgSecCheck）的结论：pass 通过 · review 需人工复核 · unavailable 未能检查。 WeChat msgSecCheck’s verdict: pass, review (a person decides) or unavailable.',
  mediaCheck: '图片的微信内容安全结论。 WeChat’s verdict on the images.',
  hiddenReason: '为什么被隐藏：reports 举报过多 · media 图片违规 · moderator 审核员。 Why it is hidden: too many reports, its images, or a moderator.',
  likeCount: '由系统维护（= 点赞记录数）。 Kept by the system (the number of likes).',
  commentCount: '由系统维护（= 评论数）。 Kept by the system (the number of comments).',
  reportCount: '由系统维护（= 举报数）。 Kept by the system (the number of reports).',
  expiresAt: '超时未支付自动取消。 Unpaid orders are cancelled at this time.',
  afterSalesUntil: '此前可申请退款。 Refunds may be asked for until then.',
  address: '收货地址（JSON，下单时的快照）。 Delivery address (JSON, as it was at order time).',
  totalPoints: '积分支付部分。 The part paid in points.',
  transactionId: '微信支付返回的交易单号。 WeChat Pay’s transaction id.',
};

/** A type's own labels and help, where a name means something particular there. */
const TYPE_FIELDS: Record<string, Record<string, Field>> = {
  'api::habit-template.habit-template': {
    kind: ['类型 Kind', 'build 养成 · quit 戒除（戒除类习惯按“坚持没做”打卡）。 build a habit, or quit one (checked in for not doing it).'],
    frequencyType: ['频率 Frequency', 'daily 每天 · timesPerWeek 每周 N 次 · weekdays 每周固定几天 · everyNDays 每隔 N 天。 How often: daily, N times a week, on weekdays, every N days.'],
    timesPerWeek: ['每周次数 Times per week', '仅 timesPerWeek：每周要打卡几次。 timesPerWeek only: check-ins a week.'],
    intervalDays: ['间隔天数 Every N days', '仅 everyNDays：每隔几天一次。 everyNDays only: N.'],
    goalType: ['目标类型 Goal type', 'none 打卡即可 · count 次数 · duration 时长（分钟）。 none, a count, or a duration in minutes.'],
    goalValue: ['目标值 Goal value', '次数或分钟数，单位见目标单位。 The count or minutes; see the goal unit.'],
    goalUnit: ['目标单位 Goal unit', '显示用，例如 杯、页、分钟。 Shown to users, e.g. 杯, 页, 分钟.'],
    icon: ['图标 Icon', '图标名或图片地址。 An icon name or image URL.'],
    color: ['颜色 Color', '十六进制颜色，例如 #4CAF50。 Hex colour, e.g. #4CAF50.'],
  },
  'api::habit.habit': {
    template: ['模板 Template', '用户从哪个习惯模板创建（可空）。 The template the user started from (may be empty).'],
    archived: ['已归档 Archived', '归档后不再提醒、不计入今日，历史保留。 Archived habits are not reminded or due; their history stays.'],
    startDate: ['开始日期 Start date', '用户当地日期。 The user’s local date.'],
    endDate: ['结束日期 End date', '用户当地日期；空 = 长期。 The user’s local date; empty: no end.'],
    streakCurrent: ['当前连续 Current streak', '由打卡维护，不要手改。 Kept by check-ins: do not edit.'],
    streakLongest: ['最长连续 Longest streak', '由打卡维护，不要手改。 Kept by check-ins: do not edit.'],
    streakHoldsThrough: ['连续有效至 Streak holds through', '当前连续天数在这天之前不打卡也不会中断（当地日期）。 The streak stays unbroken through this local day.'],
  },
  'api::check-in.check-in': {
    checkedAt: ['打卡时间 Checked at', '打卡的时刻，按你的浏览器时区显示；属于哪天看“日期”。 The instant, in your browser’s timezone; the day it counts for is the local date.'],
    madeUpOn: ['补签操作日 Made up on', '补签是在哪天（当地日期）做的。 The local day the makeup was made on.'],
    mood: ['心情 Mood', '1-5，5 最好。 1-5, 5 the best.'],
    count: ['次数 Count', '目标类型为 count 时完成的次数。 Done count, for count goals.'],
    images: ['图片 Images', '打卡图片地址的 JSON 列表。 JSON list of the check-in’s image URLs.'],
  },
  'api::diary.diary': {
    isDraft: ['草稿 Draft', '草稿只有作者自己看得到，不得积分、不生成 AI 点评。 Drafts are the author’s only: no points, no AI comment.'],
    aiCommentStatus: ['AI 点评状态 AI comment status', 'pending 生成中 · ready 已生成 · failed 失败 · refused 内容审核未通过。 The AI coach’s comment: pending, ready, failed, or refused by the content check.'],
    pointsAwarded: ['获得积分 Points awarded', '每个当地日第一篇发布的日记得积分。 The first diary published on a local day earns points.'],
  },
  'api::task-template.task-template': {
    points: ['积分 Points', '完成一次得多少积分。 Points for completing it.'],
    weekdays: ['星期 Weekdays', 'JSON 列表，1 = 周一 … 7 = 周日；空 = 每天都有。 JSON list, 1 = Monday … 7 = Sunday; empty: every day.'],
  },
  'api::task.task': {
    isSystem: ['系统任务 System task', '来自任务模板（否则是用户自建）。 From a task template (otherwise the user’s own).'],
    points: ['积分 Points', '完成时获得的积分。 Points earned on completion.'],
    completedAt: ['完成时间 Completed at', '按你的浏览器时区显示。 Shown in your browser’s timezone.'],
  },
  'api::prize.prize': {
    kind: ['类型 Kind', 'virtual 虚拟 · physical 实物（需发货）· points 积分 · makeupCard 补签卡 · vipDays 会员天数。 What a win gives.'],
    amount: ['数量 Amount', 'points：积分数；makeupCard：张数；vipDays：天数。 Points, makeup cards or VIP days a win gives.'],
  },
  'api::order.order': {
    status: ['状态 Status', '只能按订单状态表流转，请在“订单 Orders”页面发货、退款。 Moves only along the status table: ship and refund from the 订单 Orders page.'],
    payMethod: ['支付方式 Payment', 'points 积分 · wechat 微信支付。 Points or WeChat Pay.'],
    title: ['标题 Title', '订单摘要（第一件商品等）。 A summary of the order (its first item, …).'],
    pickup: ['自提点 Pickup point', '买家选择的自提点；空 = 快递。 Where the buyer picks it up; empty: delivered.'],
  },
  'api::product-category.product-category': {
    parent: ['上级 Parent', '两级分类：顶级分类留空，否则选一个顶级分类。 Two levels: empty for a top category, or a top category.'],
  },
  'api::product.product': {
    kind: ['类型 Kind', 'mall 商城商品 · secondHand 二手（学生发布，需审核）。 A mall product, or a student’s second-hand listing (reviewed).'],
    merchant: ['商家 Merchant', '空 = 平台自营。 Empty: the platform’s own.'],
    price: ['最低价(分) Lowest price (fen)', '在售规格的最低价，由商城维护。 The lowest price of the active SKUs (kept by the mall).'],
    pointsPrice: ['最低积分价 Lowest points price', '在售规格的最低积分价，由商城维护。 The lowest points price of the active SKUs (kept by the mall).'],
    salesCount: ['销量 Sales', '各规格销量之和（每分钟刷新）。 Units sold over the SKUs (refreshed every minute).'],
    review: ['审核 Review', '二手商品等待审核：approved 上架，rejected 不上架。 Second-hand listings wait here for a moderator: approved shows them, rejected keeps them off sale.'],
    seller: ['卖家 Seller', '发布二手商品的学生（仅二手）。 The student who listed it (second-hand only).'],
    region: ['校区 Region', '二手商品的校区。 The campus of a second-hand listing.'],
  },
  'api::challenge.challenge': {
    habitTemplate: ['习惯模板 Habit template', '参加者会得到一个按它建的习惯（或关联已有的同模板习惯）。 Joiners get a habit made from it (or link theirs of the same template).'],
    timezone: ['时区 Timezone', '日期所在的 IANA 时区，例如 Asia/Shanghai。 IANA zone the dates are local to, e.g. Asia/Shanghai.'],
    startDate: ['开始日期 Start date', '第一天（当地），从当天零点开始。 First day (local): the challenge starts at its midnight.'],
    endDate: ['结束日期 End date', '最后一天（当地），次日零点结束，随后结算。 Last day (local): the challenge ends at the next midnight, then the finishing job pays.'],
    joinDeadline: ['报名截止 Join deadline', '最后可报名的当地日期；空 = 直到结束。 Last local day to join; empty: until the end.'],
    rule: ['规则 Rule', 'daysOf 累计 N 天 · streak 连续 N 天 · weekly 每周 perWeek 次、共 weeks 周。 daysOf: check in on N days; streak: N days in a row; weekly: perWeek check-ins each week for weeks weeks.'],
    targetDays: ['目标天数 Target days', 'N：累计（daysOf）或连续（streak）打卡天数，不超过起止天数。 N: days to check in on (daysOf) or in a row (streak); at most the days from start to end.'],
    perWeek: ['每周次数 Per week', '仅 weekly：每周需打卡次数。 weekly only: check-ins needed each week.'],
    weeks: ['周数 Weeks', '仅 weekly：从开始日起的 7 天一段，须在结束日前结束。 weekly only: 7-day blocks from the start date; must fit before the end date.'],
    allowMakeup: ['允许补签 Makeups count', '挑战期间的补签是否计入。 Whether makeup check-ins inside the window count.'],
    maxParticipants: ['人数上限 Max participants', '空 = 不限。 Empty: no cap.'],
    entryCost: ['报名积分 Entry cost', '报名消耗的积分（开始前退出会退还）。 Points spent to join (refunded when leaving before the start).'],
    rewardPoints: ['完成奖励 Reward points', '每位完成者得一次（官方挑战）。 Paid once to each finisher (official challenges).'],
    badge: ['徽章 Badge', '完成者获得的徽章名，显示在个人主页；空 = 无。 Awarded to each finisher; shown on their profile. Empty: none.'],
    badgeIcon: ['徽章图标 Badge icon', '徽章图片地址。 Image URL of the badge.'],
    topK: ['前 K 名 Top K', '排行前 K 名的完成者另得下面的奖励（0 = 无）。 Finishers placed 1..K on the board get the extra below (0: none).'],
    topPoints: ['前 K 名奖励 Top K points', '前 K 名每人额外积分。 Extra points for each of the top K finishers.'],
    visibility: ['可见性 Visibility', 'everyone 所有人 · vip 仅会员 · region 仅某地区。 everyone, VIP members only, or one region.'],
    region: ['地区 Region', '可见性为 region 时：省、市或区名。 visibility region: province, city or district name.'],
    isOfficial: ['官方 Official', '官方挑战公开列出并发放积分；用户发起的凭邀请码加入、瓜分报名积分。 Official challenges are listed and pay points; user-made ones are joined by invite code and split the entries.'],
    creator: ['发起人 Creator', '发起用户挑战的会员。 The VIP member who made a user-made challenge.'],
    inviteCode: ['邀请码 Invite code', '用户挑战：好友凭它加入。 User-made challenges: friends join with it.'],
    review: ['审核 Review', 'published 已发布 · pending 待人工审核（发布前不能加入）· rejected 已驳回。 published; pending (msgSecCheck wants a person: no joins until published); rejected.'],
    state: ['状态 State', 'open 进行中，结算任务关闭后为 finished（只读）。 open until the finishing job closes it (finished; read-only).'],
    finishedAt: ['结束处理时间 Finished at', '结算任务关闭它的时间。 When the finishing job closed it.'],
    participantsCount: ['参与人数 Participants', '未退出的参与者人数（由加入和退出维护，只读）。 Participants who have not left (kept by joins and leaves; read-only).'],
  },
  'plugin::users-permissions.user': {
    username: ['用户名 Username', '系统生成（微信用户），不显示给其他用户。 Generated for WeChat users; not shown to others.'],
    provider: ['登录方式 Provider', 'wechat 微信登录，local 账号密码。 wechat or local.'],
    role: ['角色 Role', '小程序用户的接口权限角色（不是后台角色）。 The API role of a mini-program user (not an admin role).'],
    phoneMasked: ['手机号 Phone (masked)', '只保存打码后的号码用于显示。 Only a masked number is shown.'],
    smokingSettings: ['吸烟设置 Smoking settings', 'JSON：每天几支、每包几支、每包价格等（戒烟报告用）。 JSON: cigarettes a day, per pack, pack price … (for the quit report).'],
    totalCheckInDays: ['累计打卡天数 Check-in days', '由打卡维护。 Kept by check-ins.'],
    consecutiveDays: ['连续打卡天数 Days in a row', '由打卡维护。 Kept by check-ins.'],
    pointsEarned: ['累计获得积分 Points earned', '由积分流水维护（排行榜用）。 Kept by the ledger (for the boards).'],
    deletedAt: ['注销时间 Deleted at', '用户注销账号的时间；之后资料已清除。 When the user deleted their account; their data is gone.'],
  },
  'plugin::community.board': {
    slug: ['路径标识 Slug', '小程序里用来打开版块，建好后不要改。 The mini-program opens the board by it: do not change it once used.'],
    postPermission: ['发帖权限 Who may post', 'everyone 所有人 · vip 仅会员 · editors 仅编辑（公告）。 Everyone, VIP members, or editors only (announcements).'],
    kind: ['类型 Kind', 'forum 论坛版块 · habitFeed 打卡动态。 A forum section, or the habit feed.'],
  },
  'plugin::community.post': {
    status: ['状态 Status', 'pending 待审核 · published 已发布 · rejected 已驳回 · hidden 已隐藏 · deleted 已删除；请在“审核 Moderation”页处理。 Moderate from the 审核 page.'],
    listedAt: ['上墙时间 Listed at', '发布（审核通过）的时间，列表按它排序。 When it was published; lists sort by it.'],
    linkKind: ['关联类型 Linked kind', '帖子分享的对象：checkIn 打卡 · habit 习惯 · challenge 挑战。 What the post shares.'],
    viewCount: ['浏览数 Views', '由系统维护。 Kept by the system.'],
  },
  'plugin::community.comment': {
    status: ['状态 Status', 'pending 待审核 · published 已发布 · rejected 已驳回 · hidden 已隐藏 · deleted 已删除。 Moderate from the 审核 page.'],
    thread: ['所属楼层 Thread', '回复所属的一级评论；一级评论为空。 The top-level comment a reply belongs to; empty for a top-level one.'],
    replyTo: ['回复对象 Reply to', '被回复的评论。 The comment it answers.'],
    replyCount: ['回复数 Replies', '由系统维护。 Kept by the system.'],
  },
  'plugin::gamification.points-grant': {
    user: ['用户 User', '给谁加减积分。 Whose points change.'],
    amount: ['积分(+/-) Points (+/-)', '正数加分，负数扣分；保存后记入积分流水，不能修改或删除（反向再发一笔）。 Positive grants, negative deducts; saving writes a ledger entry that cannot be edited or deleted (make a reverse grant).'],
    reason: ['原因 Reason', '用户会在积分明细里看到。 Shown to the user in their points history.'],
    ledgerEntryId: ['积分流水编号 Ledger entry id', '保存后生成（只读）。 Written when saved (read-only).'],
  },
  'plugin::gamification.redeem-batch': {
    count: ['码数 Codes', '这一批生成多少个兑换码。 How many codes the batch has.'],
    amount: ['数量 Amount', '每个码给的天数、张数或积分。 Days, cards or points each code gives.'],
  },
  'plugin::gamification.points-entry': {
    amount: ['积分变动 Change', '正数获得，负数消耗。 Positive earns, negative spends.'],
  },
  'plugin::gamification.settings': {
    pointsPerCheckIn: ['每次打卡积分 Points per check-in', '每次打卡得多少积分（seed 000：10）。 Points for each check-in (seed 000: 10).'],
    streakBonuses: ['连续奖励 Streak bonuses', 'JSON 列表 { "every": 天数, "bonus": 积分 }。 JSON list of { "every": days, "bonus": points }, e.g. [{"every":7,"bonus":50},{"every":30,"bonus":200}].'],
    makeupAwardsPoints: ['补签得积分 Makeups earn points', '补签是否也得每次打卡积分。 Whether a makeup check-in earns the per-check-in points.'],
    makeupWindowDays: ['补签天数 Makeup window (days)', '最多补签几天前的。 How many days back a makeup may go.'],
    makeupsPerDay: ['每日补签上限 Makeups per day', '一个当地日最多补签几次。 Makeups a user may make on one local day.'],
    makeupCardEvery: ['补签卡间隔 A card every N days', '每连续 N 天送一张补签卡。 One makeup card for every N consecutive days.'],
    weekStartsOn: ['每周起始 Week starts on', '1 = 周一 … 7 = 周日（用于“每周 N 次”）。 1 = Monday ... 7 = Sunday, for "N times a week" habits.'],
    pointsPerDiary: ['日记积分 Points per diary', '每个当地日第一篇发布的日记得分。 For the first diary a user publishes each local day.'],
    customTaskPoints: ['自定义任务积分 Custom task points', '完成自建任务得分（0 = 不得分）。 Points for completing a task users made themselves (0 = none).'],
    drawCost: ['抽奖消耗 Points per draw', '抽一次消耗的积分。 What one lottery draw costs.'],
    drawsPerDay: ['每日抽奖次数 Draws per day', '一个当地日最多抽几次。 Draws a user may make on one local day.'],
    noPrizeName: ['未中奖文案 No-prize text', '没中奖时显示（谢谢参与）。 Shown when a draw wins nothing (谢谢参与).'],
    noPrizeWeight: ['未中奖权重 No-prize weight', '不中奖的权重，与各奖品权重相比（0 = 有库存就必中）。 Weight of winning nothing, next to the prizes’ weights (0 = always a prize while any is in stock).'],
    quitRelapseRule: ['复吸当天打卡 Relapse day check-in', 'dayNotCheckedIn 复吸当天不能打卡、已有打卡撤销 · keepCheckIn 保留打卡。 dayNotCheckedIn: a relapse day of a quit habit cannot be checked in, and its check-in is undone; keepCheckIn: check-ins stay.'],
  },
  'plugin::mall.sku': {
    stock: ['库存 Stock', '剩余可售件数。只读：用下面的“补货”修改。 Units left to sell. Read-only: change it with 补货 below.'],
    restock: ['补货(+/-件) Restock (+/- units)', '保存时增加（负数为减少）的件数，直接加到实时库存上，期间的销售不受影响。 Units to add (or take away with a minus) when you save; applied to the live stock, so sales made meanwhile are kept.'],
    reserved: ['待支付占用 Reserved', '未支付的微信支付订单占用的件数（超时后归还）。 Units held by unpaid WeChat Pay orders (returned when they time out).'],
    salesCount: ['销量 Sales', '已售件数（由订单维护）。 Units sold (kept by the orders).'],
    price: ['价格(分) Price (fen)', '单位：分（1 元 = 100）；空 = 不能用钱买。 In fen (1 元 = 100). Empty: not sold for money.'],
    pointsPrice: ['积分价 Points price', '空 = 不能用积分买。 Empty: not sold for points.'],
  },
  'plugin::mall.merchant': {
    pickupPoints: ['自提点 Pickup points', '买家可自提的地点，JSON 列表。 JSON list of places buyers pick up at, e.g. ["东区快递站", "图书馆一楼"].'],
    admins: ['店铺管理员 Shop admins', '本店的后台账号（给他们“商家 Merchant”角色）：只能看到本店的商品、规格和订单。 Admin accounts of this shop (give them the 商家 Merchant role): they see only this shop’s products, SKUs and orders.'],
    region: ['校区 Region', '店铺所在校区。 The campus of the shop.'],
  },
  'plugin::mall.refund': {
    method: ['退款方式 Method', 'points 退回积分 · wechat 微信原路退回。 Back to points, or through WeChat Pay.'],
  },
  'plugin::quit.milestone': {
    afterMinutes: ['达成时间（分钟）After minutes', '戒烟（或最近一次复吸）后多少分钟达成（20 = 20 分钟，1440 = 1 天）。 Reached this many minutes after the quit time or the last relapse (20 = 20 分钟, 1440 = 1 天).'],
    sort: ['排序 Sort', '戒烟报告中小的在前。 Smaller first in the quit report.'],
  },
  'plugin::quit.relapse': {
    count: ['支数 Cigarettes', '这次抽了几支。 Cigarettes smoked.'],
  },
  'plugin::quit.craving': {
    intensity: ['强度 Intensity', '1（轻）到 5（强）。 1 (mild) to 5 (strong).'],
  },
  'plugin::ai-coach.setting': {
    freeDailyTokens: ['免费用户每日额度 Free: tokens a day', '免费用户每天的少量体验；0 = 不提供（引导开通会员）。 A small daily trial for free users; 0 turns them away (开通会员).'],
    vipTrialDays: ['VIP 体验天数 VIP trial days', 'Seed 003：4 天 AI 体验，从会员第一次聊天起算。 Seed 003: 4 天 AI 体验, counted from the member’s first chat as VIP.'],
    vipDailyTokens: ['VIP 体验期每日额度 VIP: tokens a day', '体验期内；之后 VIP 需开通 AI 会员。 During the trial; after it a VIP member needs the AI membership.'],
    aiDailyTokens: ['AI 会员每日额度 AI members: tokens a day', '会员期内；一问一答约 1,000 token。 For the membership’s term. About 1,000 tokens make one exchange.'],
  },
  'plugin::ai-coach.faq': {
    question: ['问题 Question', '用户常问的问题：相同（忽略标点、空格、大小写）或几乎相同的提问直接用下面的回答，不调用模型、不扣额度。 The same text (punctuation, spaces and case aside), or nearly, is answered with the answer below, without the model and at no cost.'],
    answer: ['回答 Answer', '作为教练的回答显示给用户。 Shown to the user as the coach’s answer.'],
    active: ['启用 Active', '关闭后这个问题重新由模型回答。 Off: the model answers this question again.'],
  },
  'plugin::ai-coach.usage': {
    reserved: ['占用 Reserved', '进行中的回答预占的 token。 Tokens held for answers in progress.'],
    day: ['日期 Day', '用户当地日期（YYYY-MM-DD）。 The user’s local day (YYYY-MM-DD).'],
  },
  'plugin::reminders.template': {
    title: ['名称 Name', '给编辑看的：这个模板用来做什么。 For editors: what this template is for.'],
    templateId: ['微信模板 ID WeChat template id', '从小程序后台（订阅消息 → 我的模板）复制。 From the mini-program console (订阅消息 → 我的模板). The fake WeChat accepts any id.'],
    kind: ['用途 Kind', 'habitReminder 打卡提醒 · streakAtRisk 连续打卡将中断 · milestoneReached 里程碑 · challengeEnding 挑战将结束 · orderShipped 订单发货 · postReviewed 帖子审核结果。同一用途发送最新的启用模板。 The newest active template of a kind is the one sent.'],
    longTerm: ['长期订阅 Long-term', '仅微信允许长期订阅的类目；一次性模板每条消息都要用户同意一次。 Only for categories WeChat grants long-term subscriptions; one-time templates need one "allow" per message.'],
    fields: ['字段 Fields', 'JSON：微信字段名和内容，例如 {"thing1":"{habit}","time2":"{date} {time}"}。 Placeholders: {habit} {time} {date} {streak} (reminders); {milestone} {days} (milestones); {challenge} {endDate} {daysDone} {daysNeeded} (challenge ending); {orderNo} {title} {carrier} {trackingNumber} (order shipped); {result} {text} (post reviewed). thing values are cut to 20 characters.'],
    page: ['打开页面 Page', '点消息打开的小程序页面。 The mini-program page the message opens, e.g. pages/habit/index?documentId={habitDocumentId}.'],
    active: ['启用 Active', '关闭后不再用它发送，小程序也不再请求订阅。 Off: nothing is sent with this template and the mini-program stops asking for it.'],
  },
  'plugin::reminders.send': {
    kind: ['用途 Kind'],
    reason: ['原因 Reason', '发送原因：habit:<id>、streak、order:<no>、post:<id>、test:<admin>。 Why it was sent.'],
    localDate: ['当地日期 Local date', '提醒所属的用户当地日期。 The user’s local date of the reminder.'],
    slot: ['时刻 Slot', '当地时间（HH:mm）或事件。 The local time (HH:mm) or the event.'],
    state: ['状态 State', 'sent 已发送 · failed 失败 · refused 用户拒收 (43101) · noCredit 无授权次数 · quiet 免打扰 · interrupted 中断（不重发）· queued/retry 待发。 What became of it.'],
    dueAt: ['应发时间 Due at', '按你的浏览器时区显示。 Shown in your browser’s timezone.'],
    test: ['测试发送 Test', '后台“发给我”的测试消息。 A test an editor sent to themselves.'],
  },
};

const COUNTERS = ['likeCount', 'commentCount', 'viewCount', 'reportCount', 'replyCount'];

/** Fields the system keeps: shown, not edited. */
const READ_ONLY: Record<string, Set<string> | 'all'> = {
  // The challenges plugin writes these (joins, the finishing job, user-made challenges): editor-writes.ts.
  'api::challenge.challenge': new Set(['participantsCount', 'state', 'finishedAt', 'creator', 'inviteCode']),
  // A SKU's stock, reserved units and sales move with the orders (conditional statements): a form would put
  // back units sold while it was open, so editors change stock through 补货 only (catalogue-rules.ts).
  'plugin::mall.sku': new Set(['stock', 'reserved', 'salesCount']),
  // A product's prices and sales are copies of its SKUs'.
  'api::product.product': new Set(['price', 'pointsPrice', 'salesCount', 'seller']),
  'plugin::gamification.points-grant': new Set(['ledgerEntryId']),
  // The send log is the job's record: read in the admin, never edited.
  'plugin::reminders.send': 'all',
  // Counters the community keeps equal to their rows (invariant 9).
  'plugin::community.post': new Set(COUNTERS),
  'plugin::community.comment': new Set(COUNTERS),
  // The ledger keeps these (invariant 3: the balance is the ledger's sum); 积分调整 Points grant changes points.
  'plugin::users-permissions.user': new Set(['pointsBalance', 'pointsEarned', 'totalCheckInDays', 'consecutiveDays', 'lastCheckInDate']),
};

type ListView = { mainField: string; columns: string[]; sortBy: string; sortOrder: 'ASC' | 'DESC' };

/**
 * The list of every type the content manager shows: 4-6 columns after the id, newest first (or the sort
 * order editors set). Strapi 5's filter menu offers every readable field (Filters.mjs), so the settings
 * only switch filters and search on; the columns are the ones worth filtering and sorting by.
 */
export const LIST_VIEWS: Record<string, ListView> = {
  'api::habit-template.habit-template': { mainField: 'title', columns: ['id', 'title', 'category', 'kind', 'frequencyType', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::habit.habit': { mainField: 'title', columns: ['id', 'title', 'user', 'kind', 'frequencyType', 'archived', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'api::check-in.check-in': { mainField: 'localDate', columns: ['id', 'localDate', 'user', 'habit', 'isMakeup', 'pointsAwarded', 'checkedAt'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::diary.diary': { mainField: 'localDate', columns: ['id', 'localDate', 'user', 'title', 'mood', 'isDraft', 'aiCommentStatus'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::task-template.task-template': { mainField: 'title', columns: ['id', 'title', 'category', 'points', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::task.task': { mainField: 'title', columns: ['id', 'title', 'user', 'localDate', 'points', 'completed'], sortBy: 'localDate', sortOrder: 'DESC' },
  'api::prize.prize': { mainField: 'name', columns: ['id', 'name', 'kind', 'weight', 'stock', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::challenge.challenge': { mainField: 'title', columns: ['id', 'title', 'startDate', 'endDate', 'isOfficial', 'participantsCount', 'active'], sortBy: 'startDate', sortOrder: 'DESC' },
  'plugin::community.board': { mainField: 'name', columns: ['id', 'name', 'slug', 'kind', 'postPermission', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'plugin::community.post': { mainField: 'title', columns: ['id', 'title', 'authorNickname', 'board', 'status', 'pinned', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::community.comment': { mainField: 'content', columns: ['id', 'authorNickname', 'content', 'post', 'status', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'api::product-category.product-category': { mainField: 'name', columns: ['id', 'name', 'parent', 'active', 'sortOrder'], sortBy: 'sortOrder', sortOrder: 'ASC' },
  'api::product.product': { mainField: 'name', columns: ['id', 'name', 'kind', 'merchant', 'price', 'review', 'active'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::mall.sku': { mainField: 'spec', columns: ['id', 'spec', 'product', 'price', 'pointsPrice', 'stock', 'active'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::mall.merchant': { mainField: 'name', columns: ['id', 'name', 'region', 'contact', 'active'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::quit.milestone': { mainField: 'title', columns: ['id', 'title', 'afterMinutes', 'sort', 'updatedAt'], sortBy: 'sort', sortOrder: 'ASC' },
  'plugin::ai-coach.faq': { mainField: 'question', columns: ['id', 'question', 'answer', 'active', 'updatedAt'], sortBy: 'updatedAt', sortOrder: 'DESC' },
  'plugin::ai-coach.setting': { mainField: 'id', columns: ['id', 'freeDailyTokens', 'vipTrialDays', 'vipDailyTokens', 'aiDailyTokens'], sortBy: 'id', sortOrder: 'ASC' },
  'plugin::gamification.settings': { mainField: 'id', columns: ['id', 'pointsPerCheckIn', 'pointsPerDiary', 'drawCost', 'drawsPerDay'], sortBy: 'id', sortOrder: 'ASC' },
  'plugin::gamification.points-grant': { mainField: 'reason', columns: ['id', 'user', 'amount', 'reason', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::reminders.template': { mainField: 'title', columns: ['id', 'title', 'kind', 'templateId', 'longTerm', 'active'], sortBy: 'id', sortOrder: 'ASC' },
  'plugin::reminders.send': { mainField: 'reason', columns: ['id', 'dueAt', 'user', 'kind', 'state', 'attempts', 'errcode'], sortBy: 'id', sortOrder: 'DESC' },
  'api::order.order': { mainField: 'orderNo', columns: ['id', 'orderNo', 'status', 'payMethod', 'totalFen', 'merchant', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
  'plugin::users-permissions.user': { mainField: 'nickname', columns: ['id', 'nickname', 'city', 'membershipTier', 'pointsBalance', 'blocked', 'createdAt'], sortBy: 'createdAt', sortOrder: 'DESC' },
};

/**
 * Edit views in rows of [field, width out of 12]: what belongs together on one row, the fields an editor
 * fills first at the top, what the system keeps at the bottom. JSON fields are always a full row (Strapi
 * refuses another width); fields left out follow, full width.
 */
export const EDIT_LAYOUTS: Record<string, Array<Array<[field: string, size: number]>>> = {
  'api::habit-template.habit-template': [
    [['title', 6], ['category', 3], ['kind', 3]],
    [['description', 12]],
    [['icon', 4], ['color', 4], ['sortOrder', 2], ['active', 2]],
    [['frequencyType', 6], ['timesPerWeek', 3], ['intervalDays', 3]],
    [['weekdays', 12]],
    [['goalType', 4], ['goalValue', 4], ['goalUnit', 4]],
    [['reminderTimes', 12]],
    [['tags', 12]],
  ],
  'api::habit.habit': [
    [['title', 6], ['user', 6]],
    [['template', 6], ['category', 3], ['kind', 3]],
    [['description', 12]],
    [['icon', 4], ['color', 4], ['sortOrder', 4]],
    [['frequencyType', 6], ['timesPerWeek', 3], ['intervalDays', 3]],
    [['weekdays', 12]],
    [['goalType', 4], ['goalValue', 4], ['goalUnit', 4]],
    [['reminderEnabled', 4], ['startDate', 4], ['endDate', 4]],
    [['reminderTimes', 12]],
    [['archived', 4], ['archivedAt', 8]],
    [['streakCurrent', 4], ['streakLongest', 4], ['streakHoldsThrough', 4]],
  ],
  'api::check-in.check-in': [
    [['user', 6], ['habit', 6]],
    [['localDate', 4], ['checkedAt', 8]],
    [['isMakeup', 4], ['madeUpOn', 4], ['pointsAwarded', 4]],
    [['mood', 4], ['duration', 4], ['count', 4]],
    [['note', 12]],
    [['images', 12]],
  ],
  'api::diary.diary': [
    [['user', 6], ['localDate', 3], ['isDraft', 3]],
    [['title', 6], ['mood', 3], ['weather', 3]],
    [['content', 12]],
    [['tags', 12]],
    [['images', 12]],
    [['aiCommentStatus', 4], ['aiCommentAt', 4], ['pointsAwarded', 4]],
    [['aiComment', 12]],
  ],
  'api::task-template.task-template': [
    [['title', 6], ['category', 6]],
    [['description', 12]],
    [['points', 4], ['sortOrder', 4], ['active', 4]],
    [['weekdays', 12]],
  ],
  'api::task.task': [
    [['title', 6], ['user', 6]],
    [['template', 6], ['category', 6]],
    [['description', 12]],
    [['localDate', 4], ['points', 4], ['isSystem', 4]],
    [['completed', 4], ['completedAt', 8]],
  ],
  'api::prize.prize': [
    [['name', 6], ['kind', 3], ['amount', 3]],
    [['description', 12]],
    [['weight', 3], ['stock', 3], ['sortOrder', 3], ['active', 3]],
    [['image', 6]],
  ],
  // What it is, when, the rule, who may join, what it pays, who sees it, how it is listed; then what the
  // challenges plugin keeps (read-only).
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
  'plugin::community.board': [
    [['name', 6], ['slug', 6]],
    [['kind', 4], ['postPermission', 4], ['sortOrder', 2], ['active', 2]],
    [['description', 12]],
    [['icon', 6]],
  ],
  'plugin::community.post': [
    [['title', 8], ['board', 4]],
    [['content', 12]],
    [['images', 12]],
    [['user', 4], ['authorNickname', 4], ['anonymous', 4]],
    [['status', 4], ['hiddenReason', 4], ['listedAt', 4]],
    [['moderationNote', 12]],
    [['textCheck', 6], ['mediaCheck', 6]],
    [['pinned', 4], ['commentsLocked', 4], ['linkKind', 4]],
    [['linkDocumentId', 6], ['authorAvatar', 6]],
    [['likeCount', 3], ['commentCount', 3], ['viewCount', 3], ['reportCount', 3]],
  ],
  'plugin::community.comment': [
    [['post', 6], ['user', 3], ['authorNickname', 3]],
    [['content', 12]],
    [['thread', 4], ['replyTo', 4], ['replyToName', 4]],
    [['status', 4], ['hiddenReason', 4], ['textCheck', 4]],
    [['moderationNote', 12]],
    [['likeCount', 4], ['replyCount', 4], ['reportCount', 4]],
    [['authorAvatar', 12]],
  ],
  'api::product-category.product-category': [
    [['name', 6], ['parent', 6]],
    [['icon', 6], ['sortOrder', 3], ['active', 3]],
  ],
  'api::product.product': [
    [['name', 6], ['kind', 3], ['active', 3]],
    [['category', 6], ['merchant', 6]],
    [['description', 12]],
    [['images', 12]],
    [['originalPrice', 4], ['sortOrder', 4], ['region', 4]],
    [['price', 4], ['pointsPrice', 4], ['salesCount', 4]],
    [['review', 4], ['reviewNote', 8]],
    [['seller', 6]],
  ],
  'plugin::mall.sku': [
    [['product', 6], ['spec', 6]],
    [['price', 4], ['pointsPrice', 4], ['active', 4]],
    [['stock', 3], ['restock', 3], ['reserved', 3], ['salesCount', 3]],
    [['image', 6], ['sortOrder', 6]],
  ],
  'plugin::mall.merchant': [
    [['name', 6], ['region', 3], ['active', 3]],
    [['description', 12]],
    [['logo', 6], ['contact', 6]],
    [['pickupPoints', 12]],
    [['admins', 12]],
  ],
  'plugin::quit.milestone': [
    [['title', 6], ['afterMinutes', 3], ['sort', 3]],
    [['description', 12]],
  ],
  'plugin::ai-coach.faq': [
    [['question', 9], ['active', 3]],
    [['answer', 12]],
  ],
  'plugin::ai-coach.setting': [
    [['freeDailyTokens', 6], ['vipTrialDays', 6]],
    [['vipDailyTokens', 6], ['aiDailyTokens', 6]],
  ],
  'plugin::gamification.settings': [
    [['pointsPerCheckIn', 4], ['pointsPerDiary', 4], ['customTaskPoints', 4]],
    [['streakBonuses', 12]],
    [['makeupAwardsPoints', 4], ['makeupWindowDays', 4], ['makeupsPerDay', 4]],
    [['makeupCardEvery', 4], ['weekStartsOn', 4], ['quitRelapseRule', 4]],
    [['drawCost', 4], ['drawsPerDay', 4], ['noPrizeWeight', 4]],
    [['noPrizeName', 6]],
  ],
  'plugin::gamification.points-grant': [
    [['user', 6], ['amount', 6]],
    [['reason', 12]],
    [['ledgerEntryId', 6]],
  ],
  'plugin::reminders.template': [
    [['title', 6], ['kind', 6]],
    [['templateId', 6], ['longTerm', 3], ['active', 3]],
    [['fields', 12]],
    [['page', 12]],
  ],
  'plugin::reminders.send': [
    [['user', 4], ['template', 4], ['kind', 4]],
    [['reason', 4], ['localDate', 4], ['slot', 4]],
    [['state', 4], ['attempts', 4], ['errcode', 4]],
    [['dueAt', 6], ['sentAt', 6]],
    [['nextAttemptAt', 6], ['claimedAt', 6]],
    [['error', 6], ['msgid', 6]],
    [['creditSpent', 4], ['test', 4], ['page', 4]],
    [['values', 12]],
    [['data', 12]],
  ],
  'api::order.order': [
    [['orderNo', 6], ['status', 6]],
    [['user', 6], ['merchant', 6]],
    [['title', 12]],
    [['payMethod', 4], ['totalFen', 4], ['totalPoints', 4]],
    [['itemCount', 4], ['pickup', 8]],
    [['address', 12]],
    [['note', 12]],
    [['carrier', 6], ['trackingNumber', 6]],
    [['expiresAt', 6], ['paidAt', 6]],
    [['shippedAt', 6], ['completedAt', 6]],
    [['cancelledAt', 6], ['refundedAt', 6]],
    [['afterSalesUntil', 6], ['transactionId', 6]],
  ],
  'plugin::users-permissions.user': [
    [['nickname', 6], ['avatar', 6]],
    [['username', 6], ['email', 6]],
    [['province', 4], ['city', 4], ['district', 4]],
    [['timezone', 6], ['dayStartHour', 3], ['showInRanking', 3]],
    [['membershipTier', 6], ['membershipExpiresAt', 6]],
    [['pointsBalance', 4], ['makeupCards', 4], ['phoneMasked', 4]],
    [['totalCheckInDays', 4], ['consecutiveDays', 4], ['lastCheckInDate', 4]],
    [['role', 6], ['provider', 6]],
    [['confirmed', 4], ['blocked', 4]],
    [['lastLoginAt', 6]],
    [['smokingSettings', 12]],
  ],
};


/** The label editors read for `field` of `uid`: the type's own, else the shared one. */
export const fieldLabel = (uid: string, field: string): string | undefined => TYPE_FIELDS[uid]?.[field]?.[0] ?? LABELS[field];

/** The line of help under `field` of `uid` in the edit view ('' when it needs none). */
export const fieldDescription = (uid: string, field: string): string => {
  const own = TYPE_FIELDS[uid]?.[field];
  if (own) return own[1] ?? '';
  return DESCRIPTIONS[field] ?? '';
};

const isReadOnly = (uid: string, field: string) => {
  const readOnly = READ_ONLY[uid];
  return readOnly === 'all' || Boolean(readOnly?.has(field));
};

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type EditRow = Array<{ name: string; size: number }>;
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: EditRow[] };
};
type FieldSizes = { getFieldSize(type: string): { default: number; isResizable: boolean } };

/**
 * The coded edit layout of `uid` over the fields the content manager puts in its edit view (`current`: it
 * leaves out ids, timestamps and hidden fields), every field not coded after it; `current` when none is coded.
 */
const editLayoutOf = (uid: string, attributes: Record<string, { type: string; customField?: string }>, current: EditRow[], sizes: FieldSizes): EditRow[] => {
  const rows = EDIT_LAYOUTS[uid];
  if (!rows) return current;
  const editable = new Set(current.flat().map((el) => el.name));
  // Strapi resets a field whose width its type does not allow (JSON is always 12) at the next boot.
  const width = (field: string, size: number) => {
    const allowed = sizes.getFieldSize(attributes[field].type);
    return allowed.isResizable ? size : allowed.default;
  };
  const edit: EditRow[] = rows
    .map((row) => row.filter(([field]) => editable.has(field)).map(([name, size]) => ({ name, size: width(name, size) })))
    .filter((row) => row.length > 0);
  const placed = new Set(edit.flat().map((el) => el.name));
  for (const field of editable) if (!placed.has(field)) edit.push([{ name: field, size: width(field, 12) }]);
  return edit;
};

/** Labels and help on every field the configuration knows; read-only where the system keeps the value. */
const labelledMetadatas = (uid: string, current: Configuration): Record<string, Metadata> => {
  const metadatas: Record<string, Metadata> = { ...current.metadatas };
  for (const [field, meta] of Object.entries(metadatas)) {
    const label = fieldLabel(uid, field);
    if (!label) continue;
    const edit: Record<string, unknown> = { ...meta.edit, label, description: fieldDescription(uid, field) };
    if (isReadOnly(uid, field)) edit.editable = false;
    metadatas[field] = { ...meta, edit, list: { ...meta.list, label } };
  }
  return metadatas;
};

/**
 * Writes the labels, list views and edit views into the content manager's configuration of each of our
 * content types, once per LAYOUT_VERSION (a later boot with the same version leaves an editor's changes be).
 */
export const applyAdminLayouts = async (strapi: Core.Strapi, version: number = LAYOUT_VERSION) => {
  const store = strapi.store({ type: 'core', name: 'habit-platform' });
  if ((await store.get({ key: 'admin-layout-version' })) === version) return;

  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service('content-types');
  const sizes = contentManager.service('field-sizes') as FieldSizes;
  for (const uid of Object.keys(strapi.contentTypes).filter(isOurContentType)) {
    const contentType = strapi.contentType(uid as UID.ContentType);
    const current = (await contentTypes.findConfiguration(contentType)) as Configuration;
    const metadatas = labelledMetadatas(uid, current);
    const view = LIST_VIEWS[uid];
    if (!view) {
      // Not shown in the content manager (pluginOptions): labelled all the same, should it ever be shown.
      await contentTypes.updateConfiguration(contentType, { settings: current.settings, metadatas, layouts: current.layouts });
      continue;
    }
    const attributes = contentType.attributes as Record<string, { type: string }>;
    await contentTypes.updateConfiguration(contentType, {
      settings: {
        ...current.settings,
        mainField: view.mainField,
        defaultSortBy: view.sortBy,
        defaultSortOrder: view.sortOrder,
        filterable: true,
        searchable: true,
      },
      metadatas,
      layouts: {
        ...current.layouts,
        list: view.columns.filter((field) => field === 'id' || field in attributes),
        edit: editLayoutOf(uid, attributes, current.layouts.edit, sizes),
      },
    });
  }
  await store.set({ key: 'admin-layout-version', value: version });
};
