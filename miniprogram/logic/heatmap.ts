/**
 * The year heatmap (habit page, stats): check-in days as a grid of week columns, GitHub style.
 * Pure, so the component only renders what this computes. Dates are calendar days (`YYYY-MM-DD`) as
 * the server sends them, already in the user's timezone: all arithmetic here is on day numbers (days
 * since 1970-01-01), never on local `Date`s, so the phone's own timezone cannot shift a cell.
 */

export type HeatmapDay = { date: string; count: number };

/** 0 = no check-in; 1-4 = more check-ins that day, relative to the busiest day shown. */
export type HeatmapLevel = 0 | 1 | 2 | 3 | 4;

export type HeatmapCell = {
  key: string;
  date: string;
  count: number;
  level: HeatmapLevel;
  /** A padding cell before the first day or after the last one (rendered invisible). */
  blank: boolean;
};

export type HeatmapWeek = { key: string; monthLabel: string; cells: HeatmapCell[] };

export type HeatmapGrid = {
  weeks: HeatmapWeek[];
  /** Seven row labels from the first weekday on; every other one blank, as on GitHub. */
  weekdayLabels: string[];
  activeDays: number;
  totalCheckIns: number;
  maxCount: number;
};

/** ISO weekday numbers: 1 = Monday ... 7 = Sunday (the server's `weekStartsOn`). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_NAMES: Record<Weekday, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '日' };
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const toDayNumber = (date: string): number => {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
};

export const fromDayNumber = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export const isoWeekday = (day: number): Weekday => ((((day + 3) % 7) + 7) % 7 + 1) as Weekday;

export const levelFor = (count: number, maxCount: number): HeatmapLevel => {
  if (count <= 0 || maxCount <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count * 4) / maxCount))) as HeatmapLevel;
};

const monthLabel = (date: string): string => `${Number(date.slice(5, 7))}月`;

/**
 * The grid for `days` (any order, gaps allowed; the range is the first to the last date given). Columns
 * are weeks starting on `weekStartsOn`; a column is labelled with its month when it holds the 1st of that
 * month, and the first column too when no label follows within two columns.
 */
export const heatmapGrid = (days: readonly HeatmapDay[], weekStartsOn: Weekday = 1): HeatmapGrid => {
  const counts = new Map<number, number>();
  for (const day of days) {
    if (!DATE_PATTERN.test(day.date)) continue;
    const n = toDayNumber(day.date);
    counts.set(n, (counts.get(n) ?? 0) + Math.max(0, day.count));
  }
  const weekdayLabels = Array.from({ length: 7 }, (_, row) => (row % 2 === 0 ? DAY_NAMES[(((weekStartsOn - 1 + row) % 7) + 1) as Weekday] : ''));
  if (counts.size === 0) return { weeks: [], weekdayLabels, activeDays: 0, totalCheckIns: 0, maxCount: 0 };

  const numbers = [...counts.keys()];
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const maxCount = Math.max(...counts.values());
  const lead = (isoWeekday(first) - weekStartsOn + 7) % 7;
  const gridStart = first - lead;

  const weeks: HeatmapWeek[] = [];
  let activeDays = 0;
  let totalCheckIns = 0;
  for (let weekStart = gridStart; weekStart <= last; weekStart += 7) {
    const cells: HeatmapCell[] = [];
    let label = '';
    for (let n = weekStart; n < weekStart + 7; n += 1) {
      const date = fromDayNumber(n);
      const blank = n < first || n > last;
      const count = blank ? 0 : counts.get(n) ?? 0;
      if (!blank && date.endsWith('-01')) label = monthLabel(date);
      if (count > 0) {
        activeDays += 1;
        totalCheckIns += count;
      }
      cells.push({ key: date, date, count, level: blank ? 0 : levelFor(count, maxCount), blank });
    }
    weeks.push({ key: fromDayNumber(weekStart), monthLabel: label, cells });
  }
  if (!weeks[0].monthLabel && !weeks.slice(1, 3).some((week) => week.monthLabel)) {
    weeks[0].monthLabel = monthLabel(fromDayNumber(first));
  }
  return { weeks, weekdayLabels, activeDays, totalCheckIns, maxCount };
};

/** What a tapped cell says: "3月5日 打卡 2 次" or "3月5日 未打卡". */
export const cellCaption = (cell: Pick<HeatmapCell, 'date' | 'count'>): string => {
  const day = `${Number(cell.date.slice(5, 7))}月${Number(cell.date.slice(8, 10))}日`;
  return cell.count > 0 ? `${day} 打卡 ${cell.count} 次` : `${day} 未打卡`;
};
