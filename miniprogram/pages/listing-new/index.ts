import { getApi } from '../../api';
import { messageOf } from '../../logic/load-state';
import { LISTING_MAX_IMAGES, listingBody, listingProblems, newIdempotencyKey, type ListingForm, type ListingProblems } from '../../logic/mall';
import { chooseImages } from '../../platform/media';
import { redirectTo, toast } from '../../platform/ui';

type Picture = { path: string; id: number | null; failed: boolean };

/**
 * 发布闲置: name, price in 元 (sent in fen, read digit by digit), an optional original price, the
 * campus region, up to 9 images uploaded as chosen (tap a failed one to retry). The listing shows once a
 * moderator or the content check passes it: the answer opens 我的闲置 with its status.
 */
Page({
  data: {
    form: { name: '', description: '', price: '', originalPrice: '', region: '', images: [] } as ListingForm,
    pictures: [] as Picture[],
    problems: {} as ListingProblems,
    sending: false,
    error: '',
  },
  key: '' as string,

  onInput(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: 'name' | 'description' | 'price' | 'originalPrice' | 'region' }>) {
    this.setData({ form: { ...this.data.form, [event.currentTarget.dataset.field]: event.detail.value }, problems: {}, error: '' });
  },

  async addImages() {
    const paths = await chooseImages(LISTING_MAX_IMAGES - this.data.pictures.length);
    for (const path of paths) {
      this.setData({ pictures: [...this.data.pictures, { path, id: null, failed: false }] });
      await this.upload(path);
    }
  },

  async upload(path: string) {
    try {
      const { data } = await getApi().mall.uploadListingImage(path);
      this.setPicture(path, { id: data.id, failed: false });
    } catch {
      this.setPicture(path, { id: null, failed: true });
    }
  },

  setPicture(path: string, change: Partial<Picture>) {
    const pictures = this.data.pictures.map((p) => (p.path === path ? { ...p, ...change } : p));
    this.setData({ pictures, form: { ...this.data.form, images: pictures.flatMap((p) => (p.id === null ? [] : [p.id])) } });
  },

  onPicture(event: WechatMiniprogram.BaseEvent<Record<string, never>, { path: string }>) {
    const picture = this.data.pictures.find((p) => p.path === event.currentTarget.dataset.path);
    if (picture?.failed) void this.upload(picture.path);
  },

  removePicture(event: WechatMiniprogram.BaseEvent<Record<string, never>, { path: string }>) {
    const pictures = this.data.pictures.filter((p) => p.path !== event.currentTarget.dataset.path);
    this.setData({ pictures, form: { ...this.data.form, images: pictures.flatMap((p) => (p.id === null ? [] : [p.id])) } });
  },

  async submit() {
    if (this.data.sending) return;
    const problems = listingProblems(this.data.form);
    this.setData({ problems });
    if (Object.keys(problems).length > 0) return;
    const api = getApi();
    this.key ||= newIdempotencyKey(api.client.platform.now());
    this.setData({ sending: true, error: '' });
    try {
      const { data } = await api.mall.createListing(listingBody(this.data.form, this.key));
      this.setData({ sending: false });
      toast(data.review === 'approved' ? '已发布' : '已提交，审核通过后上架', 'success');
      redirectTo('/pages/my-listings/index');
    } catch (error) {
      this.setData({ sending: false, error: messageOf(error) });
    }
  },
});
