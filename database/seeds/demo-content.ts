/**
 * Demo and default content for a fresh install: what an editor would otherwise type in first.
 * Sources: seed 000/001 (habits, challenges), seed 002 (daily tasks, the five default prizes),
 * seed 003 (quit-smoking), seed 004 (mall categories and products). Prices are in fen.
 */
export const HABIT_TEMPLATES = [
  { title: '早起', description: '每天 7 点前起床，开启高效的一天。', category: 'health', kind: 'build', icon: 'sunrise', color: '#F5A623', frequencyType: 'daily', goalType: 'none', reminderTimes: ['06:50'], sortOrder: 1 },
  { title: '阅读', description: '每天读书 30 分钟。', category: 'study', kind: 'build', icon: 'book', color: '#4A90E2', frequencyType: 'daily', goalType: 'duration', goalValue: 30, goalUnit: '分钟', reminderTimes: ['21:00'], sortOrder: 2 },
  { title: '运动', description: '每周运动 3 次，每次 30 分钟。', category: 'sport', kind: 'build', icon: 'run', color: '#7ED321', frequencyType: 'timesPerWeek', timesPerWeek: 3, goalType: 'duration', goalValue: 30, goalUnit: '分钟', sortOrder: 3 },
  { title: '喝水', description: '每天喝 8 杯水。', category: 'health', kind: 'build', icon: 'water', color: '#50E3C2', frequencyType: 'daily', goalType: 'count', goalValue: 8, goalUnit: '杯', sortOrder: 4 },
  { title: '冥想', description: '工作日冥想 10 分钟。', category: 'mind', kind: 'build', icon: 'lotus', color: '#9013FE', frequencyType: 'weekdays', weekdays: [1, 2, 3, 4, 5], goalType: 'duration', goalValue: 10, goalUnit: '分钟', sortOrder: 5 },
  { title: '背单词', description: '隔天背 50 个单词。', category: 'study', kind: 'build', icon: 'abc', color: '#D0021B', frequencyType: 'everyNDays', intervalDays: 2, goalType: 'count', goalValue: 50, goalUnit: '个', sortOrder: 6 },
  { title: '戒烟', description: '今天没有吸烟就打卡：每一天都算数。', category: 'quit', kind: 'quit', icon: 'no-smoking', color: '#417505', frequencyType: 'daily', goalType: 'none', reminderTimes: ['09:00'], sortOrder: 7 },
] as const;

export const TASK_TEMPLATES = [
  { title: '阅读 20 分钟', description: '读一本喜欢的书。', category: 'reading', points: 10, sortOrder: 1 },
  { title: '整理书包', description: '为明天做好准备。', category: 'daily', points: 5, sortOrder: 2 },
  { title: '帮家人做一件事', description: '洗碗、扫地或倒垃圾。', category: 'kindness', points: 10, sortOrder: 3 },
  { title: '户外运动 30 分钟', description: '跳绳、跑步或骑车。', category: 'sport', points: 10, sortOrder: 4 },
  { title: '周末大扫除', description: '整理自己的房间。', category: 'life', points: 20, weekdays: [6, 7], sortOrder: 5 },
] as const;

// Seed 002's five default prizes; probabilities 0.3 / 0.25 / 0.2 / 0.15 / 0.1 become integer weights.
export const PRIZES = [
  { name: '小红花', description: '表扬奖励', kind: 'virtual', weight: 30, stock: -1, sortOrder: 1 },
  { name: '小星星', description: '鼓励奖励', kind: 'virtual', weight: 25, stock: -1, sortOrder: 2 },
  { name: '彩虹贴纸', description: '漂亮贴纸', kind: 'virtual', weight: 20, stock: -1, sortOrder: 3 },
  { name: '小徽章', description: '成就徽章', kind: 'virtual', weight: 15, stock: -1, sortOrder: 4 },
  { name: '神秘礼物', description: '特殊奖励', kind: 'virtual', weight: 10, stock: -1, sortOrder: 5 },
] as const;

/**
 * Official demo challenges (seed 001, issue 14), running when the seed runs: `startsInDays` (negative: began
 * that many days ago) and `days` place them around the seed day in Shanghai, so a fresh install has
 * challenges to join, check in for and watch on the board.
 */
export const CHALLENGES = [
  {
    title: '21 天早起挑战', description: '21 天里至少 14 天 7 点前起床，完成即得 200 积分和「早起达人」徽章；最先完成的 3 位再得 50 积分。',
    habitTemplate: '早起', startsInDays: -3, days: 21, rule: 'daysOf', targetDays: 14, allowMakeup: true,
    rewardPoints: 200, badge: '早起达人', badgeIcon: '/badges/early-bird.png', topK: 3, topPoints: 50, sortOrder: 1,
  },
  {
    title: '30 天戒烟挑战', description: '连续 30 天不吸烟，见证身体的变化。完成即得 300 积分和「无烟勇士」徽章。',
    habitTemplate: '戒烟', startsInDays: -1, days: 40, rule: 'streak', targetDays: 30, allowMakeup: false,
    rewardPoints: 300, badge: '无烟勇士', badgeIcon: '/badges/smoke-free.png', topK: 0, topPoints: 0, sortOrder: 2,
  },
  {
    title: '四周运动打卡', description: '连续 4 周，每周运动至少 3 次。报名需 20 积分，完成奖励 150 积分。',
    habitTemplate: '运动', startsInDays: 0, days: 28, rule: 'weekly', targetDays: 12, perWeek: 3, weeks: 4, allowMakeup: false,
    entryCost: 20, rewardPoints: 150, badge: '运动健将', topK: 0, topPoints: 0, sortOrder: 3,
  },
] as const;

/** Two levels (seed 004): a top category, then its children; products sit in either. */
export const PRODUCT_CATEGORIES = [
  { name: '文具', sortOrder: 1 },
  { name: '笔', parent: '文具', sortOrder: 1 },
  { name: '本子', parent: '文具', sortOrder: 2 },
  { name: '生活用品', sortOrder: 2 },
  { name: '水杯', parent: '生活用品', sortOrder: 1 },
  { name: '二手好物', sortOrder: 3 },
] as const;

/** The campus shop (seed 004 商家) that sells the demo products; buyers pick up at its points or give an address. */
export const MERCHANTS = [
  { name: '校园便利店', region: '东校区', description: '东区食堂旁，文具和生活用品。', pickupPoints: ['东区快递站', '图书馆一楼'], contact: '0571-8888 0000' },
] as const;

/** Products and their SKUs; prices in fen (price) and points (pointsPrice), seed 000's points exchange included. */
export const PRODUCTS = [
  { name: '打卡笔记本', description: 'A5 方格本，记录每天的坚持。', category: '本子', merchant: '校园便利店', originalPrice: 2990, sortOrder: 1,
    skus: [{ spec: 'A5 方格', price: 1990, pointsPrice: 500, stock: 100 }, { spec: 'A5 横线', price: 1990, pointsPrice: 500, stock: 80 }] },
  { name: '中性笔三支装', description: '0.5mm，顺滑不断墨。', category: '笔', merchant: '校园便利店', sortOrder: 2,
    skus: [{ spec: '黑色', price: 990, pointsPrice: 200, stock: 200 }, { spec: '蓝色', price: 990, pointsPrice: 200, stock: 150 }] },
  { name: '运动水杯', description: '600ml 刻度水杯，提醒你多喝水。', category: '水杯', merchant: '校园便利店', originalPrice: 4990, sortOrder: 3,
    skus: [{ spec: '蓝色', price: 3990, pointsPrice: 1000, stock: 50 }, { spec: '粉色', price: 3990, pointsPrice: 1000, stock: 30 }] },
  { name: '打卡纪念徽章', description: '坚持 21 天的纪念，积分兑换。', category: '生活用品', merchant: null, sortOrder: 4,
    skus: [{ spec: '默认', price: null, pointsPrice: 300, stock: 500 }] },
] as const;

/** One approved second-hand listing by a demo student, so the 二手 tab is not empty. */
export const SECOND_HAND = [
  { name: '考研数学复习全书（九成新）', description: '去年买的，只写了前两章，自提。', category: '二手好物', region: '东校区', price: 2500, originalPrice: 6800 },
] as const;

/**
 * Reminder templates (订阅消息模板) with demo WeChat template ids: the fake WeChat accepts any id. With a real
 * AppID, editors replace each templateId with the one from the mini-program console (订阅消息 → 我的模板).
 */
export const REMINDER_TEMPLATES = [
  { title: '打卡提醒', templateId: 'demo-habit-reminder', kind: 'habitReminder', longTerm: false, fields: { thing1: '{habit}', time2: '{date} {time}', thing3: '今天还没打卡，点我完成' }, page: 'pages/habit/index?documentId={habitDocumentId}' },
  { title: '连续打卡即将中断', templateId: 'demo-streak-at-risk', kind: 'streakAtRisk', longTerm: false, fields: { thing1: '{habit}', number2: '{streak}', thing3: '今天打卡就能保住连续记录' }, page: 'pages/habit/index?documentId={habitDocumentId}' },
  { title: '订单发货通知', templateId: 'demo-order-shipped', kind: 'orderShipped', longTerm: false, fields: { character_string1: '{orderNo}', thing2: '{title}', thing3: '{carrier} {trackingNumber}' }, page: 'pages/order/index?orderNo={orderNo}' },
  { title: '帖子审核结果', templateId: 'demo-post-reviewed', kind: 'postReviewed', longTerm: false, fields: { phrase1: '{result}', thing2: '{text}' }, page: 'pages/community-post/index?documentId={postDocumentId}' },
] as const;
