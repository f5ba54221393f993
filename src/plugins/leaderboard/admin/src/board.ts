/**
 * The admin API of the leaderboard plugin as the page sees it, and the pure helpers the page is built
 * on (no React, no DOM, no Strapi import), so `tests/unit/leaderboard-admin.test.ts` can pin them down.
 *
 * Metrics, scopes and periods stay plain strings here: the overview lists what the server supports,
 * and the page offers exactly that. The labels below only dress up the values it knows.
 */

export type RebuildRun = {
  trigger: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  users: number;
  entries: number;
};

export type Overview = {
  backend: 'redis' | 'sql';
  metrics: string[];
  scopes: string[];
  periods: string[];
  regions: { province: string[]; city: string[]; district: string[] };
  /** `current`: the run in progress, when the server says (it may not). */
  rebuild: { running: boolean; current?: { trigger: string; startedAt: string } | null; last: RebuildRun | null };
};

export type Entry = {
  rank: number;
  userId: number | string;
  nickname: string | null;
  avatar: string | null;
  score: number;
  reachedAt: string | null;
};

export type BoardMeta = {
  board: {
    metric: string;
    scope: string;
    region: string | null;
    period: { kind: string; id: string; startsOn: string | null; endsOn: string | null };
  };
  total: number;
};

/** What the editor picked. `region` is a region path, a challenge id, or '' (none yet). */
export type BoardChoice = { metric: string; scope: string; region: string; period: string };

export const TOP = 100;

export const METRIC_LABELS: Record<string, string> = {
  'total-days': 'Total check-in days (累计打卡天数)',
  'consecutive-days': 'Consecutive days (连续打卡天数)',
  'points-earned': 'Points earned (累计获得积分)',
};

export const SCOPE_LABELS: Record<string, string> = {
  national: 'National (全国)',
  province: 'Province (省)',
  city: 'City (市)',
  district: 'District (区县)',
  challenge: 'Challenge (挑战)',
};

export const PERIOD_LABELS: Record<string, string> = {
  all: 'All time (总榜)',
  week: 'This week (周榜)',
  month: 'This month (月榜)',
};

export const labelOf = (labels: Record<string, string>, value: string): string => labels[value] ?? value;

type RegionScope = keyof Overview['regions'];
const isRegionScope = (scope: string): scope is RegionScope =>
  scope === 'province' || scope === 'city' || scope === 'district';

/** How the region of a scope is chosen: not at all, from the known regions, or typed (a challenge id). */
export const regionInputFor = (scope: string): 'none' | 'known' | 'typed' =>
  scope === 'national' ? 'none' : isRegionScope(scope) ? 'known' : 'typed';

export const knownRegions = (overview: Overview, scope: string): string[] =>
  isRegionScope(scope) ? overview.regions[scope] ?? [] : [];

/** The first choice the page shows: the first metric, scope and period the server lists. */
export const initialChoice = (overview: Overview): BoardChoice => ({
  metric: overview.metrics[0] ?? '',
  scope: overview.scopes.includes('national') ? 'national' : (overview.scopes[0] ?? ''),
  region: '',
  period: overview.periods[0] ?? '',
});

/**
 * The query of `GET /leaderboard/entries` for a choice, or null while the choice is incomplete (a
 * regional or challenge board without its region), so the page asks for one instead of fetching a 400.
 */
export const entriesQuery = (
  choice: BoardChoice,
): { metric: string; scope: string; region?: string; period: string; limit: number } | null => {
  if (!choice.metric || !choice.scope || !choice.period) return null;
  if (regionInputFor(choice.scope) === 'none') {
    return { metric: choice.metric, scope: choice.scope, period: choice.period, limit: TOP };
  }
  const region = choice.region.trim();
  if (!region) return null;
  return { metric: choice.metric, scope: choice.scope, region, period: choice.period, limit: TOP };
};

const pad = (value: number) => String(value).padStart(2, '0');

/** `2024-05-01 08:03:09` in `timeZone` (the browser's own by default); '—' for no or a bad instant. */
export const formatInstant = (iso: string | null | undefined, timeZone?: string): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return `${part('year')}-${pad(part('month'))}-${pad(part('day'))} ${pad(part('hour'))}:${pad(part('minute'))}:${pad(part('second'))}`;
};

export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
};

export const formatCount = (value: number): string => new Intl.NumberFormat('en-US').format(value);

/** "2024-05-01 08:03:09 (manual, 3.2 s, 1,234 users, 5,678 entries)", or "never (从未重建)". */
export const describeLastRebuild = (last: RebuildRun | null, timeZone?: string): string => {
  if (!last) return 'never (从未重建)';
  const details = [
    last.trigger,
    formatDuration(last.durationMs),
    `${formatCount(last.users)} users`,
    `${formatCount(last.entries)} entries`,
  ];
  return `${formatInstant(last.finishedAt, timeZone)} (${details.join(', ')})`;
};

/** "Week 2024-04-29 – 2024-05-05", "Month 2024-05-01 – 2024-05-31", "All time". */
export const describePeriod = (period: BoardMeta['board']['period']): string => {
  if (period.kind === 'all' || !period.startsOn) return 'All time (总榜)';
  const kind = period.kind.charAt(0).toUpperCase() + period.kind.slice(1);
  return `${kind} ${period.startsOn} – ${period.endsOn ?? '…'}`;
};

/**
 * One line for an error of the admin fetch client: the server's own message for Strapi's error envelope
 * (a 400 on bad input, the 409 of a rebuild already running), a hint for the cases an editor cannot
 * read from a bare status. Duck-typed on `{ status, message }`, the shape of the client's FetchError.
 */
export const describeError = (error: unknown): string => {
  const { status, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' && message ? message : 'Unknown error';
  switch (status) {
    case 401:
      return 'Your session has expired; sign in again (登录已过期).';
    case 403:
      return 'You do not have permission for this (无权限). Ask an administrator for the Leaderboards permissions.';
    case 404:
      // Strapi answers an unknown route with a bare "Not Found": the plugin's server side is not loaded.
      return text === 'Not Found' || text === 'Unknown error'
        ? 'The leaderboard API was not found (HTTP 404). Is the leaderboard plugin enabled on the server? (接口不存在)'
        : `${text} (HTTP 404)`;
    default:
      return typeof status === 'number' ? `${text} (HTTP ${status})` : text;
  }
};
