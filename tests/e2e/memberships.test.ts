import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** Memberships (seed 003): tiers with an expiry, read as free once expired, extended, gated by a policy. */
const memberships = () => getService(getStrapi(), 'memberships');
const DAY = 86_400_000;

const setMembership = (user: TestUser, tier: string, expiresAt: Date | null) =>
  getStrapi().db.connection('up_users').where({ id: user.id }).update({ membership_tier: tier, membership_expires_at: expiresAt });
const row = async (user: TestUser) =>
  (await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } })) as Record<string, unknown>;

type Policy = (ctx: { state: { user?: Record<string, unknown> } }, config: { tier?: string }, context: { strapi: unknown }) => unknown;
const policy = () => getStrapi().policy('global::membership') as unknown as Policy;
const gate = async (user: TestUser | null, tier: string) => {
  try {
    return policy()({ state: { user: user ? await row(user) : undefined } }, { tier }, { strapi: getStrapi() });
  } catch (error) {
    return { refused: (error as Error).name, message: (error as Error).message, details: (error as { details?: unknown }).details };
  }
};

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

describe('the membership in force', () => {
  it('is free once the expiry has passed, before the daily job runs', async () => {
    const lapsed = await createUser();
    const active = await createUser();
    await setMembership(lapsed, 'vip', new Date(Date.now() - 60_000));
    await setMembership(active, 'vip', new Date(Date.now() + 10 * DAY));
    expect((await http().get('/api/me').set(lapsed.auth).expect(200)).body.data.membershipTier).toBe('free');
    expect((await http().get('/api/me').set(active.auth).expect(200)).body.data.membershipTier).toBe('vip');
  });

  it('is written down by the daily job, which leaves active ones alone', async () => {
    const lapsed = await createUser();
    const active = await createUser();
    await setMembership(lapsed, 'ai', new Date(Date.now() - DAY));
    await setMembership(active, 'ai', new Date(Date.now() + DAY));
    expect(await memberships().expireDue()).toBeGreaterThanOrEqual(1);
    expect((await row(lapsed)).membershipTier).toBe('free');
    expect((await row(active)).membershipTier).toBe('ai');
    expect(await memberships().expireDue()).toBe(0);
  });
});

describe('the membership policy', () => {
  it('lets a tier through to its own features and those below it', async () => {
    const vip = await createUser();
    const ai = await createUser();
    await setMembership(vip, 'vip', new Date(Date.now() + DAY));
    await setMembership(ai, 'ai', new Date(Date.now() + DAY));
    expect(await gate(vip, 'vip')).toBe(true);
    expect(await gate(ai, 'vip')).toBe(true);
    expect(await gate(ai, 'ai')).toBe(true);
  });

  it('refuses with a message and what was required, also an expired tier and no user', async () => {
    const free = await createUser();
    const vip = await createUser();
    const lapsed = await createUser();
    await setMembership(vip, 'vip', new Date(Date.now() + DAY));
    await setMembership(lapsed, 'ai', new Date(Date.now() - 1000));
    expect(await gate(free, 'vip')).toEqual({ refused: 'PolicyError', message: 'VIP 功能未开通: this needs a VIP membership', details: { required: 'vip', current: 'free' } });
    expect(await gate(vip, 'ai')).toMatchObject({ refused: 'PolicyError', details: { required: 'ai', current: 'vip' } });
    expect(await gate(lapsed, 'vip')).toMatchObject({ refused: 'PolicyError', details: { current: 'free' } });
    expect(await gate(null, 'vip')).toMatchObject({ refused: 'PolicyError' });
  });
});

describe('extending a membership', () => {
  it('adds from the later of now and the expiry, upgrades keep the time left, and a lower tier is refused', async () => {
    const user = await createUser();
    const inTen = new Date(Date.now() + 10 * DAY);
    await setMembership(user, 'vip', inTen);
    const sql = getService(getStrapi(), 'sql');
    const now = new Date();
    const extended = await sql.transaction((tx) => memberships().extend(tx, user.id, 'vip', 30, now));
    expect(extended).toEqual({ before: 'vip', after: 'vip', expiresAt: new Date(inTen.getTime() + 30 * DAY).toISOString() });
    const upgraded = await sql.transaction((tx) => memberships().extend(tx, user.id, 'ai', 90, now));
    expect(upgraded.after).toBe('ai');
    expect(upgraded.expiresAt).toBe(new Date(inTen.getTime() + 120 * DAY).toISOString());
    await expect(sql.transaction((tx) => memberships().extend(tx, user.id, 'vip', 30, now))).rejects.toMatchObject({ details: { reason: 'higher_tier_active', tier: 'ai' } });
    expect((await row(user)).membershipTier).toBe('ai');
  });
});
