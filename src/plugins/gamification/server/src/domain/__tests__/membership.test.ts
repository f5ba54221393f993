import { effectiveTier, extendMembership, satisfies } from '../membership';

const now = new Date('2026-11-22T04:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('memberships', () => {
  it('treat a paid tier past its expiry as free, to the instant', () => {
    expect(effectiveTier({ tier: 'vip', expiresAt: days(1) }, now)).toBe('vip');
    expect(effectiveTier({ tier: 'vip', expiresAt: now }, now)).toBe('free');
    expect(effectiveTier({ tier: 'ai', expiresAt: days(-3).toISOString() }, now)).toBe('free');
    expect(effectiveTier({ tier: 'ai', expiresAt: null }, now)).toBe('ai');
    expect(effectiveTier({ tier: 'gold', expiresAt: null }, now)).toBe('free');
  });

  it('rank ai above vip above free', () => {
    expect(satisfies('ai', 'vip')).toBe(true);
    expect(satisfies('vip', 'ai')).toBe(false);
    expect(satisfies('free', 'vip')).toBe(false);
    expect(satisfies('free', 'free')).toBe(true);
  });

  it('extend from the later of now and the current expiry', () => {
    expect(extendMembership({ tier: 'free', expiresAt: null }, 'vip', 30, now)).toEqual({ ok: true, membership: { tier: 'vip', expiresAt: days(30) } });
    expect(extendMembership({ tier: 'vip', expiresAt: days(10) }, 'vip', 30, now)).toEqual({ ok: true, membership: { tier: 'vip', expiresAt: days(40) } });
    // Lapsed: counted from now, not from the old expiry.
    expect(extendMembership({ tier: 'vip', expiresAt: days(-10) }, 'vip', 30, now)).toEqual({ ok: true, membership: { tier: 'vip', expiresAt: days(30) } });
    // An upgrade keeps the time left, at the new tier.
    expect(extendMembership({ tier: 'vip', expiresAt: days(10) }, 'ai', 90, now)).toEqual({ ok: true, membership: { tier: 'ai', expiresAt: days(100) } });
  });

  it('refuse a lower tier while a higher one is in force, and allow it once that lapsed', () => {
    expect(extendMembership({ tier: 'ai', expiresAt: days(5) }, 'vip', 30, now)).toMatchObject({ ok: false, reason: 'higher_tier_active' });
    expect(extendMembership({ tier: 'ai', expiresAt: days(-1) }, 'vip', 30, now)).toEqual({ ok: true, membership: { tier: 'vip', expiresAt: days(30) } });
  });
});
