import fc from 'fast-check';
import { addDays, type Weekday } from '../../../../../../utils/calendar';
import type { Frequency } from '../frequency';
import { consecutiveDays, habitStreak, heatmap, totalDistinctDays } from '../streaks';
import { completionBuckets, completionRateFromBuckets, consecutiveDaysFromRun, dayRuns, heatmapFromCounts } from '../summaries';

/**
 * The summaries give what the full computation over every date gives (the oracle: streaks.ts, and the
 * longest run as services/stats.ts computed it before), on random histories of every frequency.
 */
const RUNS = { seed: 20261202, numRuns: 1500 };
const TODAY_BASE = '2026-06-15';

const frequencyArb: fc.Arbitrary<Frequency> = fc.oneof(
  fc.constant<Frequency>({ type: 'daily' }),
  fc.integer({ min: 1, max: 7 }).map((n): Frequency => ({ type: 'timesPerWeek', timesPerWeek: n })),
  fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 9 }).map((days): Frequency => ({ type: 'weekdays', weekdays: days as Weekday[] })),
  fc.integer({ min: 2, max: 12 }).map((n): Frequency => ({ type: 'everyNDays', intervalDays: n })),
);

/** A history around today: dense or sparse, with duplicates, days before the start and after today, and junk. */
const historyArb = fc.record({
  frequency: frequencyArb,
  todayOffset: fc.integer({ min: 0, max: 30 }),
  startBack: fc.integer({ min: -5, max: 500 }),
  weekStartsOn: fc.integer({ min: 1, max: 7 }).map((n) => n as Weekday),
  density: fc.double({ min: 0, max: 1, noNaN: true }),
  offsets: fc.array(fc.integer({ min: -520, max: 5 }), { maxLength: 400 }),
  junk: fc.array(fc.constantFrom('', '2026-02-30', 'not a date', '2026-6-1'), { maxLength: 2 }),
});

type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

const materialise = (h: History) => {
  const today = addDays(TODAY_BASE, h.todayOffset);
  const startDate = addDays(today, -h.startBack);
  // Keep a share of the offsets by density, so the histories range from every day to a few scattered ones.
  const kept = h.offsets.filter((_, i) => (i * 0.6180339887) % 1 < h.density);
  const checkInDates = [...kept.map((offset) => addDays(today, offset)), ...h.junk];
  return { today, startDate, checkInDates, frequency: h.frequency, weekStartsOn: h.weekStartsOn };
};

/** The longest run as services/stats.ts computed it before the summaries (bestRuns(dates, 1)[0]?.days). */
const oldLongestRun = (dates: string[]) => {
  const sorted = [...new Set(dates)].sort();
  const runs: Array<{ end: string; days: number }> = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last.end, 1) === date) {
      last.end = date;
      last.days += 1;
    } else runs.push({ end: date, days: 1 });
  }
  return runs.sort((a, b) => b.days - a.days || b.end.localeCompare(a.end))[0]?.days ?? 0;
};

describe('summaries agree with the full computation', () => {
  it('give every habit the completion rate habitStreak gives, to the last bit', () => {
    fc.assert(
      fc.property(historyArb, (raw) => {
        const h = materialise(raw);
        const buckets = completionBuckets(h.frequency, h.startDate, h.today, h.weekStartsOn, h.checkInDates);
        const fromBuckets = completionRateFromBuckets({ ...h, buckets });
        expect(fromBuckets).toBe(habitStreak(h).completionRate);
      }),
      RUNS,
    );
  });

  it('give the user the consecutive days, the longest run and the total days the dates give', () => {
    fc.assert(
      fc.property(historyArb, (raw) => {
        // A user's dates are well formed (they come from a DATE column).
        const h = materialise({ ...raw, junk: [] });
        const runs = dayRuns(h.checkInDates);
        const holding = runs.find((r) => r.first <= h.today && r.last >= addDays(h.today, -1));
        expect(consecutiveDaysFromRun(holding, h.today)).toBe(consecutiveDays(h.checkInDates, h.today));
        expect(Math.max(0, ...runs.map((r) => r.days))).toBe(oldLongestRun(h.checkInDates));
        expect(runs.reduce((sum, r) => sum + r.days, 0)).toBe(totalDistinctDays(h.checkInDates));
      }),
      RUNS,
    );
  });

  it('draw the same heatmap from counts per day as from the dates', () => {
    fc.assert(
      fc.property(historyArb, (raw) => {
        const h = materialise({ ...raw, junk: [] });
        const counts = new Map<string, number>();
        for (const date of h.checkInDates) counts.set(date, (counts.get(date) ?? 0) + 1);
        const from = addDays(h.today, -6);
        expect(heatmapFromCounts(counts, from, h.today)).toEqual(heatmap(h.checkInDates, from, h.today));
      }),
      RUNS,
    );
  });

  it('refuse a bad frequency or week start as habitStreak does', () => {
    const base = { startDate: '2026-01-01', today: '2026-02-01', buckets: new Map<number, number>() };
    expect(() => completionRateFromBuckets({ ...base, frequency: { type: 'everyNDays', intervalDays: 1 }, weekStartsOn: 1 })).toThrow(RangeError);
    expect(() => completionRateFromBuckets({ ...base, frequency: { type: 'daily' }, weekStartsOn: 8 as Weekday })).toThrow(RangeError);
  });
});
