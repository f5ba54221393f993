import { emptyList, footerOf, hasMore, listState, nextOffset, nextPage, startLoading, withError, withOffsetPage, withPage } from '../../logic/paged-list';
import { messageOf, userMessage } from '../../logic/load-state';

describe('a paginated list', () => {
  it('is loading, then empty, ready or failed', () => {
    const loading = startLoading(emptyList<number>(), true);
    expect(listState(loading)).toBe('loading');
    expect(listState(withPage(loading, [], { page: 1, pageSize: 20, pageCount: 0, total: 0 }))).toBe('empty');
    expect(listState(withPage(loading, [1], { page: 1, pageSize: 20, pageCount: 1, total: 1 }))).toBe('ready');
    expect(listState(withError(loading, { status: 500, message: 'Internal Server Error' }))).toBe('error');
  });

  it('appends later pages and knows when it has them all', () => {
    let list = withPage(emptyList<number>(), [1, 2], { page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect([hasMore(list), nextPage(list)]).toEqual([true, 2]);
    list = withPage(startLoading(list), [3], { page: 2, pageSize: 2, pageCount: 2, total: 3 });
    expect(list.items).toEqual([1, 2, 3]);
    expect(hasMore(list)).toBe(false);
    expect(footerOf(list)).toEqual({ text: '没有更多了', canLoadMore: false });
  });

  it('starts over on page 1 (pull to refresh)', () => {
    const list = withPage(emptyList<number>(), [1, 2], { page: 1, pageSize: 2, pageCount: 2, total: 4 });
    expect(withPage(list, [9], { page: 1, pageSize: 2, pageCount: 1, total: 1 }).items).toEqual([9]);
  });

  it('pages by offset for the leaderboards', () => {
    let list = withOffsetPage(emptyList<string>(), ['a', 'b'], { limit: 2, offset: 0, total: 3 });
    expect(nextOffset(list)).toBe(2);
    list = withOffsetPage(list, ['c'], { limit: 2, offset: 2, total: 3 });
    expect(list.items).toEqual(['a', 'b', 'c']);
    expect(hasMore(list)).toBe(false);
  });

  it('keeps what it showed when a later page fails, and offers a retry below it', () => {
    const list = withError(startLoading(withPage(emptyList<number>(), [1], { page: 1, pageSize: 1, pageCount: 2, total: 2 })), { status: 0 });
    expect(list.items).toEqual([1]);
    expect(listState(list)).toBe('ready');
    expect(footerOf(list)).toEqual({ text: '网络不给力，请稍后重试，点击重试', canLoadMore: true });
  });
});

describe('error messages', () => {
  it('shows users the Chinese sentence of a bilingual server message', () => {
    expect(userMessage('今日抽奖次数已用完: at most 5 draws a day')).toBe('今日抽奖次数已用完');
    expect(userMessage('全国排行榜仅对会员开放 (the national leaderboard is for vip members)')).toBe('全国排行榜仅对会员开放');
    expect(userMessage('This code does not exist: check it and try again')).toBe('This code does not exist: check it and try again');
  });

  it('says the network failed when there is no answer, and hides the text of a bug', () => {
    expect(messageOf(Object.assign(new Error('request:fail timeout'), { name: 'NetworkError' }))).toBe('网络不给力，请稍后重试');
    expect(messageOf({})).toBe('网络不给力，请稍后重试');
    expect(messageOf(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe('出错了，请稍后再试');
    expect(messageOf({ status: 502, message: '' })).toBe('出错了，请稍后再试');
  });
});
