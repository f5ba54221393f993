import { assertSweepOutlastsSends } from '../bootstrap';

describe('the sweep of sends left mid-way', () => {
  it('must wait out the longest live send (5 x WeChat’s timeout), or the app refuses to boot', () => {
    expect(() => assertSweepOutlastsSends(120, 5000)).not.toThrow(); // the defaults
    expect(() => assertSweepOutlastsSends(15, 3000)).not.toThrow();
    expect(() => assertSweepOutlastsSends(2, 3000)).toThrow(/REMINDERS_STALE_SENDING_SECONDS is 2 s but a send may take 15 s/);
    expect(() => assertSweepOutlastsSends(24, 5000)).toThrow(/WECHAT_TIMEOUT_MS 5000 ms/);
  });
});
