import { addDays } from '../../../../../utils/calendar';
import { localDayFor, startOfLocalDay } from '../../../../../utils/clock';

/**
 * When a challenge runs, from its own local dates and timezone (the shared window: startDate 00:00 to
 * endDate + 1 00:00 in the challenge's timezone), and whether it takes joins at an instant. Pure.
 */
export type ChallengeWindow = { timezone: string; startDate: string; endDate: string; joinDeadline: string | null };
export type Phase = 'upcoming' | 'running' | 'ended';

export const startInstant = (c: ChallengeWindow): Date => startOfLocalDay(c.startDate, c.timezone);
/** The end instant: the local midnight after the last day. */
export const endInstant = (c: ChallengeWindow): Date => startOfLocalDay(addDays(c.endDate, 1), c.timezone);

export const phaseAt = (c: ChallengeWindow & { state?: string }, now: Date): Phase => {
  if (c.state === 'finished' || now.getTime() >= endInstant(c).getTime()) return 'ended';
  return now.getTime() < startInstant(c).getTime() ? 'upcoming' : 'running';
};

/** Why joining is closed at `now` (null: open). A challenge without a deadline takes joins until it ends. */
export type Closed = 'challenge_ended' | 'join_closed' | 'challenge_full';
export const joinClosedAt = (
  c: ChallengeWindow & { state: string; review: string; active: boolean; maxParticipants: number | null; participantsCount: number },
  now: Date,
): Closed | null => {
  if (phaseAt(c, now) === 'ended') return 'challenge_ended';
  if (!c.active || c.review !== 'published') return 'join_closed';
  if (c.joinDeadline && localDayFor({ timezone: c.timezone }, now) > c.joinDeadline) return 'join_closed';
  if (c.maxParticipants !== null && c.participantsCount >= c.maxParticipants) return 'challenge_full';
  return null;
};

/** Days a participant needs for the rule: N days (daysOf, streak), or perWeek x weeks (weekly). */
export const daysNeededFor = (c: { rule: string; targetDays: number; perWeek: number | null; weeks: number | null }): number =>
  c.rule === 'weekly' ? (c.perWeek ?? 1) * (c.weeks ?? 1) : c.targetDays;
