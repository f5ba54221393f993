import fc from 'fast-check';
import { addDays, eachDay, type Weekday } from '../../../../../../utils/calendar';
import type { Frequency } from '../frequency';
import { habitStrength, loopScore } from '../score';

/**
 * Expected values come from Loop Habit Tracker's own tests (iSoron/uhabits,
 * uhabits-core/src/jvmTest/.../models/ScoreTest.kt and ScoreListTest.kt), checked to the same
 * tolerance Loop uses there: |actual − expected| ≤ 1e-6.
 */
const expectLoopValue = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6);
const TODAY = '2024-06-30';
const SEED = { seed: 7, numRuns: 200 };
const back = (n: number) => addDays(TODAY, -n);

describe('loopScore', () => {
  it("matches Loop's Score.compute for a daily habit", () => {
    expectLoopValue(loopScore(1, 0, 1), 0.051922);
    expectLoopValue(loopScore(1, 0.5, 1), 0.525961);
    expectLoopValue(loopScore(1, 0.75, 1), 0.762981);
    expectLoopValue(loopScore(1, 0, 0), 0);
    expectLoopValue(loopScore(1, 0.5, 0), 0.474039);
    expectLoopValue(loopScore(1, 0.75, 0), 0.711058);
  });

  it("matches Loop's Score.compute for a habit due once in three days", () => {
    expectLoopValue(loopScore(1 / 3, 0, 1), 0.030314);
    expectLoopValue(loopScore(1 / 3, 0.5, 1), 0.515157);
    expectLoopValue(loopScore(1 / 3, 0.75, 1), 0.757578);
    expectLoopValue(loopScore(1 / 3, 0.5, 0), 0.484842);
    expectLoopValue(loopScore(1 / 3, 0.75, 0), 0.727263);
  });
});

describe('habitStrength', () => {
  it("reproduces Loop's score series for 20 daily check-ins", () => {
    // ScoreListTest.test_getValue, oldest first: three empty days, then 20 checked days up to today.
    const loopNewestFirst = [
      0.655747, 0.636894, 0.617008, 0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.443734, 0.41327, 0.381137, 0.347244, 0.311495,
      0.273788, 0.234017, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
    ];
    const { current, series } = habitStrength({ frequency: { type: 'daily' }, startDate: back(22), checkInDates: eachDay(back(19), TODAY), today: TODAY });
    expect(series.map((s) => s.date)).toEqual(eachDay(back(22), TODAY));
    [...loopNewestFirst].reverse().forEach((expected, i) => expectLoopValue(series[i].score, expected));
    expect(current).toBe(series[series.length - 1].score);
  });

  it("reproduces Loop's value for two check-ins of a habit due every other day", () => {
    // ScoreListTest.test_recompute: Frequency(1, 2) after checking today and yesterday.
    const { current } = habitStrength({ frequency: { type: 'everyNDays', intervalDays: 2 }, startDate: back(1), checkInDates: [back(1), TODAY], today: TODAY });
    expectLoopValue(current, 0.054816);
  });

  it('settles at two thirds when one of three weekly check-ins is always missed', () => {
    // ScoreListTest.test_imperfectNonDaily: two check-ins then five empty days, for 100 weeks.
    const checks = Array.from({ length: 100 }, (_, week) => [back(7 * week), back(7 * week + 1)]).flat();
    const input = { startDate: back(699), checkInDates: checks, today: TODAY };
    expectLoopValue(habitStrength({ ...input, frequency: { type: 'timesPerWeek', timesPerWeek: 3 } }).current, 2 / 3);
    expectLoopValue(habitStrength({ ...input, frequency: { type: 'timesPerWeek', timesPerWeek: 4 } }).current, 0.5);
  });

  it('reaches full strength for a weekly habit done on a different weekday each week', () => {
    // ScoreListTest.test_irregularNonDaily: once a week, alternately at the start and at the end of it.
    const checks = Array.from({ length: 100 }, (_, k) => [back(14 * k), back(14 * k + 13)]).flat();
    const { current } = habitStrength({ frequency: { type: 'timesPerWeek', timesPerWeek: 1 }, startDate: back(1399), checkInDates: checks, today: TODAY });
    expect(Math.abs(current - 1)).toBeLessThan(1e-3);
  });

  it('gets above 99% within 3 months daily, and within 9 months weekly', () => {
    // ScoreListTest.shouldAchieveHighScoreInReasonableTime.
    const daily = habitStrength({ frequency: { type: 'daily' }, startDate: back(89), checkInDates: eachDay(back(89), TODAY), today: TODAY });
    expect(daily.current).toBeGreaterThan(0.99);
    const weeklyChecks = Array.from({ length: 39 }, (_, i) => back(7 * i));
    const weekly = habitStrength({ frequency: { type: 'timesPerWeek', timesPerWeek: 1 }, startDate: back(7 * 38), checkInDates: weeklyChecks, today: TODAY });
    expect(weekly.current).toBeGreaterThan(0.99);
  });

  it('scores a weekday schedule as its share of the week, like Loop would', () => {
    const input = { startDate: back(60), checkInDates: [back(1), back(3), back(5), back(30)], today: TODAY };
    const mwf = habitStrength({ ...input, frequency: { type: 'weekdays', weekdays: [1, 3, 5] } });
    expect(mwf).toEqual(habitStrength({ ...input, frequency: { type: 'timesPerWeek', timesPerWeek: 3 } }));
  });

  it('ignores check-ins before the start and after today', () => {
    const base = { frequency: { type: 'daily' } as Frequency, startDate: back(10), today: TODAY };
    expect(habitStrength({ ...base, checkInDates: [back(11), back(40), addDays(TODAY, 1), back(3), 'soon'] })).toEqual(habitStrength({ ...base, checkInDates: [back(3)] }));
  });

  it('is empty before the habit starts', () => {
    expect(habitStrength({ frequency: { type: 'daily' }, startDate: addDays(TODAY, 1), checkInDates: [TODAY], today: TODAY })).toEqual({ current: 0, series: [] });
  });

  const weekday = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
  const frequency: fc.Arbitrary<Frequency> = fc.oneof(
    fc.constant<Frequency>({ type: 'daily' }),
    fc.integer({ min: 1, max: 7 }).map((n): Frequency => ({ type: 'timesPerWeek', timesPerWeek: n })),
    fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }).map((weekdays): Frequency => ({ type: 'weekdays', weekdays })),
    fc.integer({ min: 2, max: 30 }).map((n): Frequency => ({ type: 'everyNDays', intervalDays: n })),
  );

  it('keeps every score within [0, 1], one per day', () => {
    fc.assert(
      fc.property(frequency, fc.integer({ min: 0, max: 400 }), fc.array(fc.integer({ min: -3, max: 420 }), { maxLength: 300 }), (f, startBack, checks) => {
        const { current, series } = habitStrength({ frequency: f, startDate: back(startBack), checkInDates: checks.map(back), today: TODAY });
        expect(series).toHaveLength(startBack + 1);
        expect(series.filter(({ score }) => !(score >= 0 && score <= 1))).toEqual([]);
        expect(current).toBe(series[series.length - 1].score);
      }),
      SEED,
    );
  });

  it('never drops while the habit is checked in every day', () => {
    fc.assert(
      // Up to three years, far enough for the score to sit within float rounding of 1.
      fc.property(frequency, fc.integer({ min: 0, max: 1100 }), (f, startBack) => {
        const { series } = habitStrength({ frequency: f, startDate: back(startBack), checkInDates: eachDay(back(startBack), TODAY), today: TODAY });
        expect(series.filter((day, i) => i > 0 && day.score < series[i - 1].score)).toEqual([]);
      }),
      { ...SEED, numRuns: 60 },
    );
  });
});
