import fs from 'node:fs';
import path from 'node:path';
import {
  type Overview,
  describeError,
  describeLastRebuild,
  entriesQuery,
  formatDuration,
  formatInstant,
  initialChoice,
  knownRegions,
  regionInputFor,
} from '../../src/plugins/leaderboard/admin/src/board';

/** The leaderboard admin page: what it asks the API for, and how it words what it gets back. */
const overview: Overview = {
  backend: 'redis',
  metrics: ['total-days', 'consecutive-days', 'points-earned'],
  scopes: ['national', 'province', 'city', 'district', 'challenge'],
  periods: ['all', 'week', 'month'],
  regions: { province: ['广东省'], city: ['广东省/深圳市'], district: ['广东省/深圳市/南山区'] },
  rebuild: { running: false, last: null },
};

describe('the board picker', () => {
  it('opens on the national all-time board of the first metric', () => {
    expect(initialChoice(overview)).toEqual({ metric: 'total-days', scope: 'national', region: '', period: 'all' });
  });

  it('asks for the top 100, with no region for a national board', () => {
    expect(entriesQuery({ metric: 'points-earned', scope: 'national', region: '广东省', period: 'week' })).toEqual({
      metric: 'points-earned',
      scope: 'national',
      period: 'week',
      limit: 100,
    });
  });

  it('fetches no regional or challenge board until its region is given', () => {
    expect(entriesQuery({ metric: 'total-days', scope: 'city', region: '', period: 'all' })).toBeNull();
    expect(entriesQuery({ metric: 'total-days', scope: 'challenge', region: '  ', period: 'all' })).toBeNull();
    expect(entriesQuery({ metric: 'total-days', scope: 'challenge', region: ' 42 ', period: 'month' })).toEqual({
      metric: 'total-days',
      scope: 'challenge',
      region: '42',
      period: 'month',
      limit: 100,
    });
  });

  it('offers the known regions of a regional scope and a text box for a challenge', () => {
    expect(regionInputFor('national')).toBe('none');
    expect(regionInputFor('district')).toBe('known');
    expect(regionInputFor('challenge')).toBe('typed');
    expect(knownRegions(overview, 'city')).toEqual(['广东省/深圳市']);
    expect(knownRegions(overview, 'challenge')).toEqual([]);
  });
});

describe('the rebuild status', () => {
  it('says "never" before the first rebuild', () => {
    expect(describeLastRebuild(null)).toBe('never (从未重建)');
  });

  it('tells when the last rebuild finished, what started it, how long it took and how much it covered', () => {
    const last = {
      trigger: 'admin',
      startedAt: '2026-11-22T03:59:56.800Z',
      finishedAt: '2026-11-22T04:00:00.000Z',
      durationMs: 3200,
      users: 1234,
      entries: 56789,
    };
    expect(describeLastRebuild(last, 'Asia/Shanghai')).toBe('2026-11-22 12:00:00 (admin, 3.2 s, 1,234 users, 56,789 entries)');
  });

  it('reads durations and instants the way an editor would', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatInstant('2026-11-29T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-30 00:30:00');
    expect(formatInstant(null)).toBe('—');
  });
});

describe('errors from the admin API', () => {
  // The admin fetch client throws a FetchError carrying the status and the envelope's message.
  const fetchError = (status: number, message: string) => Object.assign(new Error(message), { name: 'FetchError', status });

  it("show the server's own message for bad input and for a rebuild already running", () => {
    expect(describeError(fetchError(400, 'Pick a region for a city board'))).toBe('Pick a region for a city board (HTTP 400)');
    expect(describeError(fetchError(409, 'A rebuild is already running (cron); wait for it to finish'))).toBe(
      'A rebuild is already running (cron); wait for it to finish (HTTP 409)',
    );
  });

  it('point at the missing server side when the route does not exist', () => {
    expect(describeError(fetchError(404, 'Not Found'))).toMatch(/leaderboard API was not found.*enabled on the server/);
  });

  it('explain a missing permission instead of a bare 403', () => {
    expect(describeError(fetchError(403, 'Policy Failed'))).toMatch(/do not have permission/);
  });
});

describe('the admin panel build', () => {
  /**
   * What `strapi build` / `strapi develop` do to find plugin admin code (Strapi 5.54 internals, pinned in
   * package.json): read config/plugins.ts from the sources, then each local plugin's package.json
   * `exports["./strapi-admin"].import`. If this breaks, the page silently drops out of the admin panel.
   */
  const root = path.resolve(__dirname, '../..');
  const strapiDist = path.dirname(require.resolve('@strapi/strapi'));
  const pluginsCore = require(path.join(strapiDist, 'src/node/core/plugins.js')) as {
    getEnabledPlugins(args: object): Promise<Record<string, { name: string; modulePath: string; path?: string }>>;
    getMapOfPluginsWithAdmin(plugins: object): Array<{ name: string; modulePath: string }>;
  };

  it('bundles the leaderboard page from the plugin sources', async () => {
    const runtimeDir = path.join(root, '.strapi', 'client');
    // config/plugins.ts insists on JWT_SECRET, which a unit test run need not have.
    const secret = process.env.JWT_SECRET;
    process.env.JWT_SECRET = secret || 'unit-test-secret';
    const plugins = await pluginsCore
      .getEnabledPlugins({
        cwd: root,
        runtimeDir,
        logger: { debug: () => undefined },
        strapi: { config: { get: () => ({}) }, dirs: { app: { config: path.join(root, 'config') } } },
      })
      .finally(() => {
        if (secret === undefined) delete process.env.JWT_SECRET;
      });
    expect(plugins.leaderboard?.path).toBe(path.join(root, 'src', 'plugins', 'leaderboard'));

    // Just this plugin: for the others Strapi falls back to require.resolve, which jest answers its own way.
    const [admin] = pluginsCore.getMapOfPluginsWithAdmin({ leaderboard: plugins.leaderboard });
    expect(admin?.name).toBe('leaderboard');
    const entry = path.resolve(runtimeDir, admin.modulePath);
    expect(entry).toBe(path.join(root, 'src', 'plugins', 'leaderboard', 'admin', 'src', 'index.ts'));
    expect(fs.existsSync(entry)).toBe(true);
  });
});
