/** The quit pages' pure logic: the smoke-free clock, milestones, money, the two-tap craving log, the charts. */
import type { CravingRequest, CravingStats, QuitMilestone, QuitReport } from '../api/paths';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** Minutes as people say them: "3 天 4 小时", "5 小时 20 分钟", "12 分钟". */
export const durationText = (minutes: number): string => {
  const m = Math.max(0, Math.floor(minutes));
  const days = Math.floor(m / MINUTES_PER_DAY);
  const hours = Math.floor((m % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const rest = m % MINUTES_PER_HOUR;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return rest > 0 ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
  return `${rest} 分钟`;
};

/** The smoke-free clock at `nowMs`, ticking from the report's start (the quit time or the last relapse). */
export const smokeFreeClock = (smokeFreeSince: string | null, nowMs: number): { days: number; hours: number; minutes: number; text: string } | null => {
  if (!smokeFreeSince) return null;
  const total = Math.max(0, Math.floor((nowMs - Date.parse(smokeFreeSince)) / 60_000));
  return {
    days: Math.floor(total / MINUTES_PER_DAY),
    hours: Math.floor((total % MINUTES_PER_DAY) / MINUTES_PER_HOUR),
    minutes: total % MINUTES_PER_HOUR,
    text: durationText(total),
  };
};

/** Yuan with fen: ¥255.00. */
export const moneyText = (yuan: number): string => `¥${(Math.round(yuan * 100) / 100).toFixed(2)}`;

/** What the savings buy, in words: "可以买 2 箱啤酒"; nothing yet under the cheapest item. */
export const equivalentText = (savings: QuitReport['savings']): string =>
  !savings || savings.equivalent.count < 1 ? '继续加油，省下的钱会越来越多' : `可以买 ${savings.equivalent.count} ${savings.equivalent.unit}${savings.equivalent.name}`;

export type MilestoneRow = { title: string; achieved: boolean; status: string; description: string };

/** The milestones as the dashboard lists them: done ones say so, the others how long is left. */
export const milestoneRows = (milestones: readonly QuitMilestone[]): MilestoneRow[] =>
  milestones.map((m) => ({
    title: m.title,
    achieved: m.achieved,
    description: m.description ?? '',
    status: m.achieved ? '已达成' : m.remainingMinutes === null ? '设置戒烟时间后开始' : `还需 ${durationText(m.remainingMinutes)}`,
  }));

/** The next milestone to reach, or null when all are reached (or no quit time is set). */
export const nextMilestone = (milestones: readonly QuitMilestone[]): QuitMilestone | null =>
  milestones.find((m) => !m.achieved && m.remainingMinutes !== null) ?? null;

export const TRIGGERS: ReadonlyArray<{ value: CravingRequest['trigger']; label: string }> = [
  { value: 'stress', label: '压力' },
  { value: 'social', label: '社交' },
  { value: 'habit', label: '习惯' },
  { value: 'other', label: '其他' },
];

export const triggerLabel = (trigger: string): string => TRIGGERS.find((t) => t.value === trigger)?.label ?? trigger;

/**
 * A craving in two taps: the first picks the trigger, the second the intensity (1-5) and sends it. Resisted
 * unless the user says otherwise; the idempotency key makes a retried send one craving.
 */
export const cravingRequest = (trigger: CravingRequest['trigger'], intensity: number, idempotencyKey: string, resisted = true): CravingRequest => ({
  trigger,
  intensity: Math.min(5, Math.max(1, Math.round(intensity))),
  resisted,
  idempotencyKey,
});

export type Bar = { label: string; count: number; heightPercent: number };

const bars = (items: ReadonlyArray<{ label: string; count: number }>): Bar[] => {
  const max = Math.max(0, ...items.map((i) => i.count));
  return items.map((i) => ({ ...i, heightPercent: max === 0 ? 0 : Math.round((i.count / max) * 100) }));
};

/** 24 bars, one per local hour ("0" .. "23"), the tallest at 100%. */
export const hourBars = (stats: Pick<CravingStats, 'hours'>): Bar[] => bars(stats.hours.map((count, hour) => ({ label: String(hour), count })));

/** One bar per local day ("12-01"), every day of the window. */
export const dayBars = (stats: Pick<CravingStats, 'days'>): Bar[] => bars(stats.days.map((d) => ({ label: d.date.slice(5), count: d.count })));

/** A line about the patterns: "高发时段 22:00、8:00 · 主要诱因 压力 · 忍住 75%". */
export const patternSummary = (stats: Pick<CravingStats, 'count' | 'peakHours' | 'triggers' | 'resistedRate'>): string => {
  if (stats.count === 0) return '这段时间没有烟瘾记录';
  const peaks = stats.peakHours.map((h) => `${h}:00`).join('、');
  const top = stats.triggers.find((t) => t.count > 0);
  return `高发时段 ${peaks} · 主要诱因 ${top ? triggerLabel(top.trigger) : '—'} · 忍住 ${Math.round(stats.resistedRate * 100)}%`;
};
