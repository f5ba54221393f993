import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { listingRow, type ListingRow } from '../../logic/mall';
import { confirm, navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/** 我的闲置: my listings with their status (审核中 / 已上架 / 未通过 with the reason / 已售出 / 已下架), 下架, and 发布闲置. */
Page({
  data: {
    rows: [] as ListingRow[],
    state: 'loading' as LoadState,
    error: '',
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    try {
      const { data } = await getApi().mall.myListings();
      this.setData({ rows: data.map(listingRow), state: data.length > 0 ? 'ready' : 'empty', error: '' });
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  async offShelf(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    if (!(await confirm('下架闲置', '下架后买家将看不到它，确定下架？', '下架'))) return;
    try {
      const { data } = await getApi().mall.offShelf(event.currentTarget.dataset.id);
      this.setData({ rows: this.data.rows.map((row) => (row.documentId === data.documentId ? listingRow(data) : row)) });
      toast('已下架', 'success');
    } catch (error) {
      toast(messageOf(error));
    }
  },

  openNew() {
    navigateTo('/pages/listing-new/index');
  },
});
