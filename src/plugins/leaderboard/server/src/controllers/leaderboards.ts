import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { forbiddenError, ValidationError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { effectiveTier, type Tier } from '../../../../gamification/server/src/domain/membership';
import { regionPath, type Scope } from '../domain/boards';
import type { LeaderboardConfig } from '../config';
import type { BoardPage, BoardRef, Entry } from '../services/boards';
import { getService } from '../utils/get-service';
import { listQuerySchema, meQuerySchema, metricSchema } from '../validation/boards';

/** What a board read needs of its caller, from the account users-permissions authenticated (read fresh). */
type AccountFields = {
  id: number;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  membershipTier?: unknown;
  membershipExpiresAt?: string | Date | null;
};
type Caller = { id: number; province: string | null; city: string | null; district: string | null; tier: Tier };

const SCOPE_NAMES: Record<Scope, string> = { national: '全国', province: '省', city: '市', district: '区县', challenge: '挑战' };

/**
 * GET /api/leaderboards/:metric and /api/leaderboards/:metric/me (seed 003 排行榜). The caller is the
 * account users-permissions authenticated for this request (read fresh, so a membership bought a moment
 * ago opens the board): its region picks the board, its membership opens the gate.
 */
const leaderboardsController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The answer to a page's readers who are not on it, by page (the same page object while it is cached). */
  const answers = new WeakMap<BoardPage, { onPage: Set<number>; json: Buffer }>();
  const config = () => strapi.config.get('plugin::leaderboard') as LeaderboardConfig;

  const caller = (ctx: Context): Caller => {
    const account = ctx.state.user as AccountFields;
    return {
      id: account.id,
      province: account.province ?? null,
      city: account.city ?? null,
      district: account.district ?? null,
      tier: effectiveTier({ tier: account.membershipTier, expiresAt: account.membershipExpiresAt ?? null }, new Date()),
    };
  };

  /** The caller and the board asked for, with the caller's own region by default, behind its membership gate. */
  const callerAndBoard = <Q extends { scope: Scope; region?: string; period: BoardRef['period'] }>(ctx: Context, parse: () => Q) => {
    const user = caller(ctx);
    const query = parse();
    return { user, query, ref: boardFor(ctx, user, query) };
  };

  const boardFor = (ctx: Context, user: Caller, query: { scope: Scope; region?: string; period: BoardRef['period'] }): BoardRef => {
    const metric = parseOrThrow(metricSchema, ctx.params.metric, 'leaderboard');
    const required = config().gates[query.scope];
    if (required.length > 0 && !required.includes(user.tier)) {
      throw forbiddenError(
        `${SCOPE_NAMES[query.scope]}排行榜仅对会员开放，开通${required.filter((tier) => tier !== 'free').join(' / ').toUpperCase()}会员即可查看 ` +
          `(the ${query.scope} leaderboard is for ${required.join(' or ')} members: upgrade your membership in the app to unlock it)`,
        { reason: 'membership_required', scope: query.scope, required, current: user.tier },
      );
    }
    let region: string | null = null;
    if (query.scope === 'challenge') {
      if (!query.region) throw new ValidationError('A challenge board needs region=<challenge id>', { field: 'region' });
      region = query.region;
    } else if (query.scope !== 'national') {
      region = query.region ?? regionPath(query.scope, user);
      if (!region) {
        throw new ValidationError(`Your profile has no ${query.scope}: set your region (PUT /api/me) or pass region=`, { field: 'region', reason: 'no_region' });
      }
    }
    return { metric, scope: query.scope, region, period: query.period };
  };

  const publicEntry = (entry: Entry, userId: number) => ({
    rank: entry.rank,
    nickname: entry.nickname,
    avatar: entry.avatar,
    score: entry.score,
    reachedAt: entry.reachedAt,
    isMe: entry.userId === userId,
  });

  const boardMeta = (ref: BoardRef, period: { kind: string; id: string; startsOn: string | null; endsOn: string | null }) => ({
    metric: ref.metric,
    scope: ref.scope,
    region: ref.region,
    period,
  });

  return {
    async list(ctx: Context) {
      const { user, query, ref } = callerAndBoard(ctx, () => parseOrThrow(listQuerySchema, ctx.query, 'query'));
      const page = await getService(strapi, 'boards').page(ref, query.offset, query.limit, new Date());
      const body = (viewer: number) => ({
        data: page.entries.map((entry) => publicEntry(entry, viewer)),
        meta: { board: boardMeta(ref, page.period), pagination: { limit: query.limit, offset: query.offset, total: page.total } },
      });
      // Everyone not on the page gets the same answer: serialized once per page (pages are shared, see
      // boards.page), as bytes, so a response neither encodes nor measures an 18 kB string again.
      let shared = answers.get(page);
      if (shared === undefined) {
        shared = { onPage: new Set(page.entries.map((entry) => entry.userId)), json: Buffer.from(JSON.stringify(body(0))) };
        answers.set(page, shared);
      }
      if (shared.onPage.has(user.id)) {
        ctx.body = body(user.id);
        return;
      }
      ctx.type = 'application/json';
      ctx.body = shared.json;
    },

    async me(ctx: Context) {
      const { user, query, ref } = callerAndBoard(ctx, () => parseOrThrow(meQuerySchema, ctx.query, 'query'));
      const place = await getService(strapi, 'boards').placeOf(ref, user.id, query.around, new Date());
      ctx.body = {
        data: {
          rank: place.rank,
          score: place.score,
          reachedAt: place.reachedAt,
          total: place.total,
          percentile: place.percentile,
          above: place.above.map((entry) => publicEntry(entry, user.id)),
          below: place.below.map((entry) => publicEntry(entry, user.id)),
        },
        meta: { board: boardMeta(ref, place.period) },
      };
    },
  };
};

export default leaderboardsController;
