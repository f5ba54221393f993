import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { ValidationError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { cursorAfter, decodeCursor, encodeCursor, HOT, type Cursor, type FeedOrder } from '../domain';
import { getService } from '../utils/get-service';
import type { FeedQuery, FollowingQuery, MyPostsQuery } from '../validation/requests';
import { isoOf, POST_COLUMNS, postsFrom, type PostRow, type PostView, type Viewer } from './post-views';

/**
 * The feeds: a board's (newest or hot), the following feed, and the caller's own posts. Each page is one
 * keyset query (no OFFSET: a page continues strictly after the last row of the one before, so posts
 * written while a reader pages never shift or repeat what they see), then the page's images, links and
 * likes in one batched query each (services/post-views.ts).
 *
 * - newest: (listedAt DESC, id DESC); listedAt is when the post became visible (published, or approved).
 * - hot: domain/hot.ts computed in SQL at the instant the first page was read (`asOf`, carried in the
 *   cursor), so the scores of later pages are the scores the first page was ordered by; posts listed
 *   after `asOf` wait for the next first page.
 */
export type FeedPage = { data: PostView[]; meta: { cursor: { next: string | null }; pinned: PostView[] } };

const readCursor = (text: string | undefined, order: FeedOrder): Cursor | null => {
  if (text === undefined) return null;
  const decoded = decodeCursor(text, order);
  if ('problem' in decoded) throw new ValidationError(`Invalid query: cursor: ${decoded.problem}`, { errors: [{ path: ['cursor'], message: decoded.problem }] });
  return decoded.cursor;
};

/**
 * The hot score of `alias` at the instant bound to its `?`, the SQL twin of domain/hot.ts hotScore (its
 * tests hold the two together): (likes + 2 x comments + 1) / (age in hours + 2)^1.5, the age never below
 * zero. SQLite keeps datetimes as epoch milliseconds (bind `asOf.getTime()`); PostgreSQL as `timestamp`
 * (bind the Date: the cast reads it in the same local time node-postgres wrote the column in).
 */
export const hotScoreSql = (postgres: boolean, alias = 'p'): string => {
  const engagement = `(${alias}.like_count + ${HOT.commentWeight} * ${alias}.comment_count + 1)`;
  return postgres
    ? `CAST(${engagement} AS double precision) / power(GREATEST(0, CAST(EXTRACT(EPOCH FROM (CAST(? AS timestamp) - ${alias}.listed_at)) AS double precision)) / 3600.0 + ${HOT.ageOffsetHours}, ${HOT.gravity})`
    : `CAST(${engagement} AS REAL) / pow(MAX(0, (? - ${alias}.listed_at) / 3600000.0) + ${HOT.ageOffsetHours}, ${HOT.gravity})`;
};

/** Published, unpinned, listed posts of a board: the rows its pages are made of. */
const listedOn = (boardId: number) => (q: Knex.QueryBuilder) =>
  q.where('p.board_id', boardId).andWhere('p.status', 'published').andWhere('p.pinned', false).whereNotNull('p.listed_at');

/** How many of the newest posts set the bar a post must reach to be on a hot page (see hotPageQuery). */
export const HOT_RECENT_WINDOW = 500;

/**
 * One page of a board's hot feed, as one statement (knex: the Query Engine can neither order nor page on
 * an expression). `limit` is the page size plus the probe row. Exported for the bench's raw baseline.
 *
 * Scoring every post of a big board on every read would make a read cost the board's size. Instead the
 * newest `recentWindow` posts are scored first (an index range), and the `limit`-th best of them after
 * the cursor is a bar: no post can score more than (most likes + 2 x most comments + 1) / (age + 2)^1.5
 * (both maxima are index lookups), so a post older than the age where that reaches the bar cannot be on
 * this page, and only posts listed since then are scored and ranked. The answer is exactly the ranking
 * of every post (the tests hold it to domain/hot.ts); only when fewer than `limit` recent posts follow
 * the cursor (a small board, a deep page) is the whole board scored.
 */
export const hotPageQuery = (
  k: Knex,
  boardId: number,
  asOf: Date,
  cursor: { score: number; id: number } | null,
  limit: number,
  recentWindow = HOT_RECENT_WINDOW,
) => {
  const postgres = isPostgres(k);
  const at = postgres ? asOf : asOf.getTime();
  const after = (alias: string, score: string) => (cursor ? `(${score} < ? OR (${score} = ? AND ${alias}.id < ?))` : '1 = 1');
  const afterBindings = cursor ? [cursor.score, cursor.score, cursor.id] : [];
  const posts = TABLES.posts;
  // A small margin so a post exactly at the bar is never cut by rounding (the bar is a floor, not the answer).
  const listedFrom = postgres
    ? `CAST(? AS timestamp) - make_interval(secs => (3600 * (power((bound.most + 1) / threshold.score, 1 / ${HOT.gravity}) - ${HOT.ageOffsetHours})) * 1.0001 + 60)`
    : `? - CAST((3600000.0 * (pow((bound.most + 1) / threshold.score, 1.0 / ${HOT.gravity}) - ${HOT.ageOffsetHours})) * 1.0001 + 60000 AS INTEGER)`;
  const scored = postsFrom(k)
    .select(...POST_COLUMNS, k.raw(`${hotScoreSql(postgres)} AS score`, [at]))
    .modify(listedOn(boardId))
    .andWhere('p.listed_at', '<=', asOf)
    .andWhereRaw(`p.listed_at >= COALESCE((SELECT listed_from FROM cutoff), ${postgres ? "CAST('-infinity' AS timestamp)" : '-9007199254740991'})`)
    .as('s');
  const page = k
    .with(
      'recent',
      k.raw(
        `SELECT p.id, ${hotScoreSql(postgres)} AS score FROM ${posts} p WHERE p.board_id = ? AND p.status = 'published' AND p.pinned = ? ` +
          'AND p.listed_at IS NOT NULL AND p.listed_at <= ? ORDER BY p.listed_at DESC, p.id DESC LIMIT ?',
        [at, boardId, false, asOf, recentWindow],
      ),
    )
    .with('threshold', k.raw(`SELECT recent.score FROM recent WHERE ${after('recent', 'recent.score')} ORDER BY recent.score DESC, recent.id DESC LIMIT 1 OFFSET ?`, [...afterBindings, limit - 1]))
    .with(
      'bound',
      k.raw(
        `SELECT (SELECT MAX(like_count) FROM ${posts} WHERE board_id = ? AND status = 'published') + ${HOT.commentWeight} * ` +
          `(SELECT MAX(comment_count) FROM ${posts} WHERE board_id = ? AND status = 'published') AS most`,
        [boardId, boardId],
      ),
    )
    .with('cutoff', k.raw(`SELECT ${listedFrom} AS listed_from FROM threshold, bound`, [at]))
    .select('*')
    .from(scored);
  if (cursor) page.whereRaw(after('s', 's.score'), afterBindings);
  return page.orderBy([{ column: 's.score', order: 'desc' }, { column: 's.id', order: 'desc' }]).limit(limit);
};

/** A board's pinned posts (its first page shows them apart). */
export const pinnedQuery = (k: Knex, boardId: number) =>
  postsFrom(k)
    .select(...POST_COLUMNS)
    .where('p.board_id', boardId)
    .andWhere('p.status', 'published')
    .andWhere('p.pinned', true)
    .orderBy([{ column: 'p.listed_at', order: 'desc' }, { column: 'p.id', order: 'desc' }])
    .limit(20);

const feedService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const render = (rows: PostRow[], viewer: Viewer, baseUrl: string) => getService(strapi, 'postViews').render(rows, viewer, baseUrl);

  /** The page and the cursor after it, from rows fetched with one extra (the probe that says there is more). */
  const pageOf = (rows: PostRow[], limit: number, order: FeedOrder, keyOf: (row: PostRow) => string, asOf?: string) => {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next =
      rows.length > limit && last
        ? encodeCursor(cursorAfter({ id: Number(last.id), createdAt: keyOf(last), score: last.score === undefined ? undefined : Number(last.score) }, order, asOf))
        : null;
    return { page, next };
  };

  /** One page of a time-ordered list: `column` DESC, id DESC, after `cursor`. */
  const newestPage = async (where: (query: Knex.QueryBuilder) => void, column: 'listed_at' | 'created_at', cursor: Cursor | null, limit: number) => {
    const query = postsFrom(knex()).select(...POST_COLUMNS);
    where(query);
    if (cursor && cursor.order === 'newest') {
      // A row value keeps the comparison on the (…, listed_at, id) index.
      query.andWhereRaw(`(p.${column}, p.id) < (?, ?)`, [new Date(cursor.createdAt), cursor.id]);
    }
    const rows = (await query.orderBy([{ column: `p.${column}`, order: 'desc' }, { column: 'p.id', order: 'desc' }]).limit(limit + 1)) as PostRow[];
    return pageOf(rows, limit, 'newest', (row) => isoOf(column === 'listed_at' ? (row.listed_at as Date) : row.created_at));
  };

  return {
    /** GET /api/community/boards/:slug/posts: published posts of an active board; pinned ones apart, on the first page. */
    async board(slug: string, query: FeedQuery, viewer: Viewer, baseUrl: string): Promise<FeedPage> {
      const cursor = readCursor(query.cursor, query.sort);
      const board = await getService(strapi, 'boards').bySlug(slug);
      let page: { page: PostRow[]; next: string | null };
      if (query.sort === 'newest') {
        page = await newestPage(listedOn(board.id), 'listed_at', cursor, query.limit);
      } else {
        const asOf = cursor && cursor.order === 'hot' ? new Date(cursor.asOf) : new Date();
        const rows = (await hotPageQuery(knex(), board.id, asOf, cursor && cursor.order === 'hot' ? cursor : null, query.limit + 1)) as PostRow[];
        page = pageOf(rows, query.limit, 'hot', (row) => isoOf(row.listed_at as Date), asOf.toISOString());
      }
      const pinnedRows = cursor === null ? ((await pinnedQuery(knex(), board.id)) as PostRow[]) : [];
      const rendered = await render([...pinnedRows, ...page.page], viewer, baseUrl);
      return { data: rendered.slice(pinnedRows.length), meta: { cursor: { next: page.next }, pinned: rendered.slice(0, pinnedRows.length) } };
    },

    /** GET /api/community/feed/following: published, non-anonymous posts of the people `viewer` follows, newest first. */
    async following(viewer: { id: number }, query: FollowingQuery, baseUrl: string): Promise<FeedPage> {
      const cursor = readCursor(query.cursor, 'newest');
      const k = knex();
      const page = await newestPage(
        (q) =>
          q
            .whereIn('p.user_id', k(TABLES.follows).where('user_id', viewer.id).select('followee_id'))
            .andWhere('p.status', 'published')
            // Anonymous posts never show up here: the list would tell whose they are.
            .andWhere('p.anonymous', false)
            .andWhere('b.active', true)
            .whereNotNull('p.listed_at'),
        'listed_at',
        cursor,
        query.limit,
      );
      return { data: await render(page.page, viewer, baseUrl), meta: { cursor: { next: page.next }, pinned: [] } };
    },

    /** GET /api/community/me/posts: the caller's own posts in any status but deleted, newest written first. */
    async mine(viewer: { id: number }, query: MyPostsQuery, baseUrl: string): Promise<FeedPage> {
      const cursor = readCursor(query.cursor, 'newest');
      const page = await newestPage(
        (q) => {
          q.where('p.user_id', viewer.id).andWhereNot('p.status', 'deleted');
          if (query.status) q.andWhere('p.status', query.status);
        },
        'created_at',
        cursor,
        query.limit,
      );
      return { data: await render(page.page, viewer, baseUrl), meta: { cursor: { next: page.next }, pinned: [] } };
    },
  };
};

export type FeedService = ReturnType<typeof feedService>;
export default feedService;
