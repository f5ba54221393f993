import { daysAt, weekSoFarAt } from '../periods';

describe('the home page calendar', () => {
  it('turns the day at midnight in Asia/Shanghai, not at UTC midnight', () => {
    // 2026-12-02 15:59:59Z is 23:59:59 on the 2nd in Shanghai; a second later it is the 3rd there.
    expect(daysAt(new Date('2026-12-02T15:59:59Z'), 'Asia/Shanghai')).toEqual({ today: '2026-12-02', yesterday: '2026-12-01' });
    expect(daysAt(new Date('2026-12-02T16:00:00Z'), 'Asia/Shanghai')).toEqual({ today: '2026-12-03', yesterday: '2026-12-02' });
  });

  it('starts the week at Monday 00:00 local time and runs it up to now', () => {
    // Sunday 2026-12-06 23:30 in Shanghai still belongs to the week of Monday 2026-11-30.
    const sunday = new Date('2026-12-06T15:30:00Z');
    expect(weekSoFarAt(sunday, 'Asia/Shanghai')).toEqual({ weekStart: '2026-11-30', from: new Date('2026-11-29T16:00:00Z'), until: sunday });
    // Half an hour later it is Monday the 7th there: a new week.
    const monday = new Date('2026-12-06T16:30:00Z');
    expect(weekSoFarAt(monday, 'Asia/Shanghai')).toEqual({ weekStart: '2026-12-07', from: new Date('2026-12-06T16:00:00Z'), until: monday });
  });

  it('follows the zone across a daylight-saving change', () => {
    // New York's clocks spring forward on Sunday 2026-03-08; the week from Monday 2026-03-09 starts at 04:00Z (EDT).
    expect(weekSoFarAt(new Date('2026-03-10T12:00:00Z'), 'America/New_York').from).toEqual(new Date('2026-03-09T04:00:00Z'));
  });
});
