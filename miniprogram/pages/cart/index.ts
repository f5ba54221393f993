import { getApi } from '../../api';
import type { LoadState } from '../../logic/load-state';
import { CHECKOUT_KEY, groupCart, loadCart, removeFromCart, saveCart, setCartQuantity, type CartGroup, type CartItem } from '../../logic/mall';
import { confirm, navigateTo } from '../../platform/ui';

/**
 * 购物车 (kept on the phone, wx storage through platform/): items grouped by shop, because one order is
 * one shop; quantities bounded by the stock seen on the product page (the server checks the real stock at
 * checkout); remove; 结算 checks out one shop's items.
 */
Page({
  data: {
    groups: [] as CartGroup[],
    state: 'loading' as LoadState,
  },

  onShow() {
    this.show(loadCart(getApi().client.platform.storage));
  },

  show(cart: CartItem[]) {
    this.setData({ groups: groupCart(cart), state: cart.length > 0 ? 'ready' : 'empty' });
  },

  change(next: (cart: CartItem[]) => CartItem[]) {
    const storage = getApi().client.platform.storage;
    const cart = next(loadCart(storage));
    saveCart(storage, cart);
    this.show(cart);
  },

  quantityOf(sku: string): number {
    return loadCart(getApi().client.platform.storage).find((c) => c.sku === sku)?.quantity ?? 0;
  },

  decrease(event: WechatMiniprogram.BaseEvent<Record<string, never>, { sku: string }>) {
    const { sku } = event.currentTarget.dataset;
    this.change((cart) => setCartQuantity(cart, sku, this.quantityOf(sku) - 1));
  },

  increase(event: WechatMiniprogram.BaseEvent<Record<string, never>, { sku: string }>) {
    const { sku } = event.currentTarget.dataset;
    this.change((cart) => setCartQuantity(cart, sku, this.quantityOf(sku) + 1));
  },

  async remove(event: WechatMiniprogram.BaseEvent<Record<string, never>, { sku: string }>) {
    const { sku } = event.currentTarget.dataset;
    if (!(await confirm('移出购物车', '确定不要这件商品了吗？', '移除'))) return;
    this.change((cart) => removeFromCart(cart, [sku]));
  },

  checkout(event: WechatMiniprogram.BaseEvent<Record<string, never>, { shop: string }>) {
    const items = loadCart(getApi().client.platform.storage).filter((c) => c.shop.key === event.currentTarget.dataset.shop);
    if (items.length === 0) return;
    getApi().client.platform.storage.set(CHECKOUT_KEY, { items, fromCart: true });
    navigateTo('/pages/checkout/index');
  },

  openMall() {
    navigateTo('/pages/mall/index');
  },
});
