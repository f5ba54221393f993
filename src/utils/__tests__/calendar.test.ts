import fc from 'fast-check';
import { addDays, diffDays, eachDay, fromDayNumber, isValidDate, isoWeekday, toDayNumber, weekStart, lastDayOfMonth, type Weekday } from '../calendar';

const SEED = { seed: 20240229 };
const weekday = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
// Every day from 1900 to 2199: wide enough to cross leap centuries (1900 no, 2000 yes, 2100 no).
const anyDate = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') }).map(fromDayNumber);

describe('calendar', () => {
  it('accepts only YYYY-MM-DD strings naming a day that exists', () => {
    expect(['2024-02-29', '2000-02-29', '2023-12-31', '0099-01-01', '9999-12-31'].every(isValidDate)).toBe(true);
    const rejected = ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '2024-01-01T00:00', ' 2024-01-01', '20240101', ''];
    expect(rejected.filter(isValidDate)).toEqual([]);
    expect(isValidDate(20240101)).toBe(false);
    expect(isValidDate(null)).toBe(false);
  });

  it('steps across month ends, leap days and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(diffDays('2023-01-01', '2024-01-01')).toBe(365);
    expect(diffDays('2024-03-10', '2024-03-01')).toBe(-9);
  });

  it('names ISO weekdays with Monday as 1 and Sunday as 7', () => {
    expect(isoWeekday('2024-01-01')).toBe(1);
    expect(isoWeekday('2024-02-29')).toBe(4);
    expect(isoWeekday('2023-12-31')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('starts the week on the day the user chose', () => {
    // 2024-03-10 is a Sunday.
    expect(weekStart('2024-03-10', 1)).toBe('2024-03-04');
    expect(weekStart('2024-03-10', 7)).toBe('2024-03-10');
    expect(weekStart('2024-03-11', 7)).toBe('2024-03-10');
    expect(weekStart('2024-03-11', 1)).toBe('2024-03-11');
    expect(weekStart('2025-01-01', 1)).toBe('2024-12-30');
  });

  it('lists every day of an inclusive range, and nothing for a reversed one', () => {
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
    expect(eachDay('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('refuses malformed dates instead of guessing', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => diffDays('2024-01-01', 'tomorrow')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('gives the same days whatever time zone the server runs in', () => {
    const original = process.env.TZ;
    const results: string[][] = [];
    try {
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'Asia/Shanghai', 'America/St_Johns']) {
        process.env.TZ = zone;
        results.push([addDays('2024-03-09', 1), addDays('2024-11-02', 1), weekStart('2024-03-31', 1), String(isoWeekday('2024-10-27'))]);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(results.map((r) => r.join())).size).toBe(1);
    expect(results[0]).toEqual(['2024-03-10', '2024-11-03', '2024-03-25', '7']);
  });

  it('round-trips: adding n days then diffing gives n back', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const later = addDays(date, n);
        expect(isValidDate(later)).toBe(true);
        expect(diffDays(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
      }),
      SEED,
    );
  });

  it('agrees with the UTC weekday of the JavaScript Date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const [y, m, d] = date.split('-').map(Number);
        const jsDay = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
        expect(isoWeekday(date)).toBe(jsDay === 0 ? 7 : jsDay);
      }),
      SEED,
    );
  });

  it('puts the week start on the chosen weekday, at most six days back', () => {
    fc.assert(
      fc.property(anyDate, weekday, (date, startsOn) => {
        const start = weekStart(date, startsOn);
        expect(isoWeekday(start)).toBe(startsOn);
        const back = diffDays(start, date);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(6);
      }),
      SEED,
    );
  });
});

describe('lastDayOfMonth', () => {
  it('ends each month on its last day, February of leap years included', () => {
    expect(['2026-01', '2026-02', '2028-02', '2026-04', '2026-12'].map(lastDayOfMonth)).toEqual([
      '2026-01-31', '2026-02-28', '2028-02-29', '2026-04-30', '2026-12-31',
    ]);
  });
});
