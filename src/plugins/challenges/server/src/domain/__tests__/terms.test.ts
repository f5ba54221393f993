import { problemsWithTerms, type ChallengeTerms } from '../terms';

const threeWeeks: ChallengeTerms = {
  timezone: 'Asia/Shanghai',
  startDate: '2026-03-01',
  endDate: '2026-03-21',
  joinDeadline: null,
  rule: 'daysOf',
  targetDays: 14,
  perWeek: null,
  weeks: null,
  visibility: 'everyone',
  region: null,
};
const fieldsOf = (terms: Partial<ChallengeTerms>) => problemsWithTerms({ ...threeWeeks, ...terms }).map((problem) => problem.field);

describe('a challenge’s terms', () => {
  it('accept a window the rule fits in, up to every day of it', () => {
    expect(problemsWithTerms(threeWeeks)).toEqual([]);
    expect(fieldsOf({ targetDays: 21 })).toEqual([]);
    expect(fieldsOf({ rule: 'streak', targetDays: 21 })).toEqual([]);
    expect(fieldsOf({ rule: 'weekly', perWeek: 7, weeks: 3 })).toEqual([]);
    expect(fieldsOf({ startDate: '2026-03-01', endDate: '2026-03-01', targetDays: 1 })).toEqual([]);
  });

  it('refuse an end before the start, and nothing else is judged against a negative window', () => {
    expect(problemsWithTerms({ ...threeWeeks, startDate: '2026-03-21', endDate: '2026-03-01' })).toEqual([
      { field: 'endDate', message: expect.stringContaining('The end date 2026-03-01 is before the start date 2026-03-21') },
    ]);
  });

  it('refuse more than 366 days', () => {
    expect(fieldsOf({ startDate: '2026-01-01', endDate: '2027-01-01' })).toEqual([]);
    expect(fieldsOf({ startDate: '2026-01-01', endDate: '2027-01-02' })).toEqual(['endDate']);
  });

  it('refuse N days (daysOf or streak) that do not fit the window', () => {
    expect(fieldsOf({ targetDays: 22 })).toEqual(['targetDays']);
    expect(fieldsOf({ rule: 'streak', targetDays: 22 })).toEqual(['targetDays']);
  });

  it('refuse a weekly challenge without its numbers, or with more weeks than the window holds', () => {
    expect(fieldsOf({ rule: 'weekly', perWeek: null, weeks: null })).toEqual(['perWeek', 'weeks']);
    expect(fieldsOf({ rule: 'weekly', perWeek: 3, weeks: 4 })).toEqual(['weeks']);
    // targetDays is not the weekly rule's number: a large one is no problem there.
    expect(fieldsOf({ rule: 'weekly', perWeek: 3, weeks: 3, targetDays: 200 })).toEqual([]);
  });

  it('refuse a join deadline after the end (one before the start is a sign-up period)', () => {
    expect(fieldsOf({ joinDeadline: '2026-03-22' })).toEqual(['joinDeadline']);
    expect(fieldsOf({ joinDeadline: '2026-03-21' })).toEqual([]);
    expect(fieldsOf({ joinDeadline: '2026-02-25' })).toEqual([]);
  });

  it('refuse a region challenge without a region, and a time zone that does not exist', () => {
    expect(fieldsOf({ visibility: 'region', region: '  ' })).toEqual(['region']);
    expect(fieldsOf({ visibility: 'region', region: '浙江省' })).toEqual([]);
    expect(fieldsOf({ timezone: 'Asia/Beijing' })).toEqual(['timezone']);
  });

  it('leave missing or malformed dates to Strapi’s own validation', () => {
    expect(fieldsOf({ startDate: undefined })).toEqual([]);
    expect(fieldsOf({ endDate: '2026-02-30' })).toEqual([]);
  });
});
