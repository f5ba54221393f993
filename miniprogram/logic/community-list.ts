/**
 * The community's lists are paged by cursor (`meta.cursor.next`, null on the last page), not by page
 * number: a list here is what was loaded so far, the cursor of the next page, and the state of the last
 * read. The loader is the cursor twin of logic/list-loader.ts: every read takes a ticket, and the answer
 * of a read overtaken by a newer one (a pull-to-refresh during "more", a sort switched while a page was
 * on its way) is dropped, so the list never mixes two orders.
 */
import { communityError } from './community';
import { stateOf, type LoadState } from './load-state';

export type CursorList<T> = {
  items: T[];
  /** A board feed's pinned posts, from its first page (empty for every other list). */
  pinned: T[];
  /** The cursor of the next page; null once the last page came. */
  next: string | null;
  /** Whether a first page has come (before it, there is "more" to read). */
  started: boolean;
  loading: boolean;
  error: string;
};

/** One page as an endpoint answered it. */
export type CursorPage<T> = { items: readonly T[]; next: string | null; pinned?: readonly T[] };

export const emptyCursorList = <T>(): CursorList<T> => ({ items: [], pinned: [], next: null, started: false, loading: false, error: '' });

export const hasMoreAfter = (list: CursorList<unknown>): boolean => !list.started || list.next !== null;

/**
 * A page's answer: the first page (no cursor asked) replaces the list and its pinned posts; later pages
 * append, skipping what is already shown (a post that moved up in `hot` between two pages, a pinned post).
 */
export const withCursorPage = <T extends { documentId: string }>(list: CursorList<T>, page: CursorPage<T>, first: boolean): CursorList<T> => {
  const pinned = first ? [...(page.pinned ?? [])] : list.pinned;
  const seen = new Set([...pinned, ...(first ? [] : list.items)].map((item) => item.documentId));
  const fresh = page.items.filter((item) => !seen.has(item.documentId) && seen.add(item.documentId));
  return { items: first ? fresh : [...list.items, ...fresh], pinned, next: page.next, started: true, loading: false, error: '' };
};

export const cursorListState = (list: CursorList<unknown>): LoadState =>
  stateOf({ loading: list.loading, error: list.error, count: list.items.length + list.pinned.length });

/** The footer under a list: loading more, the last page's error (tap to retry), "more", or the end. */
export const cursorFooter = (list: CursorList<unknown>): { text: string; canLoadMore: boolean } => {
  if (list.items.length + list.pinned.length === 0) return { text: '', canLoadMore: false };
  if (list.loading) return { text: '加载中…', canLoadMore: false };
  if (list.error) return { text: `${list.error}，点击重试`, canLoadMore: true };
  if (hasMoreAfter(list)) return { text: '加载更多', canLoadMore: true };
  return { text: '没有更多了', canLoadMore: false };
};

/** Replace the items (and pinned items) `change` returns a new value for, by documentId. */
export const updateItems = <T extends { documentId: string }>(list: CursorList<T>, documentId: string, change: (item: T) => T): CursorList<T> => ({
  ...list,
  items: list.items.map((item) => (item.documentId === documentId ? change(item) : item)),
  pinned: list.pinned.map((item) => (item.documentId === documentId ? change(item) : item)),
});

export const removeItem = <T extends { documentId: string }>(list: CursorList<T>, documentId: string): CursorList<T> => ({
  ...list,
  items: list.items.filter((item) => item.documentId !== documentId),
  pinned: list.pinned.filter((item) => item.documentId !== documentId),
});

export interface CursorView<T> {
  list(): CursorList<T>;
  show(list: CursorList<T>): void;
}

export interface CursorLoader {
  /** The first page, replacing what is shown (pull-to-refresh, a sort switched). */
  reload(): Promise<void>;
  /** The next page when there is one (also the retry after a failed page); nothing while a read runs. */
  more(): Promise<void>;
}

export const cursorLoader = <T extends { documentId: string }>(view: CursorView<T>, fetchPage: (cursor: string | null) => Promise<CursorPage<T>>): CursorLoader => {
  let latest = 0;
  const load = async (shown: CursorList<T>, cursor: string | null) => {
    const ticket = ++latest;
    const first = cursor === null;
    // A reload keeps what is shown until the first page replaces it (pull-to-refresh does not blank the feed).
    view.show({ ...shown, loading: true, error: '' });
    try {
      const page = await fetchPage(cursor);
      if (ticket === latest) view.show(withCursorPage(view.list(), page, first));
    } catch (error) {
      if (ticket === latest) view.show({ ...view.list(), loading: false, error: communityError(error) });
    }
  };
  return {
    reload: () => load(view.list(), null),
    async more() {
      const list = view.list();
      if (list.loading || !list.started || list.next === null) return;
      await load(list, list.next);
    },
  };
};
