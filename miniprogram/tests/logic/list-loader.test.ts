import { pageLoader, type FetchedPage } from '../../logic/list-loader';
import { emptyList, type PagedList } from '../../logic/paged-list';

/** A list view that keeps what it was told to show, and a fetch whose answers the test releases by hand. */
const harness = () => {
  let shown: PagedList<string> = emptyList<string>();
  const asked: number[] = [];
  const pending: Array<{ page: number; answer: (page: FetchedPage<string>) => void; fail: (error: unknown) => void }> = [];
  const loader = pageLoader<string>(
    { list: () => shown, show: (list) => (shown = list) },
    (page) =>
      new Promise<FetchedPage<string>>((answer, fail) => {
        asked.push(page);
        pending.push({ page, answer, fail });
      }),
  );
  const pageOf = (page: number, items: string[], total: number): FetchedPage<string> => ({
    items,
    pagination: { page, pageSize: 2, pageCount: Math.ceil(total / 2), total },
  });
  return { loader, asked, pending, pageOf, shown: () => shown };
};

describe('a list page loader', () => {
  it('loads page 1, then the next page when the footer offers it, then stops at the end', async () => {
    const h = harness();
    const first = h.loader.reload();
    expect(h.shown().loading).toBe(true);
    h.pending[0].answer(h.pageOf(1, ['a', 'b'], 3));
    await first;
    const second = h.loader.more();
    h.pending[1].answer(h.pageOf(2, ['c'], 3));
    await second;
    expect(h.shown().items).toEqual(['a', 'b', 'c']);
    await h.loader.more();
    expect(h.asked).toEqual([1, 2]);
  });

  it('drops the answer of a read overtaken by a newer one (a refresh during "more")', async () => {
    const h = harness();
    const first = h.loader.reload();
    h.pending[0].answer(h.pageOf(1, ['a', 'b'], 4));
    await first;
    const more = h.loader.more();
    const refresh = h.loader.reload();
    h.pending[2].answer(h.pageOf(1, ['fresh'], 1));
    await refresh;
    h.pending[1].answer(h.pageOf(2, ['stale'], 4));
    await more;
    expect(h.shown().items).toEqual(['fresh']);
  });

  it('shows a failed page as an error the footer retries, keeping what was loaded', async () => {
    const h = harness();
    const first = h.loader.reload();
    h.pending[0].answer(h.pageOf(1, ['a', 'b'], 4));
    await first;
    const more = h.loader.more();
    h.pending[1].fail({ status: 503, message: 'unreachable' });
    await more;
    expect(h.shown().items).toEqual(['a', 'b']);
    expect(h.shown().error).not.toBe('');
    const retry = h.loader.more();
    expect(h.asked).toEqual([1, 2, 2]);
    h.pending[2].answer(h.pageOf(2, ['c', 'd'], 4));
    await retry;
    expect(h.shown()).toMatchObject({ items: ['a', 'b', 'c', 'd'], error: '' });
  });
});
