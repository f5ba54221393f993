import type { ReminderSubscription } from '../../api/paths';
import { consentBody, consentToast, idsToAsk, MOMENT_KINDS, quietProblem, quietText, settingsChange, settingsView } from '../../logic/reminders';

const sub = (overrides: Partial<ReminderSubscription>): ReminderSubscription => ({
  templateId: 'tmpl-habit', kind: 'habitReminder', title: '打卡提醒', longTerm: false, credits: 0, lastResult: null, needsAsking: true, ...overrides,
});

describe('which templates to ask for', () => {
  it('asks for the moment’s kinds that need asking, in order, at most three', () => {
    const list = [
      sub({ templateId: 'streak', kind: 'streakAtRisk' }),
      sub({ templateId: 'habit' }),
      sub({ templateId: 'order', kind: 'orderShipped' }),
    ];
    expect(idsToAsk(list, MOMENT_KINDS.habitSaved)).toEqual(['habit', 'streak']);
    expect(idsToAsk(list, ['habitReminder', 'streakAtRisk', 'orderShipped'], 2)).toEqual(['habit', 'streak']);
  });

  it('does not nag: nothing with credits left, nothing banned', () => {
    expect(idsToAsk([sub({ credits: 2, needsAsking: false })], MOMENT_KINDS.firstCheckIn)).toEqual([]);
    expect(idsToAsk([sub({ lastResult: 'ban', needsAsking: false })], MOMENT_KINDS.firstCheckIn)).toEqual([]);
  });

  it('never mixes one-time and long-term templates in one request (WeChat refuses it)', () => {
    const list = [sub({ templateId: 'long', longTerm: true }), sub({ templateId: 'once', kind: 'streakAtRisk' })];
    expect(idsToAsk(list, MOMENT_KINDS.habitSaved)).toEqual(['once']);
    expect(idsToAsk([sub({ templateId: 'long', longTerm: true })], MOMENT_KINDS.habitSaved)).toEqual(['long']);
  });
});

describe('the answer', () => {
  it('keeps only the ids asked for, each with a known answer', () => {
    expect(consentBody(['a', 'b'], { a: 'accept', b: 'reject', c: 'accept' })).toEqual({ templateIds: ['a', 'b'], results: { a: 'accept', b: 'reject' } });
    expect(consentBody(['a'], {})).toBeNull();
  });

  it('says what happened', () => {
    expect(consentToast({ templateIds: ['a', 'b'], results: { a: 'accept', b: 'accept' } })).toBe('好的，会按时提醒你');
    expect(consentToast({ templateIds: ['a', 'b'], results: { a: 'accept', b: 'reject' } })).toBe('已开启 1 项提醒');
    expect(consentToast({ templateIds: ['a'], results: { a: 'reject' } })).toBe('已取消提醒授权');
  });
});

describe('the settings page', () => {
  it('reads quiet hours across midnight, the streak hour and each template’s credits', () => {
    const view = settingsView(
      { enabled: true, quietStart: '22:00', quietEnd: '07:00', streakRiskHour: 20, timezone: 'Asia/Shanghai' },
      [sub({ credits: 2 }), sub({ templateId: 'b', title: '发货', kind: 'orderShipped', lastResult: 'ban', needsAsking: false }), sub({ templateId: 'c', longTerm: true, credits: 1 })],
    );
    expect(view).toMatchObject({ quietOn: true, quietText: '22:00–次日 07:00', streakOn: true, streakHourIndex: 20, streakText: '每天 20:00 检查' });
    expect(view.templates.map((t) => [t.creditText, t.canAsk])).toEqual([['还可提醒 2 次', true], ['未授权，点击开启', false], ['已长期开启', true]]);
    expect(settingsView({ enabled: false, quietStart: null, quietEnd: null, streakRiskHour: null, timezone: 'UTC' }, [])).toMatchObject({ quietOn: false, quietText: '未开启', streakOn: false, streakText: '未开启' });
  });

  it('checks the quiet window and sends quiet hours both or neither', () => {
    expect(quietText('12:00', '14:00')).toBe('12:00–14:00');
    expect(quietProblem('22:00', '22:00')).toBe('开始和结束不能是同一时间');
    expect(quietProblem('22:00', null)).toBe('免打扰需要开始和结束时间');
    expect(quietProblem(null, null)).toBeNull();
    expect(settingsChange({ quiet: null })).toEqual({ quietStart: null, quietEnd: null });
    expect(settingsChange({ quiet: { start: '23:00', end: '06:30' }, streakRiskHour: 21, enabled: true })).toEqual({ quietStart: '23:00', quietEnd: '06:30', streakRiskHour: 21, enabled: true });
  });
});
