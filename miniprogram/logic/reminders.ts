import type { ConsentRequest, ConsentResult, ReminderKind, ReminderSettings, ReminderSettingsRequest, ReminderSubscription } from '../api/paths';

/**
 * Reminders in the mini-program: which WeChat templates to ask for at a moment, the answer turned into the
 * server's request, and the settings page's view model. Pure: the wx call is platform/subscribe.ts.
 */

/** wx.requestSubscribeMessage takes at most 3 ids on older base libraries. */
export const MAX_PER_REQUEST = 3;

/**
 * The moments the app asks: after saving a habit with reminders, after the first check-in of a day (with the
 * streak milestones), after joining a challenge (its ending).
 */
export const MOMENT_KINDS: Record<'habitSaved' | 'firstCheckIn' | 'challengeJoined', ReminderKind[]> = {
  habitSaved: ['habitReminder', 'streakAtRisk'],
  firstCheckIn: ['habitReminder', 'streakAtRisk', 'milestoneReached'],
  challengeJoined: ['challengeEnding'],
};

/**
 * The template ids to ask for: the moment's kinds that need asking, in the moment's order, at most
 * `max`, one-time ones first and never mixed with long-term ones (WeChat refuses a mixed call). Empty when
 * nothing needs asking (no nagging: a banned template is never asked again).
 */
export const idsToAsk = (subscriptions: readonly ReminderSubscription[], kinds: readonly ReminderKind[], max = MAX_PER_REQUEST): string[] => {
  const wanted = kinds.flatMap((kind) => subscriptions.filter((s) => s.kind === kind && s.needsAsking && s.lastResult !== 'ban'));
  const oneTime = wanted.filter((s) => !s.longTerm);
  const chosen = oneTime.length > 0 ? oneTime : wanted.filter((s) => s.longTerm);
  return [...new Set(chosen.map((s) => s.templateId))].slice(0, max);
};

/** The ids of one template for its own button (the settings page). */
export const idsForTemplate = (subscription: ReminderSubscription): string[] => [subscription.templateId];

/** The server's request from what WeChat answered: only the ids asked for, each with a known answer. */
export const consentBody = (asked: readonly string[], results: Record<string, ConsentResult>): ConsentRequest | null => {
  const templateIds = asked.filter((id) => results[id] !== undefined);
  if (templateIds.length === 0) return null;
  return { templateIds, results: Object.fromEntries(templateIds.map((id) => [id, results[id] as ConsentResult])) };
};

/** What to tell the user after they answered. */
export const consentToast = (body: ConsentRequest): string => {
  const accepted = body.templateIds.filter((id) => body.results[id] === 'accept').length;
  if (accepted === 0) return '已取消提醒授权';
  return accepted === body.templateIds.length ? '好的，会按时提醒你' : `已开启 ${accepted} 项提醒`;
};

export const HOURS = Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, '0')}:00`);

const minuteOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** How a quiet window reads: 22:00–07:00（次日）. */
export const quietText = (start: string | null, end: string | null): string => {
  if (!start || !end) return '未开启';
  return minuteOf(start) > minuteOf(end) ? `${start}–次日 ${end}` : `${start}–${end}`;
};

/** What is wrong with a quiet window, or null. */
export const quietProblem = (start: string | null, end: string | null): string | null => {
  if ((start === null) !== (end === null)) return '免打扰需要开始和结束时间';
  if (start !== null && start === end) return '开始和结束不能是同一时间';
  return null;
};

export type TemplateRow = { templateId: string; title: string; credits: number; creditText: string; canAsk: boolean; banned: boolean };

/** The settings page: the switches and pickers, and each template with what is left of its consent. */
export const settingsView = (settings: ReminderSettings, subscriptions: readonly ReminderSubscription[]) => ({
  enabled: settings.enabled,
  quietOn: settings.quietStart !== null && settings.quietEnd !== null,
  quietStart: settings.quietStart ?? '22:00',
  quietEnd: settings.quietEnd ?? '07:00',
  quietText: quietText(settings.quietStart, settings.quietEnd),
  streakOn: settings.streakRiskHour !== null,
  streakHourIndex: settings.streakRiskHour ?? 21,
  streakText: settings.streakRiskHour === null ? '未开启' : `每天 ${HOURS[settings.streakRiskHour]} 检查`,
  timezone: settings.timezone,
  templates: subscriptions.map((s): TemplateRow => ({
    templateId: s.templateId,
    title: s.title,
    credits: s.credits,
    creditText: s.longTerm ? (s.credits > 0 ? '已长期开启' : '未开启') : s.credits > 0 ? `还可提醒 ${s.credits} 次` : '未授权，点击开启',
    canAsk: s.lastResult !== 'ban',
    banned: s.lastResult === 'ban',
  })),
});

/** A settings change as the server takes it (quiet hours both or neither). */
export const settingsChange = (change: { enabled?: boolean; quiet?: { start: string; end: string } | null; streakRiskHour?: number | null }): ReminderSettingsRequest => {
  const body: ReminderSettingsRequest = {};
  if (change.enabled !== undefined) body.enabled = change.enabled;
  if (change.quiet !== undefined) {
    body.quietStart = change.quiet ? change.quiet.start : null;
    body.quietEnd = change.quiet ? change.quiet.end : null;
  }
  if (change.streakRiskHour !== undefined) body.streakRiskHour = change.streakRiskHour;
  return body;
};
