import { inQuietHours, localMinutesAt, minuteOf, minutesToRun, quietHoursEnd, slotOf, wallClock } from '../due';

const at = (iso: string) => new Date(iso);
const slots = (iso: string, tz: string) => localMinutesAt(at(iso), tz).map((m) => `${m.date} ${slotOf(m.minute)}`);

describe('the local minutes a UTC minute stands for', () => {
  it('is one wall-clock minute per timezone on an ordinary day', () => {
    expect(slots('2026-12-05T13:00:00Z', 'Asia/Shanghai')).toEqual(['2026-12-05 21:00']);
    expect(slots('2026-12-05T13:00:00Z', 'America/New_York')).toEqual(['2026-12-05 08:00']);
    expect(slots('2026-12-05T16:30:00Z', 'Asia/Kolkata')).toEqual(['2026-12-05 22:00']);
    expect(slots('2026-12-05T23:45:00Z', 'Pacific/Chatham')).toEqual(['2026-12-06 13:30']);
  });

  it('covers the minutes a spring-forward gap skips at the first minute after it (New York, 2026-03-08)', () => {
    expect(slots('2026-03-08T06:59:00Z', 'America/New_York')).toEqual(['2026-03-08 01:59']);
    const after = slots('2026-03-08T07:00:00Z', 'America/New_York');
    expect(after).toHaveLength(61);
    expect(after[0]).toBe('2026-03-08 02:00');
    expect(after).toContain('2026-03-08 02:30');
    expect(after[after.length - 1]).toBe('2026-03-08 03:00');
    expect(slots('2026-03-08T07:01:00Z', 'America/New_York')).toEqual(['2026-03-08 03:01']);
  });

  it('gives a repeated fall-back minute once each time it happens (the send log keeps one)', () => {
    expect(slots('2026-11-01T05:30:00Z', 'America/New_York')).toEqual(['2026-11-01 01:30']);
    expect(slots('2026-11-01T06:30:00Z', 'America/New_York')).toEqual(['2026-11-01 01:30']);
  });

  it('puts the gap minutes of a midnight change on the new day (Asia/Beirut style, Chile 2026-09-06)', () => {
    // America/Santiago springs forward at 24:00 -> 01:00 local on the first Sunday of September.
    const covered = slots('2026-09-06T04:00:00Z', 'America/Santiago');
    expect(covered[0]).toBe('2026-09-06 00:00');
    expect(covered[covered.length - 1]).toBe('2026-09-06 01:00');
  });

  it('reads wall clocks', () => {
    expect(wallClock(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-01-01', minute: 0 });
  });
});

describe('quiet hours', () => {
  it('holds a window within a day and one across midnight; equal or missing ends mean none', () => {
    expect(inQuietHours(minuteOf('13:00')!, minuteOf('12:00'), minuteOf('14:00'))).toBe(true);
    expect(inQuietHours(minuteOf('14:00')!, minuteOf('12:00'), minuteOf('14:00'))).toBe(false);
    expect(inQuietHours(minuteOf('23:30')!, minuteOf('22:00'), minuteOf('08:00'))).toBe(true);
    expect(inQuietHours(minuteOf('07:59')!, minuteOf('22:00'), minuteOf('08:00'))).toBe(true);
    expect(inQuietHours(minuteOf('08:00')!, minuteOf('22:00'), minuteOf('08:00'))).toBe(false);
    expect(inQuietHours(600, null, null)).toBe(false);
    expect(inQuietHours(600, 600, 600)).toBe(false);
  });

  it('ends at the local time the same day or the next, by the local clock across a DST change', () => {
    const end = (iso: string, tz: string, until: string) => quietHoursEnd(wallClock(at(iso), tz), minuteOf(until)!, tz).toISOString();
    expect(end('2026-12-05T12:00:00Z', 'Asia/Shanghai', '21:00')).toBe('2026-12-05T13:00:00.000Z'); // 20:00 -> 21:00 today
    expect(end('2026-12-05T15:00:00Z', 'Asia/Shanghai', '08:00')).toBe('2026-12-06T00:00:00.000Z'); // 23:00 -> 08:00 tomorrow
    expect(end('2026-11-01T04:30:00Z', 'America/New_York', '08:00')).toBe('2026-11-01T13:00:00.000Z'); // 00:30 EDT -> 08:00 EST
    expect(end('2026-03-08T05:30:00Z', 'America/New_York', '08:00')).toBe('2026-03-08T12:00:00.000Z'); // 00:30 EST -> 08:00 EDT
  });

  it('parses HH:mm and refuses anything else', () => {
    expect(minuteOf('00:00')).toBe(0);
    expect(minuteOf('23:59')).toBe(1439);
    for (const bad of ['24:00', '7:00', '07:60', '', null, 700]) expect(minuteOf(bad)).toBeNull();
  });
});

describe('the minutes a run looks at', () => {
  it('is the current minute on the first run', () => {
    const { minutes, skipped } = minutesToRun(at('2026-12-05T13:00:42Z'), null, 10);
    expect(minutes.map((m) => m.toISOString())).toEqual(['2026-12-05T13:00:00.000Z']);
    expect(skipped).toBe(0);
  });

  it('catches up the minutes since the watermark within the grace window', () => {
    const { minutes } = minutesToRun(at('2026-12-05T13:04:10Z'), at('2026-12-05T13:00:00Z'), 10);
    expect(minutes.map((m) => m.toISOString().slice(11, 16))).toEqual(['13:01', '13:02', '13:03', '13:04']);
  });

  it('skips minutes older than the grace window and says how many', () => {
    const { minutes, skipped } = minutesToRun(at('2026-12-05T14:00:00Z'), at('2026-12-05T13:00:00Z'), 10);
    expect(minutes[0]?.toISOString()).toBe('2026-12-05T13:50:00.000Z');
    expect(minutes).toHaveLength(11);
    expect(skipped).toBe(49);
  });

  it('does nothing when the watermark is already at the current minute', () => {
    expect(minutesToRun(at('2026-12-05T13:00:59Z'), at('2026-12-05T13:00:00Z'), 10).minutes).toEqual([]);
  });
});
