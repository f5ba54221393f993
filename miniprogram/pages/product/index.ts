import { getApi } from '../../api';
import type { Product } from '../../api/paths';
import { messageOf, type LoadState } from '../../logic/load-state';
import { addToCart, cartCount, cartItemOf, CHECKOUT_KEY, defaultSku, loadCart, priceText, saveCart, skuPicker, yuan, type SkuPicker } from '../../logic/mall';
import { previewImages } from '../../platform/media';
import { navigateTo, toast } from '../../platform/ui';

/**
 * 商品详情 `?id=`: images, name, price (元 and / or 积分), the shop and its pickup points or the seller;
 * the SKU picker (spec chips, sold-out ones disabled; a quantity stepper bounded by the chosen SKU's
 * stock and 99); 加入购物车 (local) and 立即购买 (checkout of just this SKU).
 */
Page({
  data: {
    id: '',
    product: null as Product | null,
    images: [] as string[],
    priceText: '',
    originalText: '',
    shopText: '',
    pickupText: '',
    selected: null as string | null,
    picker: null as SkuPicker | null,
    cartCount: 0,
    state: 'loading' as LoadState,
    error: '',
  },

  onLoad(query: Record<string, string | undefined> = {}) {
    this.setData({ id: query.id ?? '' });
    void this.load();
  },

  onShow() {
    this.setData({ cartCount: cartCount(loadCart(getApi().client.platform.storage)) });
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const { data: product } = await getApi().mall.product(this.data.id);
      const selected = defaultSku(product);
      const merchant = product.merchant;
      this.setData({
        product,
        images: product.images.length > 0 ? product.images : product.image ? [product.image] : [],
        priceText: priceText(product),
        originalText: product.originalPrice !== null ? yuan(product.originalPrice) : '',
        shopText: merchant ? merchant.name : `闲置 · ${product.seller?.nickname ?? '同学'}`,
        pickupText: merchant && 'pickupPoints' in merchant && merchant.pickupPoints.length > 0 ? `自提点：${merchant.pickupPoints.join('、')}` : '',
        selected,
        picker: skuPicker(product, selected, 1),
        state: 'ready',
      });
    } catch (error) {
      this.setData({ state: 'error', error: (error as { status?: number }).status === 404 ? '商品不存在或已下架' : messageOf(error) });
    }
  },

  onSku(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; disabled: boolean }>) {
    const { product } = this.data;
    if (!product || event.currentTarget.dataset.disabled) return;
    const selected = event.currentTarget.dataset.id;
    this.setData({ selected, picker: skuPicker(product, selected, this.data.picker?.quantity ?? 1) });
  },

  step(delta: number) {
    const { product, picker } = this.data;
    if (!product || !picker) return;
    this.setData({ picker: skuPicker(product, this.data.selected, picker.quantity + delta) });
  },

  decrease() {
    this.step(-1);
  },

  increase() {
    this.step(1);
  },

  chosen() {
    const { product, picker } = this.data;
    if (!product || !picker?.sku || !picker.canBuy) {
      toast(picker?.sku ? '这个规格已售罄' : '请选择规格');
      return null;
    }
    return cartItemOf(product, picker.sku, picker.quantity);
  },

  addToCart() {
    const item = this.chosen();
    if (!item) return;
    const storage = getApi().client.platform.storage;
    const cart = addToCart(loadCart(storage), item);
    saveCart(storage, cart);
    this.setData({ cartCount: cartCount(cart) });
    toast('已加入购物车', 'success');
  },

  buyNow() {
    const item = this.chosen();
    if (!item) return;
    getApi().client.platform.storage.set(CHECKOUT_KEY, { items: [item], fromCart: false });
    navigateTo('/pages/checkout/index');
  },

  openCart() {
    navigateTo('/pages/cart/index');
  },

  preview(event: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>) {
    previewImages(this.data.images, event.currentTarget.dataset.url);
  },
});
