/**
 * The redeem batch form of the admin page: what an editor types, checked with the server's rules
 * (server/src/validation/redeem-codes.ts batchBodySchema) and messages in Chinese, turned into the body of
 * POST /gamification/redeem-batches. Dates are days in Beijing time: a batch is valid from the start of its
 * first day to the end of its last day. Pure functions, unit-tested in __tests__.
 */
import { formatInTimeZone } from 'date-fns-tz';
import { addDays, isValidDate } from '../../../../utils/calendar';
import { DEFAULT_TIMEZONE, localDayFor, startOfLocalDay } from '../../../../utils/clock';

export const KINDS = ['points', 'makeupCards', 'vipDays', 'aiDays'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, { label: string; unit: string; amountLabel: string }> = {
  points: { label: '积分 Points', unit: '积分', amountLabel: '每个码给多少积分 Points per code' },
  makeupCards: { label: '补签卡 Makeup cards', unit: '张补签卡', amountLabel: '每个码给几张补签卡 Cards per code' },
  vipDays: { label: 'VIP 会员天数 VIP days', unit: '天 VIP', amountLabel: '每个码给几天 VIP Days per code' },
  aiDays: { label: 'AI 会员天数 AI member days', unit: '天 AI 会员', amountLabel: '每个码给几天 AI 会员 Days per code' },
};

export const LIMITS = { nameLength: 100, amount: 1_000_000, count: 10_000, maxUses: 1_000_000 };

export type BatchForm = { name: string; kind: Kind; amount: string; count: string; maxUses: string; validFrom: string; validUntil: string };
export type BatchRequest = { name: string; kind: Kind; amount: number; count: number; maxUses: number; validFrom?: string; validUntil?: string; format: 'json' };
export type FormErrors = Partial<Record<keyof BatchForm, string>>;

export const EMPTY_FORM: BatchForm = { name: '', kind: 'points', amount: '100', count: '100', maxUses: '1', validFrom: '', validUntil: '' };

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const wholeNumber = (text: string, min: number, max: number): number | null => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
};

const isDay = (text: string) => DAY_SHAPE.test(text) && isValidDate(text);

/** A batch's days are Beijing days (the platform's default timezone), read by the project's clock. */
export const beijingToday = (now: Date) => localDayFor({ timezone: DEFAULT_TIMEZONE }, now);

/** The first instant of a Beijing day, written with its offset (2026-12-06T00:00:00+08:00). */
const startOfBeijingDay = (day: string) => formatInTimeZone(startOfLocalDay(day, DEFAULT_TIMEZONE), DEFAULT_TIMEZONE, "yyyy-MM-dd'T'HH:mm:ssXXX");

const formatted = (n: number) => n.toLocaleString('en-US');

/** The form's problems by field, in Chinese (English after it); none means it can be sent. */
export const validateBatch = (form: BatchForm, now: Date): { errors: FormErrors; request: BatchRequest | null } => {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = '请填写批次名称，例如“双十一活动” · Name the batch';
  else if (name.length > LIMITS.nameLength) errors.name = `名称最多 ${LIMITS.nameLength} 个字 · At most ${LIMITS.nameLength} characters`;

  if (!KINDS.includes(form.kind)) errors.kind = '请选择兑换码给什么 · Choose what a code gives';

  const amount = wholeNumber(form.amount, 1, LIMITS.amount);
  if (amount === null) errors.amount = `请填写 1 到 ${formatted(LIMITS.amount)} 之间的整数 · A whole number from 1 to ${formatted(LIMITS.amount)}`;

  const count = wholeNumber(form.count, 1, LIMITS.count);
  if (count === null) errors.count = `一次可生成 1 到 ${formatted(LIMITS.count)} 个兑换码 · From 1 to ${formatted(LIMITS.count)} codes a batch`;

  const maxUses = wholeNumber(form.maxUses, 1, LIMITS.maxUses);
  if (maxUses === null) errors.maxUses = `每个码可用 1 到 ${formatted(LIMITS.maxUses)} 次（每个用户只能用一次） · From 1 to ${formatted(LIMITS.maxUses)} uses`;

  const from = form.validFrom.trim();
  const until = form.validUntil.trim();
  if (from && !isDay(from)) errors.validFrom = '日期格式应为 年-月-日 · A date such as 2027-01-31';
  if (until && !isDay(until)) errors.validUntil = '日期格式应为 年-月-日 · A date such as 2027-01-31';
  if (!errors.validUntil && until && until < beijingToday(now)) errors.validUntil = '失效日期已经过去 · This day has passed';
  if (!errors.validFrom && !errors.validUntil && from && until && until < from) errors.validUntil = '失效日期不能早于生效日期 · The last day comes before the first';

  if (Object.keys(errors).length > 0 || amount === null || count === null || maxUses === null) return { errors, request: null };
  return {
    errors,
    request: {
      name,
      kind: form.kind,
      amount,
      count,
      maxUses,
      ...(from ? { validFrom: startOfBeijingDay(from) } : {}),
      // Valid through the whole last day: until the next day's midnight in Beijing.
      ...(until ? { validUntil: startOfBeijingDay(addDays(until, 1)) } : {}),
      format: 'json',
    },
  };
};

/** The codes as the server's CSV download has them (code,kind,amount,max_uses,valid_from,valid_until). */
export const codesCsv = (codes: string[], batch: { kind: string; amount: number; maxUses: number; validFrom?: string | null; validUntil?: string | null }) => {
  const instant = (value?: string | null) => (value ? new Date(value).toISOString() : '');
  const lines = codes.map((code) => [code, batch.kind, batch.amount, batch.maxUses, instant(batch.validFrom), instant(batch.validUntil)].join(','));
  return ['code,kind,amount,max_uses,valid_from,valid_until', ...lines].join('\n') + '\n';
};
