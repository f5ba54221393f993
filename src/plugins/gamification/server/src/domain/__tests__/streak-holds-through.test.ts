import fc from 'fast-check';
import { addDays, toDayNumber, type Weekday } from '../../../../../../utils/calendar';
import type { Frequency } from '../frequency';
import { habitStreakOfDays, streakHoldsThrough } from '../streaks';

/**
 * A stored streak is read as "current while today <= holdsThrough, else 0" (GET /api/check-ins/today),
 * so holdsThrough must agree with habitStreakOfDays on every later day without a new check-in.
 */
const frequencies = fc.oneof(
  fc.constant<Frequency>({ type: 'daily' }),
  fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((days): Frequency => ({ type: 'weekdays', weekdays: days as Weekday[] })),
  fc.integer({ min: 1, max: 7 }).map((n): Frequency => ({ type: 'timesPerWeek', timesPerWeek: n })),
  fc.integer({ min: 2, max: 9 }).map((n): Frequency => ({ type: 'everyNDays', intervalDays: n })),
);

describe('streakHoldsThrough', () => {
  it('keeps the current streak through that day and not one day longer, for every frequency', () => {
    fc.assert(
      fc.property(
        frequencies,
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 50 }),
        fc.integer({ min: 1, max: 7 }),
        (frequency, todayOffset, offsets, weekStartsOn) => {
          const startDate = '2026-01-05';
          const start = toDayNumber(startDate);
          const today = addDays(startDate, todayOffset);
          const checkInDays = offsets.filter((o) => o <= todayOffset).map((o) => start + o);
          const base = { frequency, startDate, checkInDays, weekStartsOn: weekStartsOn as Weekday };
          const { current } = habitStreakOfDays({ ...base, today });
          const through = streakHoldsThrough({ ...base, today }, current);
          if (current === 0) {
            expect(through).toBeNull();
            return;
          }
          expect(through! >= today).toBe(true);
          for (let day = today; day <= through!; day = addDays(day, 1)) {
            expect(habitStreakOfDays({ ...base, today: day }).current).toBe(current);
          }
          expect(habitStreakOfDays({ ...base, today: addDays(through!, 1) }).current).toBe(0);
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  it('gives a daily streak checked in today until the end of tomorrow, and one not yet checked in until tonight', () => {
    const input = { frequency: { type: 'daily' } as Frequency, startDate: '2026-03-01', weekStartsOn: 1 as Weekday, today: '2026-03-03' };
    const days = [toDayNumber('2026-03-02'), toDayNumber('2026-03-03')];
    expect(streakHoldsThrough({ ...input, checkInDays: days }, 2)).toBe('2026-03-04');
    expect(streakHoldsThrough({ ...input, checkInDays: days.slice(0, 1) }, 1)).toBe('2026-03-03');
  });
});
