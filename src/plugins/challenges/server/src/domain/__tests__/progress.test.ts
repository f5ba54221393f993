import { addDays } from '../../../../../../utils/calendar';
import fc from 'fast-check';
import { counts, endInstant, evaluateProgress, type ChallengeTerms, type CheckInFact } from '../progress';

const terms = (over: Partial<ChallengeTerms> = {}): ChallengeTerms => ({
  timezone: 'Asia/Shanghai',
  startDate: '2026-03-01',
  endDate: '2026-03-14',
  rule: 'daysOf',
  targetDays: 3,
  perWeek: null,
  weeks: null,
  allowMakeup: false,
  ...over,
});

/** A check-in on `day`, written at noon Shanghai time that day (or at `writtenAt`). */
const on = (day: string, extra: Partial<CheckInFact> = {}): CheckInFact => ({ localDate: day, writtenAt: new Date(`${day}T04:00:00Z`), isMakeup: false, ...extra });

describe('the window', () => {
  it('runs from startDate 00:00 to endDate + 1 00:00 in the challenge timezone', () => {
    expect(endInstant(terms()).toISOString()).toBe('2026-03-14T16:00:00.000Z');
    expect(endInstant(terms({ timezone: 'America/Los_Angeles' })).toISOString()).toBe('2026-03-15T07:00:00.000Z');
    expect(endInstant(terms({ timezone: 'Pacific/Auckland' })).toISOString()).toBe('2026-03-14T11:00:00.000Z');
  });

  it('counts local days within the dates, written before the end instant', () => {
    const t = terms();
    expect(counts(t, on('2026-02-28'))).toBe(false);
    expect(counts(t, on('2026-03-01'))).toBe(true);
    expect(counts(t, on('2026-03-14'))).toBe(true);
    expect(counts(t, on('2026-03-15'))).toBe(false);
    // The last day's check-in written one second before / after the challenge's local midnight.
    expect(counts(t, on('2026-03-14', { writtenAt: new Date('2026-03-14T15:59:59Z') }))).toBe(true);
    expect(counts(t, on('2026-03-14', { writtenAt: new Date('2026-03-14T16:00:00Z') }))).toBe(false);
  });

  it('counts a makeup only when the challenge allows makeups, and only before the end', () => {
    const late = on('2026-03-10', { isMakeup: true, writtenAt: new Date('2026-03-12T04:00:00Z') });
    expect(counts(terms(), late)).toBe(false);
    expect(counts(terms({ allowMakeup: true }), late)).toBe(true);
    expect(counts(terms({ allowMakeup: true }), { ...late, writtenAt: new Date('2026-03-15T04:00:00Z') })).toBe(false);
  });
});

describe('daysOf', () => {
  it('counts distinct days and completes at targetDays, with the moments that made it', () => {
    const p = evaluateProgress(terms(), [on('2026-03-01'), on('2026-03-03'), on('2026-03-04'), on('2026-03-06')]);
    expect(p).toMatchObject({ daysDone: 4, daysNeeded: 3, completed: true, bestStreak: 2, streak: 1 });
    expect(p.progressAt?.toISOString()).toBe('2026-03-06T04:00:00.000Z');
    expect(p.reachedAt?.toISOString()).toBe('2026-03-04T04:00:00.000Z');
  });

  it('gives nothing for no rows', () => {
    expect(evaluateProgress(terms(), [])).toEqual({ daysDone: 0, daysNeeded: 3, streak: 0, bestStreak: 0, completed: false, progressAt: null, reachedAt: null });
  });

  it('dates progress by write time: a makeup written last moves progressAt, not the day it mends', () => {
    const p = evaluateProgress(terms({ allowMakeup: true }), [
      on('2026-03-01'),
      on('2026-03-03'),
      on('2026-03-02', { isMakeup: true, writtenAt: new Date('2026-03-03T05:00:00Z') }),
    ]);
    expect(p.daysDone).toBe(3);
    expect(p.progressAt?.toISOString()).toBe('2026-03-03T05:00:00.000Z');
    expect(p.streak).toBe(3);
  });
});

describe('streak', () => {
  it('takes the best run as daysDone and the run ending on the latest day as the streak', () => {
    const p = evaluateProgress(terms({ rule: 'streak', targetDays: 3 }), [
      on('2026-03-01'), on('2026-03-02'), on('2026-03-03'), on('2026-03-05'), on('2026-03-06'),
    ]);
    expect(p).toMatchObject({ daysDone: 3, bestStreak: 3, streak: 2, completed: true, daysNeeded: 3 });
    expect(p.progressAt?.toISOString()).toBe('2026-03-03T04:00:00.000Z');
    expect(p.reachedAt?.toISOString()).toBe('2026-03-03T04:00:00.000Z');
  });

  it('is broken by a missed day and mended by an allowed makeup', () => {
    const facts = [on('2026-03-01'), on('2026-03-03'), on('2026-03-02', { isMakeup: true, writtenAt: new Date('2026-03-04T01:00:00Z') })];
    expect(evaluateProgress(terms({ rule: 'streak' }), facts)).toMatchObject({ daysDone: 1, completed: false });
    expect(evaluateProgress(terms({ rule: 'streak', allowMakeup: true }), facts)).toMatchObject({ daysDone: 3, completed: true });
  });
});

describe('weekly', () => {
  const weekly = terms({ rule: 'weekly', perWeek: 2, weeks: 2 });
  it('counts at most perWeek days per 7-day block from startDate, and completes when every week has them', () => {
    const first = evaluateProgress(weekly, [on('2026-03-01'), on('2026-03-02'), on('2026-03-03'), on('2026-03-08')]);
    expect(first).toMatchObject({ daysDone: 3, daysNeeded: 4, completed: false, reachedAt: null });
    const both = evaluateProgress(weekly, [on('2026-03-01'), on('2026-03-02'), on('2026-03-03'), on('2026-03-08'), on('2026-03-14')]);
    expect(both).toMatchObject({ daysDone: 4, completed: true });
    expect(both.reachedAt?.toISOString()).toBe('2026-03-14T04:00:00.000Z');
  });

  it('derives the number of weeks from the dates when weeks is not set', () => {
    expect(evaluateProgress(terms({ rule: 'weekly', perWeek: 3 }), []).daysNeeded).toBe(6);
  });
});

describe('recomputing', () => {
  const day = fc.integer({ min: 0, max: 20 }).map((n) => addDays('2026-02-26', n));
  const fact = fc.record({ localDate: day, writtenAt: fc.integer({ min: 0, max: 30 * 86_400 }).map((s) => new Date(Date.UTC(2026, 1, 25) + s * 1000)), isMakeup: fc.boolean() });
  const anyTerms = fc.record({
    rule: fc.constantFrom('daysOf' as const, 'streak' as const, 'weekly' as const),
    targetDays: fc.integer({ min: 1, max: 14 }),
    perWeek: fc.integer({ min: 1, max: 7 }),
    weeks: fc.constant(2),
    allowMakeup: fc.boolean(),
  });

  it('does not depend on the order the rows come in, and never exceeds what is possible', () => {
    fc.assert(
      fc.property(anyTerms, fc.array(fact, { maxLength: 30 }), (over, facts) => {
        const t = terms(over);
        const a = evaluateProgress(t, facts);
        const b = evaluateProgress(t, [...facts].reverse());
        expect(b).toEqual(a);
        expect(a.daysDone).toBeLessThanOrEqual(14);
        expect(a.completed).toBe(a.reachedAt !== null);
        if (a.daysDone === 0) expect(a.progressAt).toBeNull();
      }),
    );
  });

  it('never loses progress when a row is added', () => {
    fc.assert(
      fc.property(anyTerms, fc.array(fact, { maxLength: 30 }), fact, (over, facts, extra) => {
        const t = terms(over);
        expect(evaluateProgress(t, [...facts, extra]).daysDone).toBeGreaterThanOrEqual(evaluateProgress(t, facts).daysDone);
      }),
    );
  });
});
