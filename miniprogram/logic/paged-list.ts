/**
 * One paginated list as a page shows it: the items loaded so far, whether more exist, and the state of
 * the last request. The server paginates two ways (Strapi's `meta.pagination` with page / pageSize,
 * and the leaderboards' limit / offset); both end up here as `total`.
 */
import { messageOf, stateOf, type LoadState } from './load-state';

export type PagedList<T> = {
  items: T[];
  /** Pages loaded (page / pageSize lists) or the offset of the next page (limit / offset lists). */
  page: number;
  total: number;
  loading: boolean;
  error: string;
};

export type PagePagination = { page: number; pageSize: number; pageCount: number; total: number };
export type OffsetPagination = { limit: number; offset: number; total: number };

export const emptyList = <T>(): PagedList<T> => ({ items: [], page: 0, total: 0, loading: false, error: '' });

export const hasMore = (list: PagedList<unknown>): boolean => list.page === 0 || list.items.length < list.total;

/** The page number to ask for next (1-based). */
export const nextPage = (list: PagedList<unknown>): number => list.page + 1;

/** The offset to ask for next (limit / offset lists). */
export const nextOffset = (list: PagedList<unknown>): number => list.items.length;

export const startLoading = <T>(list: PagedList<T>, fromStart = false): PagedList<T> =>
  fromStart ? { ...emptyList<T>(), loading: true } : { ...list, loading: true, error: '' };

/**
 * The pagination of a page / pageSize answer; the generated API types mark `meta` and its parts optional,
 * so a missing one reads as the page asked for with nothing more after it.
 */
export const paginationOf = (
  meta: { pagination?: Partial<PagePagination> | null } | null | undefined,
  asked: { page: number; pageSize: number },
  shown: number,
): PagePagination => {
  const pagination = meta?.pagination ?? {};
  const page = pagination.page ?? asked.page;
  const pageSize = pagination.pageSize ?? asked.pageSize;
  const total = pagination.total ?? (page - 1) * pageSize + shown;
  return { page, pageSize, pageCount: pagination.pageCount ?? Math.ceil(total / pageSize), total };
};

/** A page / pageSize answer: page 1 replaces what was shown, later pages append. */
export const withPage = <T>(list: PagedList<T>, items: readonly T[], pagination: PagePagination): PagedList<T> => ({
  items: pagination.page <= 1 ? [...items] : [...list.items, ...items],
  page: pagination.page,
  total: pagination.total,
  loading: false,
  error: '',
});

/** A limit / offset answer: offset 0 replaces what was shown, later offsets append. */
export const withOffsetPage = <T>(list: PagedList<T>, items: readonly T[], pagination: OffsetPagination): PagedList<T> => {
  const shown = pagination.offset === 0 ? [...items] : [...list.items, ...items];
  return { items: shown, page: list.page + 1, total: pagination.total, loading: false, error: '' };
};

export const withError = <T>(list: PagedList<T>, error: unknown): PagedList<T> => ({ ...list, loading: false, error: messageOf(error) });

export const listState = (list: PagedList<unknown>): LoadState => stateOf({ loading: list.loading, error: list.error, count: list.items.length });

/** The footer under a list: loading more, the error of the last page, the end, or a "more" button. */
export const footerOf = (list: PagedList<unknown>): { text: string; canLoadMore: boolean } => {
  if (list.items.length === 0) return { text: '', canLoadMore: false };
  if (list.loading) return { text: '加载中…', canLoadMore: false };
  if (list.error) return { text: `${list.error}，点击重试`, canLoadMore: true };
  if (hasMore(list)) return { text: '加载更多', canLoadMore: true };
  return { text: '没有更多了', canLoadMore: false };
};
