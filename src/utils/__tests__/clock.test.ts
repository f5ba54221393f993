import { isValidTimezone, localDayFor, startOfLocalDay } from '../clock';

describe('localDayFor', () => {
  const shanghai = { timezone: 'Asia/Shanghai', dayStartHour: 0 };

  it('puts 23:59 and 00:01 Shanghai time on different days (15:59 / 16:01 UTC)', () => {
    expect(localDayFor(shanghai, new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(localDayFor(shanghai, new Date('2026-03-01T16:01:00Z'))).toBe('2026-03-02');
  });

  it('keeps the small hours on the previous day when the day starts later', () => {
    const nightOwl = { timezone: 'Asia/Shanghai', dayStartHour: 4 };
    // 02:30 local on the 2nd still belongs to the 1st; 04:00 local starts the 2nd.
    expect(localDayFor(nightOwl, new Date('2026-03-01T18:30:00Z'))).toBe('2026-03-01');
    expect(localDayFor(nightOwl, new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
  });

  it('follows New York across the spring DST change', () => {
    const ny = { timezone: 'America/New_York', dayStartHour: 0 };
    // 2026-03-08 02:00 EST -> 03:00 EDT. 23:30 local on the 7th is 04:30 UTC; 23:30 on the 8th is 03:30 UTC.
    expect(localDayFor(ny, new Date('2026-03-08T04:30:00Z'))).toBe('2026-03-07');
    expect(localDayFor(ny, new Date('2026-03-09T03:30:00Z'))).toBe('2026-03-08');
    expect(localDayFor(ny, new Date('2026-03-09T04:30:00Z'))).toBe('2026-03-09');
  });

  it('falls back to Asia/Shanghai for a missing or invalid timezone', () => {
    expect(localDayFor({ timezone: 'Mars/Olympus' }, new Date('2026-03-01T16:01:00Z'))).toBe('2026-03-02');
    expect(localDayFor({}, new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});

describe('timezones', () => {
  it('recognises IANA timezones', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Nowhere/Land')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight as an instant, across a DST change and in a zone with a quarter-hour offset', () => {
    expect(startOfLocalDay('2026-11-22', 'Asia/Shanghai').toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-22', 'Asia/Kathmandu').toISOString()).toBe('2026-11-21T18:15:00.000Z');
  });
});
