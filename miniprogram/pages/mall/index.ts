import { getApi } from '../../api';
import type { MallCategory, ProductSort, ProductSummary } from '../../api/paths';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { cartCount, categoryStrip, defaultFilters, loadCart, PAY_FILTERS, productCard, productQuery, SORTS, type CategoryChip, type FeedFilters, type PayFilter, type ProductCard } from '../../logic/mall';
import { navigateTo, setTitle, stopPullDownRefresh } from '../../platform/ui';

/**
 * 商城: the categories strip (全部 and the top level; 分类 opens both levels), 积分兑换 / 微信支付 filters,
 * the sort, and the product feed by cursor (`meta.nextCursor`), more on reaching the bottom. 购物车 shows
 * how many units wait in the cart, 我的订单 and 发布闲置 are on top. `?category=&name=` (from 分类) opens
 * the feed of one category.
 */
Page({
  data: {
    filters: defaultFilters() as FeedFilters,
    categories: [] as MallCategory[],
    chips: [] as CategoryChip[],
    payFilters: PAY_FILTERS.map((f) => ({ ...f })),
    sorts: SORTS.map((s) => ({ ...s })),
    list: emptyCursorList<ProductSummary>(),
    cards: [] as ProductCard[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
    cartCount: 0,
    categoryName: '',
  },
  loader: undefined as CursorLoader | undefined,

  onLoad(query: Record<string, string | undefined> = {}) {
    if (query.category) {
      const name = query.name ? decodeURIComponent(query.name) : '';
      this.setData({ filters: { ...this.data.filters, category: query.category }, categoryName: name });
      if (name) setTitle(name);
    }
    void this.loadCategories();
    void this.reload();
  },

  onShow() {
    this.setData({ cartCount: cartCount(loadCart(getApi().client.platform.storage)) });
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  async loadCategories() {
    try {
      const { data } = await getApi().mall.categories();
      this.setData({ categories: data, chips: categoryStrip(data, this.data.filters.category) });
    } catch {
      // The strip is optional: the feed works without it.
      this.setData({ chips: [] });
    }
  },

  async reload() {
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  pages(): CursorLoader {
    this.loader ??= cursorLoader<ProductSummary>({ list: () => this.data.list, show: (list) => this.show(list) }, async (cursor) => {
      const answer = await getApi().mall.products(productQuery(this.data.filters, cursor));
      return { items: answer.data, next: answer.meta.nextCursor };
    });
    return this.loader;
  },

  show(list: CursorList<ProductSummary>) {
    this.setData({ list, cards: list.items.map(productCard), state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  refilter(filters: FeedFilters) {
    this.setData({ filters, chips: categoryStrip(this.data.categories, filters.category), list: emptyCursorList<ProductSummary>() });
    void this.reload();
  },

  onCategory(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
    this.refilter({ ...this.data.filters, category: event.currentTarget.dataset.id || null });
  },

  onPay(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: PayFilter }>) {
    this.refilter({ ...this.data.filters, payWith: event.currentTarget.dataset.key });
  },

  onSort(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: ProductSort }>) {
    this.refilter({ ...this.data.filters, sort: event.currentTarget.dataset.key });
  },

  onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.refilter({ ...this.data.filters, q: event.detail.value });
  },

  openProduct(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    navigateTo(`/pages/product/index?id=${event.currentTarget.dataset.id}`);
  },

  openCategories() {
    navigateTo('/pages/mall-category/index');
  },

  openCart() {
    navigateTo('/pages/cart/index');
  },

  openOrders() {
    navigateTo('/pages/orders/index');
  },

  openListing() {
    navigateTo('/pages/listing-new/index');
  },
});
