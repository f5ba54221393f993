/** Points (GET /api/points/balance, GET /api/points/records): the balance and the ledger, newest first. */
import type { PointsBalance, PointsRecord } from '../api/paths';

/** The balance and a ledger line as the API document types them. */
export type { PointsBalance, PointsRecord };

/** The ledger's reasons (gamification services) in words. */
export const REASON_TEXT: Record<string, string> = {
  'check-in': '打卡',
  'streak-bonus': '连续打卡奖励',
  'check-in-reversal': '撤销打卡',
  makeup: '补签',
  diary: '写日记',
  task: '完成任务',
  lottery: '抽奖',
  'lottery-prize': '抽奖奖品',
  'redeem-code': '兑换码',
};

export type PointsRow = { key: string; title: string; subText: string; amountText: string; positive: boolean; balanceText: string };

const UNIT_TEXT: Record<string, string> = { days: '天', weeks: '周', periods: '期' };

/**
 * A ledger note in words. Notes are the server's free text: a streak bonus says "7-days streak", a
 * diary its date; the first is put into Chinese, anything else shown as it is.
 */
export const noteText = (record: Pick<PointsRecord, 'reason' | 'note'>): string => {
  if (!record.note) return '';
  const streak = /^(\d+)-(days|weeks|periods) streak$/.exec(record.note);
  if (streak) return `连续 ${streak[1]} ${UNIT_TEXT[streak[2]]}`;
  return record.note;
};

/** An instant as the user's wall-clock time ("2026-03-05 08:30"), Beijing time unless told otherwise. */
export const timeText = (instant: string, offsetMinutes = 480): string => {
  const local = new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
};

export const pointsRow = (record: PointsRecord): PointsRow => ({
  key: String(record.id),
  title: REASON_TEXT[record.reason] ?? record.reason,
  subText: [timeText(record.createdAt), noteText(record)].filter(Boolean).join(' · '),
  amountText: record.amount > 0 ? `+${record.amount}` : `${record.amount}`,
  positive: record.amount > 0,
  balanceText: `余额 ${record.balanceAfter}`,
});
