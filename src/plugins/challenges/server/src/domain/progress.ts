import { addDays, toDayNumber } from '../../../../../utils/calendar';
import { startOfLocalDay } from '../../../../../utils/clock';

/**
 * A participant's progress in a challenge, recomputed from the linked habit's check-in rows (never
 * incremented, never taken from the client): the same rows always give the same answer, so an event
 * handled twice, late or out of order changes nothing, and the board can be rebuilt from the rows.
 * Pure: services/progress.ts reads the rows and saves the result.
 */
export type ChallengeRule = 'daysOf' | 'streak' | 'weekly';

export type ChallengeTerms = {
  /** IANA timezone of the challenge's local dates. */
  timezone: string;
  startDate: string;
  endDate: string;
  rule: ChallengeRule;
  targetDays: number;
  perWeek: number | null;
  weeks: number | null;
  allowMakeup: boolean;
};

/** One check-in row of the habit: the user's local day, when it was written, and whether it was a makeup. */
export type CheckInFact = { localDate: string; writtenAt: Date; isMakeup: boolean };

export type Progress = {
  daysDone: number;
  daysNeeded: number;
  /** The run of consecutive counted days ending on the latest counted day (streak rule; 0 for the others' meaning aside, still reported). */
  streak: number;
  bestStreak: number;
  completed: boolean;
  /** When daysDone last increased (the check-in that brought it to its value was written); null at 0. */
  progressAt: Date | null;
  /** When the rule was first satisfied, among the rows as they are now; null while it is not. */
  reachedAt: Date | null;
};

/** The challenge's end instant: `endDate + 1` 00:00 in its timezone. */
export const endInstant = (terms: Pick<ChallengeTerms, 'endDate' | 'timezone'>): Date => startOfLocalDay(addDays(terms.endDate, 1), terms.timezone);

/** Its start instant: `startDate` 00:00 in its timezone. */
export const startInstant = (terms: Pick<ChallengeTerms, 'startDate' | 'timezone'>): Date => startOfLocalDay(terms.startDate, terms.timezone);

/** The number of 7-day blocks a weekly challenge has: its `weeks`, else as many as the dates hold. */
export const weeksOf = (terms: Pick<ChallengeTerms, 'startDate' | 'endDate' | 'weeks'>): number =>
  terms.weeks ?? Math.max(1, Math.ceil((toDayNumber(terms.endDate) - toDayNumber(terms.startDate) + 1) / 7));

export const daysNeededOf = (terms: ChallengeTerms): number =>
  terms.rule === 'weekly' ? (terms.perWeek ?? 1) * weeksOf(terms) : terms.targetDays;

/**
 * Whether a check-in counts: its local day is within [startDate, endDate], it was written before the end
 * instant, and a makeup only when the challenge allows makeups.
 */
export const counts = (terms: ChallengeTerms, fact: CheckInFact, end: Date = endInstant(terms)): boolean =>
  fact.localDate >= terms.startDate &&
  fact.localDate <= terms.endDate &&
  fact.writtenAt.getTime() < end.getTime() &&
  (!fact.isMakeup || terms.allowMakeup);

/** Running totals of one rule as counted days are added one at a time (in the order they were written). */
const tally = (terms: ChallengeTerms) => {
  const start = toDayNumber(terms.startDate);
  const days = new Set<number>();
  const perWeek = terms.perWeek ?? 1;
  const weeks = weeksOf(terms);
  const inWeek = new Array<number>(weeks).fill(0);
  let weeklyDone = 0;
  let bestStreak = 0;
  const runThrough = (day: number) => {
    let from = day;
    while (days.has(from - 1)) from -= 1;
    let to = day;
    while (days.has(to + 1)) to += 1;
    return to - from + 1;
  };
  return {
    add(day: number) {
      if (days.has(day)) return;
      days.add(day);
      bestStreak = Math.max(bestStreak, runThrough(day));
      const week = Math.floor((day - start) / 7);
      if (week >= 0 && week < weeks) {
        if (inWeek[week] < perWeek) weeklyDone += 1;
        inWeek[week] += 1;
      }
    },
    daysDone(): number {
      if (terms.rule === 'daysOf') return days.size;
      if (terms.rule === 'streak') return bestStreak;
      return weeklyDone;
    },
    completed(): boolean {
      if (terms.rule === 'daysOf') return days.size >= terms.targetDays;
      if (terms.rule === 'streak') return bestStreak >= terms.targetDays;
      return inWeek.every((count) => count >= perWeek);
    },
    bestStreak: () => bestStreak,
    /** The run ending on the latest counted day. */
    streak(): number {
      if (days.size === 0) return 0;
      let latest = -Infinity;
      for (const day of days) if (day > latest) latest = day;
      let n = 0;
      while (days.has(latest - n)) n += 1;
      return n;
    },
  };
};

/**
 * The progress the habit's check-in rows give in a challenge. The counted rows are replayed in the order
 * they were written, so `progressAt` and `reachedAt` are the moments of the rows that made them (daysDone
 * never falls as rows are added: a prefix's value is at most the whole's).
 */
export const evaluateProgress = (terms: ChallengeTerms, facts: readonly CheckInFact[]): Progress => {
  const end = endInstant(terms);
  const counted = facts
    .filter((fact) => counts(terms, fact, end))
    .sort((a, b) => a.writtenAt.getTime() - b.writtenAt.getTime() || (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
  const running = tally(terms);
  let progressAt: Date | null = null;
  let reachedAt: Date | null = null;
  let done = 0;
  for (const fact of counted) {
    running.add(toDayNumber(fact.localDate));
    const now = running.daysDone();
    if (now > done) {
      done = now;
      progressAt = fact.writtenAt;
    }
    if (!reachedAt && running.completed()) reachedAt = fact.writtenAt;
  }
  return {
    daysDone: done,
    daysNeeded: daysNeededOf(terms),
    streak: running.streak(),
    bestStreak: running.bestStreak(),
    completed: running.completed(),
    progressAt,
    reachedAt,
  };
};
