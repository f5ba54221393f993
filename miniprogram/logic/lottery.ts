/**
 * The lottery (GET /api/lottery/prizes, POST /api/lottery/draw, GET /api/lottery/records): the prize
 * board, and the outcome of a draw as the lottery-result component shows it.
 */
import type { DrawAnswer, DrawRecord, PrizesAnswer } from '../api/paths';
import { errorReason, errorStatus, messageOf } from './load-state';

export type PrizeKind = 'virtual' | 'physical' | 'points' | 'makeupCard' | 'vipDays';

/** The answers as the API document types them. */
export type { DrawAnswer, DrawRecord };
export type Prize = PrizesAnswer['data'][number];
export type PrizesMeta = PrizesAnswer['meta'];

export type LotteryOutcomeState = 'won' | 'nothing' | 'out-of-stock' | 'daily-cap' | 'insufficient' | 'error';

export type LotteryOutcome = {
  state: LotteryOutcomeState;
  title: string;
  /** The prize's name (won), or the no-prize name ("谢谢参与"). */
  prizeName: string;
  /** What the prize gives: "+50 积分", "补签卡 ×1", "VIP 7 天". */
  rewardText: string;
  detail: string;
  canDrawAgain: boolean;
};

/** What a prize gives, in words; '' for a prize that is only its name (virtual, physical). */
export const rewardText = (kind: string | null | undefined, amount: number | null | undefined): string => {
  const n = amount ?? 0;
  if (n <= 0) return '';
  switch (kind) {
    case 'points':
      return `+${n} 积分`;
    case 'makeupCard':
      return `补签卡 ×${n}`;
    case 'vipDays':
      return `VIP 会员 ${n} 天`;
    default:
      return '';
  }
};

const drawsLeftText = (left: number): string => (left > 0 ? `今日还可抽 ${left} 次` : '今日次数已用完');

/** A draw's answer as the result card shows it. */
export const outcomeOfDraw = (answer: DrawAnswer): LotteryOutcome => {
  const { data, meta } = answer;
  const left = meta.drawsLeftToday;
  if (!data.isWinner || !data.prize) {
    return { state: 'nothing', title: '差一点点', prizeName: data.prizeName, rewardText: '', detail: `${drawsLeftText(left)} · 余额 ${meta.balance} 积分`, canDrawAgain: left > 0 };
  }
  // A VIP-days prize while a higher tier is in force keeps that tier; the server says so in meta.membership.kept.
  const kept = meta.membership !== undefined && meta.membership !== null && 'kept' in meta.membership ? '（已有更高等级会员，VIP 天数未叠加）' : '';
  const physical = data.prize.kind === 'physical' ? '（实物奖品请联系客服领取）' : '';
  return {
    state: 'won',
    title: '恭喜中奖',
    prizeName: data.prize.name,
    rewardText: rewardText(data.prize.kind, data.prize.amount),
    detail: `${drawsLeftText(left)} · 余额 ${meta.balance} 积分${kept}${physical}`,
    canDrawAgain: left > 0,
  };
};

/** A refused draw (400 `daily_limit` / `insufficient_points`, or anything else) as the result card shows it. */
export const outcomeOfDrawError = (error: unknown): LotteryOutcome => {
  const reason = errorStatus(error) === 400 ? errorReason(error) : '';
  if (reason === 'daily_limit') {
    return { state: 'daily-cap', title: '今日抽奖次数已用完', prizeName: '', rewardText: '', detail: '明天再来试试手气吧', canDrawAgain: false };
  }
  if (reason === 'insufficient_points') {
    const needed = (error as { details?: { needed?: unknown } }).details?.needed;
    return {
      state: 'insufficient',
      title: '积分不足',
      prizeName: '',
      rewardText: '',
      detail: typeof needed === 'number' ? `抽一次需要 ${needed} 积分，去打卡或完成任务赚积分吧` : '去打卡或完成任务赚积分吧',
      canDrawAgain: false,
    };
  }
  return { state: 'error', title: '抽奖失败', prizeName: '', rewardText: '', detail: messageOf(error), canDrawAgain: true };
};

/** Every prize gone (a draw can then only give the no-prize outcome): said before anyone pays for it. */
export const outOfStockOutcome = (meta: PrizesMeta): LotteryOutcome => ({
  state: 'out-of-stock',
  title: '奖品已被抽完',
  prizeName: '',
  rewardText: '',
  detail: `抽奖只会得到“${meta.noPrize}”，等补货后再来吧`,
  canDrawAgain: false,
});

export type PrizeView = Prize & { rewardText: string; stockText: string };

export type PrizeBoard = {
  prizes: PrizeView[];
  allGone: boolean;
  costText: string;
  drawsLeftText: string;
  canDraw: boolean;
  /** Why the draw button is off, '' when it is on. */
  blockedText: string;
};

const stockText = (prize: Prize): string => {
  if (prize.stock === -1) return '';
  return prize.available ? `剩 ${prize.stock} 份` : '已抽完';
};

/** The prize list and draw button; `balance` (GET /api/points/balance) is optional, unknown means "try". */
export const prizeBoard = (prizes: readonly Prize[], meta: PrizesMeta, balance?: number): PrizeBoard => {
  const allGone = prizes.length > 0 && prizes.every((prize) => !prize.available);
  const poor = balance !== undefined && balance < meta.cost;
  const blockedText = meta.drawsLeftToday <= 0 ? '今日次数已用完' : poor ? `积分不足（需要 ${meta.cost}）` : allGone ? '奖品已被抽完' : '';
  return {
    prizes: prizes.map((prize) => ({ ...prize, rewardText: rewardText(prize.kind, prize.amount), stockText: stockText(prize) })),
    allGone,
    costText: meta.cost > 0 ? `${meta.cost} 积分 / 次` : '免费',
    drawsLeftText: drawsLeftText(meta.drawsLeftToday),
    canDraw: blockedText === '',
    blockedText,
  };
};

export type DrawRecordView = { key: string; title: string; rewardText: string; dateText: string; costText: string; isWinner: boolean };

export const drawRecordView = (record: DrawRecord): DrawRecordView => ({
  key: record.documentId,
  title: record.isWinner ? record.prizeName : `${record.prizeName}（未中奖）`,
  rewardText: record.prize ? rewardText(record.prize.kind, record.prize.amount) : '',
  dateText: record.localDate,
  costText: record.cost > 0 ? `-${record.cost} 积分` : '',
  isWinner: record.isWinner,
});

/** A key per intended draw, kept while it is retried, so a retry after a timeout is not a second draw. */
export const drawKey = (now: number, random: () => number): string => `draw-${now.toString(36)}-${Math.floor(random() * 36 ** 8).toString(36)}`;

export type ResultAction = { text: string; event: 'again' | 'earn' | 'close' | 'records' };

/** The result card's buttons: the main one for the outcome, and the way to the draw records. */
export const resultActions = (outcome: LotteryOutcome): { primary: ResultAction; secondary: ResultAction | null } => {
  const records: ResultAction = { text: '抽奖记录', event: 'records' };
  switch (outcome.state) {
    case 'won':
    case 'nothing':
      return { primary: outcome.canDrawAgain ? { text: '再抽一次', event: 'again' } : { text: '知道了', event: 'close' }, secondary: records };
    case 'insufficient':
      return { primary: { text: '去赚积分', event: 'earn' }, secondary: null };
    case 'error':
      return { primary: { text: '重试', event: 'again' }, secondary: null };
    case 'daily-cap':
    case 'out-of-stock':
      return { primary: { text: '知道了', event: 'close' }, secondary: records };
  }
};
