/** @jest-environment jsdom */
import { eventsOf, tap, renderComponent, simulate, textOf } from '../helpers/simulate';

const card = (properties: Record<string, unknown>) => renderComponent('check-in-card', { habitId: 'habit0000001', title: '早起', ...properties });

describe('check-in card', () => {
  it('shows a habit not yet checked in with a check-in button', async () => {
    const comp = card({ checkedIn: false });
    expect(textOf(comp, '.card-title')).toBe('早起');
    expect(textOf(comp, '.card-status')).toBe('今日未打卡');
    expect(textOf(comp, '.card-button')).toBe('打卡');
    expect(comp.querySelector('.card-points')).toBeFalsy();
  });

  it('asks for a check-in of its habit when tapped', async () => {
    const comp = card({ checkedIn: false });
    const checkins = eventsOf(comp, 'checkin');
    const undos = eventsOf(comp, 'undo');
    await tap(comp.querySelector('.card-button')!);
    expect(checkins).toEqual([{ habitId: 'habit0000001' }]);
    expect(undos).toEqual([]);
  });

  it('shows the streak and the points won once checked in, and asks for an undo when tapped', async () => {
    const comp = card({ checkedIn: false });
    comp.setData({ checkedIn: true, streak: 7, streakUnit: 'days', pointsWon: 60 });
    await simulate.sleep(0);
    expect(textOf(comp, '.card-status')).toBe('今日已打卡');
    expect(textOf(comp, '.card-streak')).toBe('连续 7 天');
    expect(textOf(comp, '.card-points')).toBe('+60 积分');
    const undos = eventsOf(comp, 'undo');
    await tap(comp.querySelector('.card-button')!);
    expect(undos).toEqual([{ habitId: 'habit0000001' }]);
  });

  it('shows a check-in queued offline as pending and sends nothing for it', async () => {
    const comp = card({ checkedIn: true, pending: true, pointsWon: 0 });
    expect(comp.querySelector('.card-pending')).not.toBeNull();
    expect(textOf(comp, '.card-status')).toBe('离线已记录，联网后同步');
    const sent = [...eventsOf(comp, 'checkin'), ...eventsOf(comp, 'undo')];
    await tap(comp.querySelector('.card-button')!);
    expect(sent).toEqual([]);
  });

  it('sends nothing while its request is in flight', async () => {
    const comp = card({ checkedIn: false, busy: true });
    const checkins = eventsOf(comp, 'checkin');
    await tap(comp.querySelector('.card-button')!);
    expect(checkins).toEqual([]);
    expect(textOf(comp, '.card-status')).toBe('正在打卡');
  });

  it('opens the habit when its title is tapped', async () => {
    const comp = card({});
    const opened = eventsOf(comp, 'open');
    await tap(comp.querySelector('.card-main')!);
    expect(opened).toEqual([{ habitId: 'habit0000001' }]);
  });
});
