/** Redeem codes (POST /api/redeem-codes/redeem, GET /api/redeem-codes/history). */
import type { RedemptionRecord } from '../api/paths';
import { errorReason, errorStatus, messageOf } from './load-state';
import { dayOf } from './me';

export type RedeemKind = 'vipDays' | 'aiDays' | 'makeupCards' | 'points';

/** One of my redemptions (GET /api/redeem-codes/history), as the API document types it. */
export type Redemption = RedemptionRecord;

/** The history's filter (GET /api/redeem-codes/history?kind=); '' is every kind. */
export const KIND_FILTERS: ReadonlyArray<{ value: '' | RedeemKind; label: string }> = [
  { value: '', label: '全部' },
  { value: 'vipDays', label: 'VIP 会员' },
  { value: 'aiDays', label: 'AI 军师' },
  { value: 'makeupCards', label: '补签卡' },
  { value: 'points', label: '积分' },
];

export const redeemKindText = (kind: string, amount: number): string => {
  switch (kind) {
    case 'vipDays':
      return `VIP 会员 ${amount} 天`;
    case 'aiDays':
      return `AI 戒烟军师 ${amount} 天`;
    case 'makeupCards':
      return `补签卡 ×${amount}`;
    case 'points':
      return `${amount} 积分`;
    default:
      return `${kind} ×${amount}`;
  }
};

/** What a successful redemption says, with the membership's new end when it extended one. */
export const redeemSuccessText = (redemption: Redemption): string => {
  const result = redemption.result;
  const expiresAt = result && 'expiresAt' in result ? result.expiresAt : null;
  const until = typeof expiresAt === 'string' ? `，有效期至 ${dayOf(expiresAt)}` : '';
  return `兑换成功：${redeemKindText(redemption.kind, redemption.amount)}${until}`;
};

/**
 * A refused code in words. The server's messages are English ("This code does not exist: check it and
 * try again"); its `details.reason` says which refusal it is.
 */
export const redeemErrorText = (error: unknown): string => {
  const status = errorStatus(error);
  switch (errorReason(error)) {
    case 'unknown':
      return '兑换码不存在，请核对后重试';
    case 'not_yet_valid':
      return '兑换码尚未到使用时间';
    case 'expired':
      return '兑换码已过期';
    case 'already_used':
      return '你已经使用过这个兑换码';
    case 'used_up':
      return '兑换码已被领完';
    case 'higher_tier_active':
      return '你已是更高等级的会员，无需兑换';
    default:
      if (status === 429) return '尝试次数过多，请稍后再试';
      return messageOf(error);
  }
};

/** Codes are typed by hand: any case, spaces and dashes; the server normalises them, the client only trims. */
export const codeInput = (text: string): { ok: true; code: string } | { ok: false; message: string } => {
  const code = text.trim();
  if (!code) return { ok: false, message: '请输入兑换码' };
  if (code.length > 40) return { ok: false, message: '兑换码太长了' };
  return { ok: true, code };
};

export type RedemptionRow = { key: string; title: string; timeText: string };

export const redemptionRow = (redemption: Redemption): RedemptionRow => ({
  key: redemption.documentId,
  title: redeemKindText(redemption.kind, redemption.amount),
  timeText: redemption.redeemedAt ? dayOf(redemption.redeemedAt) : '',
});
