/** The rule of a challenge in readable Chinese, for the detail page (规则说明). Pure. */
export type RuleFields = {
  timezone: string;
  startDate: string;
  endDate: string;
  joinDeadline: string | null;
  rule: 'daysOf' | 'streak' | 'weekly';
  targetDays: number;
  perWeek: number | null;
  weeks: number | null;
  allowMakeup: boolean;
  entryCost: number;
  rewardPoints: number;
  badge: string | null;
  topK: number;
  topPoints: number;
  maxParticipants: number | null;
  isOfficial: boolean;
};

export const rulesText = (c: RuleFields): string => {
  const lines: string[] = [];
  const zone = c.timezone === 'Asia/Shanghai' ? '北京时间' : `${c.timezone} 时间`;
  lines.push(`挑战时间：${c.startDate} 至 ${c.endDate}（${zone}，最后一天的午夜结束）。`);
  if (c.rule === 'daysOf') lines.push(`规则：挑战期间在关联的习惯上打卡满 ${c.targetDays} 天即完成。`);
  else if (c.rule === 'streak') lines.push(`规则：挑战期间连续打卡 ${c.targetDays} 天即完成，中断后重新计算。`);
  else lines.push(`规则：共 ${c.weeks ?? 1} 周，从开始日起每 7 天为一周，每周打卡至少 ${c.perWeek ?? 1} 天，每周都达标即完成。`);
  lines.push(c.allowMakeup ? '挑战期间的补卡计入进度。' : '补卡不计入挑战进度。');
  if (c.joinDeadline) lines.push(`报名截止：${c.joinDeadline}。`);
  if (c.maxParticipants !== null) lines.push(`限 ${c.maxParticipants} 人参加。`);
  lines.push(c.entryCost > 0 ? `报名需 ${c.entryCost} 积分：开始前退出全额退还，开始后退出不退。` : '免费报名。');
  if (c.isOfficial) {
    const rewards: string[] = [];
    if (c.rewardPoints > 0) rewards.push(`${c.rewardPoints} 积分`);
    if (c.badge) rewards.push(`「${c.badge}」徽章`);
    if (rewards.length > 0) lines.push(`完成奖励：${rewards.join('和')}。`);
    if (c.topK > 0 && c.topPoints > 0) lines.push(`排行榜前 ${c.topK} 名另得 ${c.topPoints} 积分（按完成天数，同天数先达到者在前）。`);
  } else {
    lines.push('好友挑战：所有报名积分汇总，由完成挑战的人平分；无人完成则全部退还。');
  }
  return lines.join('\n');
};
