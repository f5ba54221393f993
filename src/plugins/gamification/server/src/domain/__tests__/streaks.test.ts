import fc from 'fast-check';
import { addDays, diffDays, eachDay, isValidDate, type Weekday } from '../../../../../../utils/calendar';
import type { Frequency } from '../frequency';
import { consecutiveDays, habitStreak, heatmap, totalDistinctDays, type StreakInput } from '../streaks';

const SEED = { seed: 42, numRuns: 300 };
const daily: Frequency = { type: 'daily' };
const monToFri: Frequency = { type: 'weekdays', weekdays: [1, 2, 3, 4, 5] };
const threePerWeek: Frequency = { type: 'timesPerWeek', timesPerWeek: 3 };
const everyThreeDays: Frequency = { type: 'everyNDays', intervalDays: 3 };

const streak = (input: Partial<StreakInput> & Pick<StreakInput, 'frequency' | 'startDate' | 'today'>) =>
  habitStreak({ checkInDates: [], weekStartsOn: 1, ...input });

describe('habitStreak, daily', () => {
  it('restarts the count after a missed day and remembers the longer run', () => {
    const result = streak({
      frequency: daily,
      startDate: '2024-03-01',
      checkInDates: ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-06', '2024-03-07'],
      today: '2024-03-07',
    });
    expect(result).toEqual({ current: 2, longest: 4, unit: 'days', completionRate: 6 / 7 });
  });

  it("keeps yesterday's streak while today is not checked in yet", () => {
    const result = streak({ frequency: daily, startDate: '2024-03-01', checkInDates: eachDay('2024-03-01', '2024-03-05'), today: '2024-03-06' });
    // Today is still open, so it is neither in the streak nor held against the completion rate.
    expect(result).toEqual({ current: 5, longest: 5, unit: 'days', completionRate: 1 });
  });

  it('breaks the streak once a whole day has passed without a check-in', () => {
    const result = streak({ frequency: daily, startDate: '2024-03-01', checkInDates: eachDay('2024-03-01', '2024-03-05'), today: '2024-03-07' });
    expect(result).toEqual({ current: 0, longest: 5, unit: 'days', completionRate: 5 / 6 });
  });

  it('ignores check-ins before the start, after today, malformed ones and duplicates', () => {
    const result = streak({
      frequency: daily,
      startDate: '2024-03-03',
      checkInDates: ['2024-03-08', '2024-03-05', '2024-03-01', '2024-03-03', '2024-03-02', '2024-03-04', '2024-03-03', '2024-02-30', 'yesterday', '2024-03-06'],
      today: '2024-03-05',
    });
    expect(result).toEqual({ current: 3, longest: 3, unit: 'days', completionRate: 1 });
  });

  it('counts straight through a leap day', () => {
    const result = streak({ frequency: daily, startDate: '2024-02-27', checkInDates: ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'], today: '2024-03-01' });
    expect(result.current).toBe(4);
  });

  it('goes from 28 February straight to 1 March in a common year', () => {
    const result = streak({ frequency: daily, startDate: '2023-02-27', checkInDates: ['2023-02-27', '2023-02-28', '2023-03-01'], today: '2023-03-01' });
    expect(result.current).toBe(3);
  });

  it('carries a streak across the new year', () => {
    const result = streak({ frequency: daily, startDate: '2024-12-01', checkInDates: ['2024-12-30', '2024-12-31', '2025-01-01'], today: '2025-01-02' });
    expect(result).toMatchObject({ current: 3, longest: 3 });
    expect(result.completionRate).toBeCloseTo(3 / 32, 12);
  });

  it('reports nothing for a habit that starts in the future', () => {
    expect(streak({ frequency: daily, startDate: '2024-03-10', checkInDates: ['2024-03-10'], today: '2024-03-09' })).toEqual({
      current: 0,
      longest: 0,
      unit: 'days',
      completionRate: 0,
    });
  });

  it('reports a rate of 0, not a division by zero, on the first day before checking in', () => {
    expect(streak({ frequency: daily, startDate: '2024-03-10', today: '2024-03-10' })).toEqual({ current: 0, longest: 0, unit: 'days', completionRate: 0 });
  });

  it('refuses a malformed frequency, start, today or week start', () => {
    expect(() => streak({ frequency: { type: 'timesPerWeek', timesPerWeek: 0 }, startDate: '2024-03-01', today: '2024-03-02' })).toThrow(RangeError);
    expect(() => streak({ frequency: { type: 'everyNDays', intervalDays: 1 }, startDate: '2024-03-01', today: '2024-03-02' })).toThrow(RangeError);
    expect(() => streak({ frequency: { type: 'weekdays', weekdays: [] }, startDate: '2024-03-01', today: '2024-03-02' })).toThrow(RangeError);
    expect(() => streak({ frequency: daily, startDate: '2024-02-30', today: '2024-03-02' })).toThrow(RangeError);
    expect(() => streak({ frequency: daily, startDate: '2024-03-01', today: '03/02/2024' })).toThrow(RangeError);
    expect(() => streak({ frequency: daily, startDate: '2024-03-01', today: '2024-03-02', weekStartsOn: 0 as Weekday })).toThrow(RangeError);
  });
});

describe('habitStreak, weekdays', () => {
  // 2024-03-04 is a Monday; 03-09/03-10 are the weekend.
  it('keeps a weekday streak across the weekend', () => {
    const result = streak({
      frequency: monToFri,
      startDate: '2024-03-04',
      checkInDates: [...eachDay('2024-03-04', '2024-03-08'), '2024-03-11'],
      today: '2024-03-12',
    });
    // Tuesday 03-12 is scheduled but still open, so it neither breaks nor counts yet.
    expect(result).toEqual({ current: 6, longest: 6, unit: 'days', completionRate: 1 });
  });

  it('ignores check-ins on unscheduled days', () => {
    const base = { frequency: monToFri, startDate: '2024-03-04', today: '2024-03-12' };
    const without = streak({ ...base, checkInDates: [...eachDay('2024-03-04', '2024-03-08'), '2024-03-11'] });
    const withWeekend = streak({ ...base, checkInDates: [...eachDay('2024-03-04', '2024-03-11')] });
    expect(withWeekend).toEqual(without);
  });

  it('breaks on a missed scheduled day', () => {
    const result = streak({
      frequency: monToFri,
      startDate: '2024-03-04',
      checkInDates: ['2024-03-04', '2024-03-05', '2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12'],
      today: '2024-03-12',
    });
    expect(result).toEqual({ current: 4, longest: 4, unit: 'days', completionRate: 6 / 7 });
  });

  it('on an unscheduled today, ends the streak at the last scheduled day', () => {
    const base = { frequency: monToFri, startDate: '2024-03-04', today: '2024-03-10' };
    expect(streak({ ...base, checkInDates: eachDay('2024-03-04', '2024-03-08') })).toMatchObject({ current: 5, longest: 5, completionRate: 1 });
    // Friday missed: by Sunday that required day is over.
    expect(streak({ ...base, checkInDates: eachDay('2024-03-04', '2024-03-07') })).toMatchObject({ current: 0, longest: 4, completionRate: 4 / 5 });
  });

  it('counts a weekday listed twice only once', () => {
    const once = streak({ frequency: { type: 'weekdays', weekdays: [1, 3] }, startDate: '2024-03-04', checkInDates: ['2024-03-04', '2024-03-06', '2024-03-11'], today: '2024-03-12' });
    const twice = streak({ frequency: { type: 'weekdays', weekdays: [1, 3, 3, 1] }, startDate: '2024-03-04', checkInDates: ['2024-03-04', '2024-03-06', '2024-03-11'], today: '2024-03-12' });
    expect(twice).toEqual(once);
    expect(once).toEqual({ current: 3, longest: 3, unit: 'days', completionRate: 1 });
  });
});

describe('habitStreak, times per week', () => {
  // Weeks starting Monday 03-04 (3 check-ins), 03-11 (4) and 03-18 (2).
  const weeksOf342 = ['2024-03-04', '2024-03-06', '2024-03-08', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-18', '2024-03-20'];

  it('does not break the streak on a week still in progress', () => {
    const result = streak({ frequency: threePerWeek, startDate: '2024-03-04', checkInDates: weeksOf342, today: '2024-03-24' });
    expect(result).toEqual({ current: 2, longest: 2, unit: 'weeks', completionRate: 1 });
  });

  it('breaks the streak once a week ends short of the target, and gives partial credit for it', () => {
    const result = streak({ frequency: threePerWeek, startDate: '2024-03-04', checkInDates: weeksOf342, today: '2024-03-25' });
    // Σ min(count, 3) = 3 + 3 + 2 over 3 × 3 required.
    expect(result).toEqual({ current: 0, longest: 2, unit: 'weeks', completionRate: 8 / 9 });
  });

  it('counts the current week as soon as it is complete', () => {
    const result = streak({ frequency: threePerWeek, startDate: '2024-03-04', checkInDates: [...weeksOf342, '2024-03-21'], today: '2024-03-21' });
    expect(result).toEqual({ current: 3, longest: 3, unit: 'weeks', completionRate: 1 });
  });

  it('counts distinct days, not check-ins', () => {
    const result = streak({ frequency: threePerWeek, startDate: '2024-03-04', checkInDates: ['2024-03-04', '2024-03-04', '2024-03-04', '2024-03-05'], today: '2024-03-11' });
    expect(result).toEqual({ current: 0, longest: 0, unit: 'weeks', completionRate: 2 / 3 });
  });

  it('groups days into weeks by the chosen first weekday', () => {
    // Sunday 03-10, Monday 03-11, Tuesday 03-12.
    const input = { frequency: threePerWeek, startDate: '2024-03-10', checkInDates: ['2024-03-10', '2024-03-11', '2024-03-12'], today: '2024-03-12' };
    // Monday weeks split them 1 + 2: the week ending Sunday 03-10 is over and short.
    expect(streak({ ...input, weekStartsOn: 1 })).toEqual({ current: 0, longest: 0, unit: 'weeks', completionRate: 1 / 3 });
    // Sunday weeks keep them together: one complete week.
    expect(streak({ ...input, weekStartsOn: 7 })).toEqual({ current: 1, longest: 1, unit: 'weeks', completionRate: 1 });
  });

  it('treats the week holding the start date like any other week', () => {
    // Started on Saturday 03-09 (Monday weeks): that week could hold only 2 days, and is still required.
    const result = streak({ frequency: threePerWeek, startDate: '2024-03-09', checkInDates: ['2024-03-09', '2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13'], today: '2024-03-13' });
    expect(result).toEqual({ current: 1, longest: 1, unit: 'weeks', completionRate: 5 / 6 });
  });
});

describe('habitStreak, every N days', () => {
  // Periods of 3 days from 03-01: [01–03], [04–06], [07–09], [10–12], [13–15].
  const hits = ['2024-03-02', '2024-03-06', '2024-03-08'];

  it('counts consecutive periods with a check-in, the open period not breaking it', () => {
    expect(streak({ frequency: everyThreeDays, startDate: '2024-03-01', checkInDates: hits, today: '2024-03-10' })).toEqual({
      current: 3,
      longest: 3,
      unit: 'periods',
      completionRate: 1,
    });
  });

  it('breaks once a whole period passes without a check-in', () => {
    expect(streak({ frequency: everyThreeDays, startDate: '2024-03-01', checkInDates: hits, today: '2024-03-13' })).toEqual({
      current: 0,
      longest: 3,
      unit: 'periods',
      completionRate: 3 / 4,
    });
  });

  it('counts a period once however many check-ins it holds', () => {
    const result = streak({ frequency: everyThreeDays, startDate: '2024-03-01', checkInDates: [...hits, '2024-03-01', '2024-03-03', '2024-03-10'], today: '2024-03-10' });
    expect(result).toEqual({ current: 4, longest: 4, unit: 'periods', completionRate: 1 });
  });

  it('counts periods from the habit start, not from the calendar', () => {
    // Starting 03-02 the blocks are [02–04] and [05–07]: 03-04 and 03-05 fall in different blocks.
    const result = streak({ frequency: everyThreeDays, startDate: '2024-03-02', checkInDates: ['2024-03-04', '2024-03-05'], today: '2024-03-08' });
    expect(result).toEqual({ current: 2, longest: 2, unit: 'periods', completionRate: 1 });
    // Starting 03-03 they share the block [03–05] and the next block [06–08] is still open.
    expect(streak({ frequency: everyThreeDays, startDate: '2024-03-03', checkInDates: ['2024-03-04', '2024-03-05'], today: '2024-03-08' })).toEqual({
      current: 1,
      longest: 1,
      unit: 'periods',
      completionRate: 1,
    });
  });
});

describe('user-level day counts', () => {
  it('counts consecutive days with any check-in, ending today', () => {
    expect(consecutiveDays(['2024-03-05', '2024-03-04', '2024-03-05', '2024-03-03', '2024-03-01'], '2024-03-05')).toBe(3);
  });

  it('keeps counting from yesterday while today is open, and drops to 0 after a missed day', () => {
    const dates = ['2024-12-30', '2024-12-31'];
    expect(consecutiveDays(dates, '2025-01-01')).toBe(2);
    expect(consecutiveDays(dates, '2025-01-02')).toBe(0);
  });

  it('ignores future and malformed dates in the consecutive count', () => {
    expect(consecutiveDays(['2024-03-06', '2024-03-04', 'garbage', '2024-02-30'], '2024-03-05')).toBe(1);
  });

  it('counts each distinct day once in the total', () => {
    expect(totalDistinctDays(['2024-03-01', '2024-03-01', '2024-03-02', 'nope', '2024-02-30'])).toBe(2);
    expect(totalDistinctDays([])).toBe(0);
  });

  it('lays out a heatmap with every day of the range, including empty ones', () => {
    expect(heatmap(['2024-02-28', '2024-02-29', '2024-02-29', '2024-03-02', '2024-02-27', 'bad'], '2024-02-28', '2024-03-01')).toEqual([
      { date: '2024-02-28', count: 1 },
      { date: '2024-02-29', count: 2 },
      { date: '2024-03-01', count: 0 },
    ]);
    expect(heatmap(['2024-03-01'], '2024-03-02', '2024-03-01')).toEqual([]);
  });
});

// ---- properties ----

const TODAY = '2024-06-30';
const weekday = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
const frequency: fc.Arbitrary<Frequency> = fc.oneof(
  fc.constant<Frequency>({ type: 'daily' }),
  fc.integer({ min: 1, max: 7 }).map((n): Frequency => ({ type: 'timesPerWeek', timesPerWeek: n })),
  fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }).map((weekdays): Frequency => ({ type: 'weekdays', weekdays })),
  fc.integer({ min: 2, max: 10 }).map((n): Frequency => ({ type: 'everyNDays', intervalDays: n })),
);
// Offsets are days before TODAY; negative ones land after it and must be ignored.
const history = fc.record({
  startBack: fc.integer({ min: 0, max: 150 }),
  checkInsBack: fc.array(fc.integer({ min: -5, max: 170 }), { maxLength: 160 }),
  weekStartsOn: weekday,
});
const toInput = (f: Frequency, h: { startBack: number; checkInsBack: number[]; weekStartsOn: Weekday }): StreakInput => ({
  frequency: f,
  startDate: addDays(TODAY, -h.startBack),
  checkInDates: h.checkInsBack.map((back) => addDays(TODAY, -back)),
  today: TODAY,
  weekStartsOn: h.weekStartsOn,
});

describe('habitStreak properties', () => {
  it('never reports a current streak longer than the longest one', () => {
    fc.assert(
      fc.property(frequency, history, (f, h) => {
        const { current, longest } = habitStreak(toInput(f, h));
        expect(current).toBeGreaterThanOrEqual(0);
        expect(current).toBeLessThanOrEqual(longest);
      }),
      SEED,
    );
  });

  it('keeps the completion rate within [0, 1]', () => {
    fc.assert(
      fc.property(frequency, history, (f, h) => {
        const { completionRate } = habitStreak(toInput(f, h));
        expect(completionRate).toBeGreaterThanOrEqual(0);
        expect(completionRate).toBeLessThanOrEqual(1);
      }),
      SEED,
    );
  });

  it('never makes a daily streak longer than the number of distinct days checked in', () => {
    fc.assert(
      fc.property(history, (h) => {
        const input = toInput(daily, h);
        const inRange = new Set(input.checkInDates.filter((d) => isValidDate(d) && d >= input.startDate && d <= TODAY));
        expect(habitStreak(input).longest).toBeLessThanOrEqual(inRange.size);
      }),
      SEED,
    );
  });

  it('never lowers the longest streak when a check-in is added', () => {
    fc.assert(
      fc.property(frequency, history, fc.integer({ min: -5, max: 170 }), (f, h, extraBack) => {
        const before = habitStreak(toInput(f, h));
        const after = habitStreak(toInput(f, { ...h, checkInsBack: [...h.checkInsBack, extraBack] }));
        expect(after.longest).toBeGreaterThanOrEqual(before.longest);
        expect(after.current).toBeGreaterThanOrEqual(before.current);
      }),
      SEED,
    );
  });

  it('gives current = k for a run of k daily check-ins ending today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }),
        (k, gapAndMore, olderBack) => {
          const run = eachDay(addDays(TODAY, -(k - 1)), TODAY);
          // Older check-ins stay strictly before the day that breaks the run.
          const older = olderBack.map((back) => addDays(TODAY, -(k + 1 + back)));
          const startDate = addDays(TODAY, -(k + gapAndMore + 200));
          const result = habitStreak({ frequency: daily, startDate, checkInDates: [...older, ...run], today: TODAY, weekStartsOn: 1 });
          expect(result.current).toBe(k);
          expect(result.longest).toBeGreaterThanOrEqual(k);
        },
      ),
      SEED,
    );
  });

  it('does not depend on the order or repetition of check-ins', () => {
    fc.assert(
      fc.property(frequency, history, (f, h) => {
        const input = toInput(f, h);
        const shuffled = { ...input, checkInDates: [...input.checkInDates].reverse().concat(input.checkInDates) };
        expect(habitStreak(shuffled)).toEqual(habitStreak(input));
      }),
      SEED,
    );
  });

  it('treats a habit scheduled on all seven weekdays exactly like a daily one', () => {
    fc.assert(
      fc.property(history, (h) => {
        const everyDay = habitStreak(toInput({ type: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] }, h));
        expect(everyDay).toEqual(habitStreak(toInput(daily, h)));
      }),
      SEED,
    );
  });

  it('agrees with consecutiveDays for a daily habit that started long ago', () => {
    fc.assert(
      fc.property(history, (h) => {
        const input = { ...toInput(daily, h), startDate: addDays(TODAY, -400) };
        expect(habitStreak(input).current).toBe(consecutiveDays(input.checkInDates, TODAY));
      }),
      SEED,
    );
  });

  it('puts every check-in in range into exactly one heatmap cell', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 60 }), (h, span) => {
        const from = addDays(TODAY, -span);
        const { checkInDates } = toInput(daily, h);
        const cells = heatmap(checkInDates, from, TODAY);
        expect(cells).toHaveLength(diffDays(from, TODAY) + 1);
        const total = cells.reduce((sum, c) => sum + c.count, 0);
        expect(total).toBe(checkInDates.filter((d) => d >= from && d <= TODAY).length);
      }),
      SEED,
    );
  });
});
