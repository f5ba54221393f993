/**
 * Reload and "more" for a page / pageSize list, shared by the list pages. Every read takes a ticket, and
 * the answer of a read overtaken by a newer one (a pull-to-refresh during "more", a filter or month
 * changed while a page was on its way) is dropped, so the list never shows an older choice's rows. One
 * loader per page instance, so two copies of a page in the navigation stack do not share tickets.
 */
import { footerOf, nextPage, startLoading, withError, withPage, type PagedList, type PagePagination } from './paged-list';

/** What a page gives its loader: the list it shows now, and how to show another. */
export interface ListView<T> {
  list(): PagedList<T>;
  show(list: PagedList<T>): void;
}

/** One page of a list as the endpoint answered it. */
export type FetchedPage<T> = { items: readonly T[]; pagination: PagePagination };

export interface PageLoader {
  /** From page 1, replacing what is shown. */
  reload(): Promise<void>;
  /** The next page, when the footer offers one (also the retry after a failed page). */
  more(): Promise<void>;
}

export const pageLoader = <T>(view: ListView<T>, fetchPage: (page: number) => Promise<FetchedPage<T>>): PageLoader => {
  let latest = 0;
  const load = async (loading: PagedList<T>, page: number) => {
    const ticket = ++latest;
    view.show(loading);
    try {
      const { items, pagination } = await fetchPage(page);
      if (ticket === latest) view.show(withPage(loading, items, pagination));
    } catch (error) {
      if (ticket === latest) view.show(withError(loading, error));
    }
  };
  return {
    reload: () => load(startLoading(view.list(), true), 1),
    async more() {
      const list = view.list();
      if (!footerOf(list).canLoadMore) return;
      await load(startLoading(list), nextPage(list));
    },
  };
};
