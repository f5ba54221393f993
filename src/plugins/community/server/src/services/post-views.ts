import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { localDayFor } from '../../../../../utils/clock';
import { TABLES, UIDS } from '../content-types';
import type { postSchema } from '../validation/answers';

/**
 * How a post row becomes the answer a reader gets (`CommunityPost`): the author shown or hidden (匿名用户),
 * status and moderation note for the author only, and what the page query does not carry, read in one
 * batched query each for all the posts of a page: the images, the linked check-ins / habits / challenges
 * (read now, so a shared streak shows today's numbers), and which of them the caller liked.
 */
export type PostView = z.infer<typeof postSchema>;
export type Viewer = { id: number } | null;

/** The columns every post query selects (`p` the post, `u` its author, `b` its board). */
export const POST_COLUMNS = [
  'p.id',
  'p.document_id',
  'p.title',
  'p.content',
  'p.anonymous',
  'p.author_nickname',
  'p.author_avatar',
  'p.user_id',
  'u.document_id as author_document_id',
  'p.link_kind',
  'p.link_document_id',
  'p.status',
  'p.moderation_note',
  'p.pinned',
  'p.comments_locked',
  'p.like_count',
  'p.comment_count',
  'p.view_count',
  'p.listed_at',
  'p.created_at',
  'b.slug as board_slug',
  'b.name as board_name',
] as const;

export type PostRow = {
  id: number;
  document_id: string;
  title: string | null;
  content: string;
  anonymous: boolean | number | null;
  author_nickname: string | null;
  author_avatar: string | null;
  user_id: number | null;
  author_document_id: string | null;
  link_kind: 'checkIn' | 'habit' | 'challenge' | null;
  link_document_id: string | null;
  status: 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
  moderation_note: string | null;
  pinned: boolean | number | null;
  comments_locked: boolean | number | null;
  like_count: number | string;
  comment_count: number | string;
  view_count: number | string;
  listed_at: Date | string | number | null;
  created_at: Date | string | number;
  board_slug: string;
  board_name: string;
  score?: number | string;
};

/** `community_posts p` joined with its author and board: the FROM of every post query. */
export const postsFrom = (knex: Knex) =>
  knex({ p: TABLES.posts })
    .join({ b: TABLES.boards }, 'b.id', 'p.board_id')
    .leftJoin({ u: TABLES.users }, 'u.id', 'p.user_id');

/**
 * The images of `postIds` in each post's order: the post's `images` media, with the community image
 * record's documentId (the file's own for an image an editor attached in the admin).
 */
export const imagesQuery = (k: Knex, postIds: number[]) =>
  k({ m: TABLES.filesRelated })
    .join({ f: TABLES.files }, 'f.id', 'm.file_id')
    .leftJoin({ im: TABLES.filesRelated }, function imageRecordLink() {
      this.on('im.file_id', '=', 'f.id').andOn('im.related_type', '=', k.raw('?', [UIDS.image])).andOn('im.field', '=', k.raw('?', ['file']));
    })
    .leftJoin({ i: TABLES.images }, 'i.id', 'im.related_id')
    .where('m.related_type', UIDS.post)
    .andWhere('m.field', 'images')
    .whereIn('m.related_id', postIds)
    .orderBy([{ column: 'm.related_id' }, { column: 'm.order' }, { column: 'm.id' }])
    .select('m.related_id as post_id', k.raw('COALESCE(i.document_id, f.document_id) AS document_id'), 'f.url', 'f.width', 'f.height', 'f.formats');

/** The linked records live in src/api types; their tables, for the batched link reads. */
const LINK_TABLES = { habits: 'habits', checkIns: 'check_ins', challenges: 'challenges' } as const;

export const ANONYMOUS_NAME = '匿名用户';

/** A datetime column (epoch ms on SQLite, timestamp on PostgreSQL) as ISO 8601. */
export const isoOf = (value: Date | string | number): string => new Date(value).toISOString();

const absolute = (url: string, baseUrl: string) => (/^https?:\/\//.test(url) ? url : `${baseUrl.replace(/\/$/, '')}${url}`);

type ImageRow = { post_id: number; document_id: string; url: string; width: number | null; height: number | null; formats: unknown };
type HabitPart = {
  title: string;
  streak_current: number | null;
  streak_longest: number | null;
  streak_holds_through: string | null;
  timezone: string | null;
  day_start_hour: number | null;
  total: number | string;
};
type Link = NonNullable<PostView['link']>;

const thumbnailOf = (formats: unknown): string | null => {
  const parsed = typeof formats === 'string' ? (JSON.parse(formats) as unknown) : formats;
  const url = (parsed as { thumbnail?: { url?: unknown } } | null)?.thumbnail?.url;
  return typeof url === 'string' ? url : null;
};

const postViewsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** The habit's numbers now: the current streak only while it still holds today (the owner's local day). */
  const habitNumbers = (row: HabitPart, now: Date) => {
    const today = localDayFor({ timezone: row.timezone, dayStartHour: row.day_start_hour }, now);
    const holdsThrough = row.streak_holds_through ? String(row.streak_holds_through).slice(0, 10) : null;
    const known = row.streak_longest !== null && row.streak_longest !== undefined;
    return {
      currentStreak: known ? (holdsThrough !== null && today <= holdsThrough ? Number(row.streak_current ?? 0) : 0) : null,
      longestStreak: known ? Number(row.streak_longest) : null,
      totalCheckIns: Number(row.total),
    };
  };

  const HABIT_PART = [
    'h.title',
    'h.streak_current',
    'h.streak_longest',
    'h.streak_holds_through',
    'o.timezone',
    'o.day_start_hour',
  ] as const;
  const totalOf = (k: Knex) => k.raw(`(SELECT COUNT(*) FROM ${LINK_TABLES.checkIns} t WHERE t.habit_id = h.id) AS total`);

  /** documentId -> link, for each kind present on the page (one query per kind present). */
  const readLinks = async (rows: PostRow[]): Promise<Map<string, Link>> => {
    const wanted = { checkIn: new Set<string>(), habit: new Set<string>(), challenge: new Set<string>() };
    for (const row of rows) if (row.link_kind && row.link_document_id) wanted[row.link_kind].add(row.link_document_id);
    const links = new Map<string, Link>();
    const key = (kind: string, documentId: string) => `${kind}:${documentId}`;
    const now = new Date();
    const reads: Promise<void>[] = [];
    if (wanted.habit.size > 0) {
      reads.push(
        (async () => {
          const found = (await knex()({ h: LINK_TABLES.habits })
            .leftJoin({ o: TABLES.users }, 'o.id', 'h.user_id')
            .whereIn('h.document_id', [...wanted.habit])
            .select('h.document_id', ...HABIT_PART, totalOf(knex()))) as Array<HabitPart & { document_id: string }>;
          for (const row of found) {
            links.set(key('habit', row.document_id), { kind: 'habit', documentId: row.document_id, title: row.title, localDate: null, ...habitNumbers(row, now) });
          }
        })(),
      );
    }
    if (wanted.checkIn.size > 0) {
      reads.push(
        (async () => {
          const found = (await knex()({ c: LINK_TABLES.checkIns })
            .join({ h: LINK_TABLES.habits }, 'h.id', 'c.habit_id')
            .leftJoin({ o: TABLES.users }, 'o.id', 'h.user_id')
            .whereIn('c.document_id', [...wanted.checkIn])
            .select('c.document_id', 'c.local_date', ...HABIT_PART, totalOf(knex()))) as Array<HabitPart & { document_id: string; local_date: string }>;
          for (const row of found) {
            links.set(key('checkIn', row.document_id), {
              kind: 'checkIn',
              documentId: row.document_id,
              title: row.title,
              localDate: String(row.local_date).slice(0, 10),
              ...habitNumbers(row, now),
            });
          }
        })(),
      );
    }
    if (wanted.challenge.size > 0) {
      reads.push(
        (async () => {
          const found = (await knex()(LINK_TABLES.challenges).whereIn('document_id', [...wanted.challenge]).select('document_id', 'title')) as Array<{
            document_id: string;
            title: string;
          }>;
          for (const row of found) {
            links.set(key('challenge', row.document_id), {
              kind: 'challenge',
              documentId: row.document_id,
              title: row.title,
              localDate: null,
              currentStreak: null,
              longestStreak: null,
              totalCheckIns: null,
            });
          }
        })(),
      );
    }
    await Promise.all(reads);
    return links;
  };

  /** post id -> its images in the post's order (the community image's documentId; the file's for an editor's upload). */
  const readImages = async (postIds: number[], baseUrl: string) => {
    const byPost = new Map<number, PostView['images']>();
    if (postIds.length === 0) return byPost;
    const rows = (await imagesQuery(knex(), postIds)) as ImageRow[];
    for (const row of rows) {
      const thumbnail = thumbnailOf(row.formats);
      const list = byPost.get(row.post_id) ?? [];
      list.push({
        documentId: row.document_id,
        url: absolute(row.url, baseUrl),
        width: row.width === null ? null : Number(row.width),
        height: row.height === null ? null : Number(row.height),
        thumbnailUrl: thumbnail ? absolute(thumbnail, baseUrl) : null,
      });
      byPost.set(row.post_id, list);
    }
    return byPost;
  };

  const readLiked = async (postIds: number[], viewer: Viewer): Promise<Set<number>> => {
    if (!viewer || postIds.length === 0) return new Set();
    const rows = (await knex()(TABLES.likes).where({ user_id: viewer.id, target_type: 'post' }).whereIn('target_id', postIds).select('target_id')) as Array<{
      target_id: number | string;
    }>;
    return new Set(rows.map((row) => Number(row.target_id)));
  };

  return {
    /** The rows as `viewer` may see them, in order (one query each for images, links and likes, all at once). */
    async render(rows: PostRow[], viewer: Viewer, baseUrl: string): Promise<PostView[]> {
      if (rows.length === 0) return [];
      const ids = rows.map((row) => Number(row.id));
      const [images, links, liked] = await Promise.all([readImages(ids, baseUrl), readLinks(rows), readLiked(ids, viewer)]);
      return rows.map((row) => {
        const mine = viewer !== null && row.user_id !== null && Number(row.user_id) === viewer.id;
        const anonymous = Boolean(row.anonymous);
        // An anonymous author is shown to nobody but themselves: no id, name or picture leaves the server.
        const author =
          anonymous && !mine
            ? { documentId: null, nickname: ANONYMOUS_NAME, avatar: null, anonymous: true }
            : { documentId: row.author_document_id ?? null, nickname: row.author_nickname ?? '用户', avatar: row.author_avatar ?? null, anonymous };
        const link = row.link_kind && row.link_document_id ? (links.get(`${row.link_kind}:${row.link_document_id}`) ?? null) : null;
        const status = row.status === 'deleted' ? 'hidden' : row.status;
        return {
          documentId: row.document_id,
          board: { slug: row.board_slug, name: row.board_name },
          title: row.title ?? null,
          content: row.content,
          images: images.get(Number(row.id)) ?? [],
          author,
          link,
          likeCount: Number(row.like_count ?? 0),
          commentCount: Number(row.comment_count ?? 0),
          viewCount: Number(row.view_count ?? 0),
          liked: liked.has(Number(row.id)),
          pinned: Boolean(row.pinned),
          commentsLocked: Boolean(row.comments_locked),
          mine,
          status,
          moderationNote: mine ? (row.moderation_note ?? null) : null,
          createdAt: isoOf(row.created_at),
        };
      });
    },
  };
};

export type PostViewsService = ReturnType<typeof postViewsService>;
export default postViewsService;
