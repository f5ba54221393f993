import { getApi } from '../../api';
import type { MallCategory } from '../../api/paths';
import { messageOf, type LoadState } from '../../logic/load-state';
import { navigateTo } from '../../platform/ui';

/** 分类: the top level on the left, the chosen one's children on the right (with 全部 for the whole top category); a tap opens 商城 filtered by it. */
Page({
  data: {
    categories: [] as MallCategory[],
    selected: 0,
    state: 'loading' as LoadState,
    error: '',
  },

  onLoad() {
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().mall.categories();
      this.setData({ categories: data, selected: 0, state: data.length > 0 ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  onTop(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    this.setData({ selected: Number(event.currentTarget.dataset.index) });
  },

  onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; name: string }>) {
    const { id, name } = event.currentTarget.dataset;
    navigateTo(`/pages/mall/index?category=${id}&name=${encodeURIComponent(name)}`);
  },
});
