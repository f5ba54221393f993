import { diffDays, isValidDate } from '../../../../../utils/calendar';
import { isValidTimezone } from '../../../../../utils/clock';

/**
 * Whether a challenge's terms can be met at all: the dates in order, the rule's days inside the window,
 * a region where the visibility asks for one. Pure; the editors' writes are checked with it
 * (editor-writes.ts), so the admin refuses an impossible challenge under the field it is about instead
 * of publishing one nobody can finish. A field that is missing or of the wrong type is left to Strapi's
 * own validation (required, min / max), which names it already.
 */
export type ChallengeTerms = {
  timezone: unknown;
  startDate: unknown;
  endDate: unknown;
  joinDeadline: unknown;
  rule: unknown;
  targetDays: unknown;
  perWeek: unknown;
  weeks: unknown;
  visibility: unknown;
  region: unknown;
};

export type TermsProblem = { field: keyof ChallengeTerms; message: string };

/** The longest window, as for user-made challenges. */
export const MAX_CHALLENGE_DAYS = 366;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export const problemsWithTerms = (terms: Partial<ChallengeTerms>): TermsProblem[] => {
  const problems: TermsProblem[] = [];
  if (typeof terms.timezone === 'string' && !isValidTimezone(terms.timezone)) {
    problems.push({ field: 'timezone', message: `时区无效 · "${terms.timezone}" is not an IANA time zone (e.g. Asia/Shanghai)` });
  }
  if (!isValidDate(terms.startDate) || !isValidDate(terms.endDate)) return problems;

  const days = diffDays(terms.startDate, terms.endDate) + 1;
  if (days < 1) {
    problems.push({ field: 'endDate', message: `结束日期早于开始日期 · The end date ${terms.endDate} is before the start date ${terms.startDate}` });
    return problems;
  }
  if (days > MAX_CHALLENGE_DAYS) {
    problems.push({ field: 'endDate', message: `挑战最长 ${MAX_CHALLENGE_DAYS} 天 · A challenge lasts at most ${MAX_CHALLENGE_DAYS} days (this one: ${days})` });
  }
  if (isValidDate(terms.joinDeadline) && terms.joinDeadline > terms.endDate) {
    problems.push({ field: 'joinDeadline', message: `报名截止晚于结束日期 · The join deadline ${terms.joinDeadline} is after the end date ${terms.endDate}` });
  }

  if (terms.rule === 'weekly') {
    if (!isCount(terms.perWeek)) problems.push({ field: 'perWeek', message: '每周规则需要每周次数 · A weekly challenge needs Per week (1-7)' });
    if (!isCount(terms.weeks)) {
      problems.push({ field: 'weeks', message: '每周规则需要周数 · A weekly challenge needs Weeks' });
    } else if (terms.weeks * 7 > days) {
      problems.push({ field: 'weeks', message: `${terms.weeks} 周超出挑战日期 · ${terms.weeks} weeks do not fit the ${days} days from the start date to the end date` });
    }
  } else if ((terms.rule === 'daysOf' || terms.rule === 'streak') && isCount(terms.targetDays) && terms.targetDays > days) {
    problems.push({ field: 'targetDays', message: `目标天数超出挑战日期 · ${terms.targetDays} days do not fit the ${days} days from the start date to the end date` });
  }

  if (terms.visibility === 'region' && isBlank(terms.region)) {
    problems.push({ field: 'region', message: '按地区可见需要填写地区 · A region challenge needs the region (province, city or district)' });
  }
  return problems;
};
