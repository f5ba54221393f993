/**
 * What the check-in card shows for one habit today, and what a tap on it asks for. The card itself only
 * renders this and sends the event; the page owns the request (and the offline queue).
 */

/** The server's streak units (GET /api/habits/:id/stats, POST /api/check-ins meta.streak). */
export type StreakUnit = 'days' | 'weeks' | 'periods';

export type CheckInCardInput = {
  checkedIn: boolean;
  /** Checked in without network: queued on the phone, not yet stored by the server. */
  pending?: boolean;
  /** A check-in or undo request is in flight. */
  busy?: boolean;
  streak?: number | null;
  streakUnit?: StreakUnit | string | null;
  /** Points the day's check-in won (its `pointsAwarded`, or the POST answer's `meta.points.awarded`). */
  pointsWon?: number | null;
};

export type CheckInCardState = 'todo' | 'busy' | 'pending' | 'done';

/** The event a tap sends: check in, undo, or nothing (in flight, or queued offline). */
export type CheckInCardAction = 'checkin' | 'undo' | null;

export type CheckInCardView = {
  state: CheckInCardState;
  action: CheckInCardAction;
  buttonText: string;
  statusText: string;
  streakText: string;
  pointsText: string;
};

const UNIT_TEXT: Record<string, string> = { days: '天', weeks: '周', periods: '期' };

export const streakText = (streak: number | null | undefined, unit: string | null | undefined): string =>
  streak && streak > 0 ? `连续 ${streak} ${UNIT_TEXT[unit ?? 'days'] ?? '天'}` : '';

export const cardStateOf = (input: CheckInCardInput): CheckInCardState => {
  if (input.busy) return 'busy';
  if (input.pending) return 'pending';
  return input.checkedIn ? 'done' : 'todo';
};

export const checkInCardView = (input: CheckInCardInput): CheckInCardView => {
  const state = cardStateOf(input);
  const points = input.pointsWon ?? 0;
  const common = { streakText: streakText(input.streak, input.streakUnit), pointsText: points > 0 && state !== 'todo' ? `+${points} 积分` : '' };
  switch (state) {
    case 'todo':
      return { state, action: 'checkin', buttonText: '打卡', statusText: '今日未打卡', ...common };
    case 'busy':
      return { state, action: null, buttonText: '…', statusText: input.checkedIn ? '正在撤销' : '正在打卡', ...common };
    case 'pending':
      // A queued check-in is not on the server yet: nothing to undo there, and the queue sends it once.
      return { state, action: null, buttonText: '已打卡', statusText: '离线已记录，联网后同步', ...common };
    case 'done':
      return { state, action: 'undo', buttonText: '撤销', statusText: '今日已打卡', ...common };
  }
};
