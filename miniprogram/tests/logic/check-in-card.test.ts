import { checkInCardView, streakText } from '../../logic/check-in-card';

describe('check-in card view', () => {
  it('offers a check-in before the day is checked in, without points or streak noise', () => {
    expect(checkInCardView({ checkedIn: false, streak: 0, pointsWon: 0 })).toEqual({
      state: 'todo',
      action: 'checkin',
      buttonText: '打卡',
      statusText: '今日未打卡',
      streakText: '',
      pointsText: '',
    });
  });

  it('shows the streak and the points won once checked in, and offers undo', () => {
    expect(checkInCardView({ checkedIn: true, streak: 7, streakUnit: 'days', pointsWon: 60 })).toMatchObject({
      state: 'done',
      action: 'undo',
      streakText: '连续 7 天',
      pointsText: '+60 积分',
    });
  });

  it('shows a check-in queued offline as done but pending, and sends nothing for it', () => {
    expect(checkInCardView({ checkedIn: true, pending: true })).toMatchObject({ state: 'pending', action: null, statusText: '离线已记录，联网后同步' });
  });

  it('sends nothing while a request is in flight', () => {
    expect(checkInCardView({ checkedIn: false, busy: true })).toMatchObject({ state: 'busy', action: null, statusText: '正在打卡' });
    expect(checkInCardView({ checkedIn: true, busy: true })).toMatchObject({ state: 'busy', action: null, statusText: '正在撤销' });
  });

  it('names the streak unit of weekly and interval habits', () => {
    expect(streakText(3, 'weeks')).toBe('连续 3 周');
    expect(streakText(2, 'periods')).toBe('连续 2 期');
    expect(streakText(0, 'days')).toBe('');
  });
});
