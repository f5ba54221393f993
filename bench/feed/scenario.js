/**
 * `npm run bench -- feed` (issue 13): a board's hot feed, first page (20 posts with their author snapshot
 * and counts, and the board's pinned posts), anonymous, with BENCH_FEED_POSTS (100,000) published posts in
 * the board. The baseline (bench/baseline/server.js, `GET /api/community/boards/:slug/posts`) runs the
 * same statements as the platform, built by the compiled plugin's own query builders (services/feed.js
 * hotPageQuery / pinnedQuery, services/post-views.js imagesQuery) once at start, then bound per request
 * with plain pg; both sides on copies of the platform's schema with the same rows.
 *
 * Rows are made by SQL (generate_series), deterministic, so both databases hold the same feed: authors,
 * every tenth post anonymous, likes and comments spread by a hash of the row number, one post listed
 * every 26 seconds back from now (about 30 days for 100,000), two pinned posts.
 *
 * Target (issue 13): platform throughput >= 0.5x the baseline's, p99 <= 2x the baseline's.
 */
'use strict';

const POSTS = Number(process.env.BENCH_FEED_POSTS || 100000);
const AUTHORS = Number(process.env.BENCH_FEED_AUTHORS || 1000);
const SLUG = 'bench-feed';

const prepare = async (client) => {
  await client.query(
    `INSERT INTO community_boards (document_id, name, slug, description, sort_order, active, post_permission, kind, created_at, updated_at, published_at)
     VALUES ('bfeedboard00000000000000', '校园生活', $1, 'bench', 0, true, 'everyone', 'forum', now(), now(), now())`,
    [SLUG],
  );
  const { rows: [board] } = await client.query('SELECT id FROM community_boards WHERE slug = $1', [SLUG]);
  await client.query(
    `INSERT INTO up_users (document_id, username, provider, confirmed, blocked, nickname, avatar, timezone, day_start_hour, show_in_ranking,
       membership_tier, points_balance, makeup_cards, total_check_in_days, consecutive_days, created_at, updated_at, published_at)
     SELECT 'bfa' || lpad(g::text, 21, '0'), 'feed_author_' || g, 'wechat', true, false, '作者' || g,
       'https://thirdwx.qlogo.cn/mmopen/bench/' || g || '.png', 'Asia/Shanghai', 0, true, 'free', 0, 0, 0, 0, now(), now(), now()
     FROM generate_series(1, $1::int) g`,
    [AUTHORS],
  );
  const { rows: [range] } = await client.query("SELECT min(id) AS first FROM up_users WHERE username LIKE 'feed\\_author\\_%'");
  // Millisecond instants, as the platform writes them (a keyset cursor carries milliseconds).
  await client.query(
    `INSERT INTO community_posts (document_id, user_id, board_id, title, content, anonymous, author_nickname, author_avatar, status, text_check,
       media_check, listed_at, pinned, comments_locked, like_count, comment_count, view_count, report_count, created_at, updated_at, published_at)
     SELECT 'bfp' || lpad(g::text, 21, '0'), $1::int + (g % $2::int), $3::int,
       '第 ' || g || ' 帖', '今天也在坚持打卡，第 ' || g || ' 天。一起加油！', g % 10 = 0,
       '作者' || (1 + g % $2::int), 'https://thirdwx.qlogo.cn/mmopen/bench/' || (1 + g % $2::int) || '.png',
       'published', 'pass', 'none', t, g <= 2, false, (g::bigint * 7919) % 97, (g::bigint * 104729) % 23, (g::bigint * 31) % 500, 0, t, t, t
     FROM generate_series(1, $4::int) g, LATERAL (SELECT date_trunc('milliseconds', now() - g * interval '26 seconds') AS t) instant`,
    [range.first, AUTHORS, board.id, POSTS],
  );
  await client.query('ANALYZE community_posts');
  await client.query('ANALYZE up_users');
  await client.query('ANALYZE community_boards');
  return undefined;
};

module.exports = {
  describe: `GET /api/community/boards/${SLUG}/posts?sort=hot (first page of 20, pinned apart, anonymous) with ${POSTS} posts in the board`,
  platformSchema: true,
  prepareBaseline: prepare,
  preparePlatform: prepare,
  request: () => ({ method: 'GET', path: `/api/community/boards/${SLUG}/posts?sort=hot` }),
  check: (body) => Array.isArray(body.data) && body.data.length === 20 && body.meta.pinned.length === 2 && typeof body.meta.cursor.next === 'string',
};
