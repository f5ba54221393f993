/**
 * The mall's pure logic: money (fen on the wire, integers only), the catalogue's filters and cards, the
 * SKU picker, the cart (local, grouped by shop because one order is one shop), checkout (its checks, the
 * body and the idempotency key kept across retries), orders (tabs, amounts, the trail, the buttons the
 * server's `actions` allow, the payment countdown), refunds and second-hand listings.
 */
import type {
  MallCategory,
  NewListing,
  NewOrder,
  Order,
  OrderAction,
  OrderAddress,
  OrderListStatus,
  OrderSummary,
  OrderTrailEntry,
  PayWith,
  Product,
  ProductQuery,
  ProductSort,
  ProductSummary,
  Sku,
} from '../api/paths';
import type { KeyValueStorage } from '../platform/types';
import { errorReason, errorStatus, messageOf } from './load-state';

// ---------------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------------

/** 1290 → "¥12.90" (integer arithmetic only; negative amounts as "-¥1.00"). */
export const yuan = (fen: number): string => {
  const whole = Math.trunc(Math.abs(fen));
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
};

/** 300 → "300 积分". */
export const pointsText = (points: number): string => `${points} 积分`;

/**
 * "12.9" / "12.90" / "12" / "¥12.5" → fen, read digit by digit (never through a float); null when it is not
 * an amount of yuan with at most two decimals.
 */
export const fenOf = (text: string): number | null => {
  const match = /^\s*¥?\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(decimals);
};

/** How a product or SKU is priced: "¥12.90", "300 积分", or both ("¥12.90 / 300 积分"). */
export const priceText = (item: { price: number | null; pointsPrice: number | null }): string => {
  const parts = [item.price !== null ? yuan(item.price) : '', item.pointsPrice !== null ? pointsText(item.pointsPrice) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' / ') : '暂无价格';
};

// ---------------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------------

export type PayFilter = 'all' | PayWith;
export const PAY_FILTERS: ReadonlyArray<{ key: PayFilter; text: string }> = [
  { key: 'all', text: '全部' },
  { key: 'points', text: '积分兑换' },
  { key: 'wechat', text: '微信支付' },
];
export const SORTS: ReadonlyArray<{ key: ProductSort; text: string }> = [
  { key: 'newest', text: '最新' },
  { key: 'price_asc', text: '价格升序' },
  { key: 'price_desc', text: '价格降序' },
  { key: 'points_asc', text: '积分最少' },
];

export type FeedFilters = { category: string | null; payWith: PayFilter; sort: ProductSort; kind: 'all' | 'mall' | 'secondHand'; q: string };
export const defaultFilters = (): FeedFilters => ({ category: null, payWith: 'all', sort: 'newest', kind: 'all', q: '' });

/** The products query for these filters and a cursor (only what is set). */
export const productQuery = (filters: FeedFilters, cursor: string | null, limit = 20): ProductQuery => ({
  ...(filters.category ? { category: filters.category } : {}),
  ...(filters.payWith !== 'all' ? { payWith: filters.payWith } : {}),
  ...(filters.kind !== 'all' ? { kind: filters.kind } : {}),
  ...(filters.q.trim() ? { q: filters.q.trim().slice(0, 40) } : {}),
  sort: filters.sort,
  ...(cursor ? { cursor } : {}),
  limit,
});

export type CategoryChip = { documentId: string | null; name: string; selected: boolean };
/** The home's strip: 全部 and the top-level categories. */
export const categoryStrip = (categories: readonly MallCategory[], selected: string | null): CategoryChip[] => [
  { documentId: null, name: '全部', selected: selected === null },
  ...categories.map((c) => ({ documentId: c.documentId, name: c.name, selected: c.documentId === selected })),
];

export type ProductCard = {
  documentId: string;
  name: string;
  image: string;
  priceText: string;
  shop: string;
  secondHand: boolean;
  soldOut: boolean;
  salesText: string;
};
export const productCard = (p: ProductSummary): ProductCard => ({
  documentId: p.documentId,
  name: p.name,
  image: p.image ?? '',
  priceText: priceText(p),
  shop: p.kind === 'secondHand' ? '闲置' : (p.merchant?.name ?? ''),
  secondHand: p.kind === 'secondHand',
  soldOut: p.soldOut,
  salesText: p.salesCount > 0 ? `已售 ${p.salesCount}` : '',
});

// ---------------------------------------------------------------------------------------------------
// SKU picker
// ---------------------------------------------------------------------------------------------------

/** At most this many of one SKU in one order (the server's limit). */
export const MAX_QUANTITY = 99;

export type SkuChip = { documentId: string; spec: string; selected: boolean; disabled: boolean };
export type SkuPicker = {
  chips: SkuChip[];
  sku: Sku | null;
  quantity: number;
  /** The most the stepper allows: the stock (at most 99); 0 when nothing can be bought. */
  max: number;
  canDecrease: boolean;
  canIncrease: boolean;
  priceText: string;
  stockText: string;
  canBuy: boolean;
};

/** The first SKU in stock, else the first. */
export const defaultSku = (product: Pick<Product, 'skus'>): string | null => (product.skus.find((s) => s.stock > 0) ?? product.skus[0])?.documentId ?? null;

/** Clamp a quantity into 1..max (0 when max is 0). */
export const boundQuantity = (quantity: number, max: number): number => (max <= 0 ? 0 : Math.min(Math.max(1, Math.trunc(quantity) || 1), max));

export const skuPicker = (product: Pick<Product, 'skus'>, selected: string | null, quantity: number): SkuPicker => {
  const sku = product.skus.find((s) => s.documentId === selected) ?? null;
  const max = sku ? Math.min(Math.max(sku.stock, 0), MAX_QUANTITY) : 0;
  const bounded = boundQuantity(quantity, max);
  return {
    chips: product.skus.map((s) => ({ documentId: s.documentId, spec: s.spec || '默认', selected: s.documentId === selected, disabled: s.stock <= 0 })),
    sku,
    quantity: bounded,
    max,
    canDecrease: bounded > 1,
    canIncrease: bounded < max,
    priceText: sku ? priceText(sku) : '',
    stockText: !sku ? '请选择规格' : sku.stock <= 0 ? '已售罄' : `库存 ${sku.stock}`,
    canBuy: !!sku && sku.stock > 0 && (sku.price !== null || sku.pointsPrice !== null),
  };
};

// ---------------------------------------------------------------------------------------------------
// Cart
// ---------------------------------------------------------------------------------------------------

export type CartItem = {
  sku: string;
  product: string;
  name: string;
  spec: string;
  image: string;
  price: number | null;
  pointsPrice: number | null;
  stock: number;
  /** The shop: a merchant, or (second-hand) the listing itself, which is its own shop. */
  shop: { key: string; name: string; pickupPoints: string[] };
  quantity: number;
};

export const CART_KEY = 'mall.cart';

/** What goes into the cart from a product page. */
export const cartItemOf = (product: Product, sku: Sku, quantity: number): CartItem => ({
  sku: sku.documentId,
  product: product.documentId,
  name: product.name,
  spec: sku.spec,
  image: sku.image ?? product.image ?? '',
  price: sku.price,
  pointsPrice: sku.pointsPrice,
  stock: sku.stock,
  shop: product.merchant
    ? { key: product.merchant.documentId, name: product.merchant.name, pickupPoints: 'pickupPoints' in product.merchant ? [...product.merchant.pickupPoints] : [] }
    : { key: `listing:${product.documentId}`, name: product.seller?.nickname ? `${product.seller.nickname} 的闲置` : '闲置', pickupPoints: [] },
  quantity,
});

export const loadCart = (storage: KeyValueStorage): CartItem[] => {
  const saved = storage.get<CartItem[]>(CART_KEY);
  return Array.isArray(saved) ? saved : [];
};
export const saveCart = (storage: KeyValueStorage, cart: readonly CartItem[]) => storage.set(CART_KEY, cart);

const maxOf = (item: Pick<CartItem, 'stock'>) => Math.min(Math.max(item.stock, 0), MAX_QUANTITY);

/** Add (the same SKU adds up, bounded by its stock and 99); the newest item's facts win. */
export const addToCart = (cart: readonly CartItem[], item: CartItem): CartItem[] => {
  const known = cart.find((c) => c.sku === item.sku);
  if (!known) return [...cart, { ...item, quantity: boundQuantity(item.quantity, maxOf(item)) }];
  return cart.map((c) => (c.sku === item.sku ? { ...item, quantity: boundQuantity(c.quantity + item.quantity, maxOf(item)) } : c));
};
export const setCartQuantity = (cart: readonly CartItem[], sku: string, quantity: number): CartItem[] =>
  cart.map((c) => (c.sku === sku ? { ...c, quantity: boundQuantity(quantity, maxOf(c)) } : c));
export const removeFromCart = (cart: readonly CartItem[], skus: readonly string[]): CartItem[] => cart.filter((c) => !skus.includes(c.sku));
export const cartCount = (cart: readonly CartItem[]): number => cart.reduce((n, c) => n + c.quantity, 0);

export type CartLine = CartItem & { priceText: string; canDecrease: boolean; canIncrease: boolean };
export type CartGroup = {
  shopKey: string;
  shopName: string;
  lines: CartLine[];
  /** Ways this group can be paid: every item needs that price. */
  payWith: PayWith[];
  totalFen: number | null;
  totalPoints: number | null;
  totalText: string;
};

/** Sum of integer unit price × quantity; null when any item has no such price. */
const totalOf = (items: readonly CartItem[], key: 'price' | 'pointsPrice'): number | null =>
  items.every((i) => i[key] !== null) ? items.reduce((sum, i) => sum + (i[key] as number) * i.quantity, 0) : null;

export const groupTotals = (items: readonly CartItem[]) => {
  const totalFen = totalOf(items, 'price');
  const totalPoints = totalOf(items, 'pointsPrice');
  const payWith: PayWith[] = [...(totalPoints !== null ? (['points'] as const) : []), ...(totalFen !== null ? (['wechat'] as const) : [])];
  return { totalFen, totalPoints, payWith, totalText: priceText({ price: totalFen, pointsPrice: totalPoints }) };
};

/** The cart by shop, in the order each shop was first added: one checkout per shop. */
export const groupCart = (cart: readonly CartItem[]): CartGroup[] => {
  const groups = new Map<string, CartItem[]>();
  for (const item of cart) groups.set(item.shop.key, [...(groups.get(item.shop.key) ?? []), item]);
  return [...groups.entries()].map(([shopKey, items]) => ({
    shopKey,
    shopName: items[0].shop.name,
    lines: items.map((i) => ({ ...i, priceText: priceText(i), canDecrease: i.quantity > 1, canIncrease: i.quantity < maxOf(i) })),
    ...groupTotals(items),
  }));
};

// ---------------------------------------------------------------------------------------------------
// Checkout
// ---------------------------------------------------------------------------------------------------

export const ADDRESS_KEY = 'mall.address';
/** The checkout of one shop's items, handed from the cart or 立即购买 to the checkout page. */
export const CHECKOUT_KEY = 'mall.checkout';

export type Delivery = 'address' | 'pickup';
export type CheckoutForm = {
  delivery: Delivery;
  address: OrderAddress;
  pickup: string;
  payWith: PayWith | null;
  note: string;
};
export type CheckoutProblems = Partial<Record<'name' | 'phone' | 'region' | 'detail' | 'pickup' | 'payWith' | 'note' | 'points', string>>;

export const emptyAddress = (): OrderAddress => ({ name: '', phone: '', region: '', detail: '' });

/** The address form's checks, as the server's (`validation/requests.ts`): name ≤ 30, phone 5-20 digits, region ≤ 60, detail ≤ 120. */
export const checkoutProblems = (form: CheckoutForm, group: { payWith: PayWith[]; totalPoints: number | null; pickupPoints: string[] }, balance: number | null): CheckoutProblems => {
  const problems: CheckoutProblems = {};
  if (form.delivery === 'address') {
    const a = form.address;
    if (!a.name.trim()) problems.name = '请填写收货人';
    else if (a.name.trim().length > 30) problems.name = '收货人最多 30 个字';
    if (!/^[0-9+\- ]{5,20}$/.test(a.phone.trim())) problems.phone = '请填写正确的手机号';
    if (!a.region.trim()) problems.region = '请填写校区 / 地区';
    else if (a.region.trim().length > 60) problems.region = '地区最多 60 个字';
    if (!a.detail.trim()) problems.detail = '请填写详细地址';
    else if (a.detail.trim().length > 120) problems.detail = '详细地址最多 120 个字';
  } else if (!group.pickupPoints.includes(form.pickup)) problems.pickup = '请选择自提点';
  if (!form.payWith || !group.payWith.includes(form.payWith)) problems.payWith = '请选择支付方式';
  if (form.note.length > 200) problems.note = '备注最多 200 个字';
  if (form.payWith === 'points' && balance !== null && group.totalPoints !== null && balance < group.totalPoints) problems.points = `积分不足，还差 ${group.totalPoints - balance} 积分`;
  return problems;
};

export const orderBody = (items: ReadonlyArray<Pick<CartItem, 'sku' | 'quantity'>>, form: CheckoutForm, idempotencyKey: string): NewOrder => ({
  items: items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
  payWith: form.payWith ?? 'wechat',
  ...(form.delivery === 'address'
    ? { address: { name: form.address.name.trim(), phone: form.address.phone.trim(), region: form.address.region.trim(), detail: form.address.detail.trim() } }
    : { pickup: form.pickup }),
  note: form.note.trim(),
  idempotencyKey,
});

/** A fresh idempotency key (16..40 characters of [0-9a-z-]). */
export const newIdempotencyKey = (now: Date, random: () => number = Math.random): string =>
  `mp-${now.getTime().toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;

export type Attempt = { key: string; body: string };
/**
 * The key to send: the attempt's own key on a retry of the same order (so the server answers the first
 * order), a new one once the person changed what they order (the server refuses a key with another body).
 */
export const attemptFor = (attempt: Attempt | null, body: Omit<NewOrder, 'idempotencyKey'>, fresh: () => string): Attempt => {
  const fingerprint = JSON.stringify(body);
  return attempt && attempt.body === fingerprint ? attempt : { key: fresh(), body: fingerprint };
};

/** Why an order was refused, in Chinese (and the field it concerns, if any). */
export const orderRefusal = (error: unknown): { message: string; field: keyof CheckoutProblems | null; soldOutSku: string | null } => {
  const reason = errorReason(error);
  const details = (error as { details?: Record<string, unknown> | null } | null)?.details ?? {};
  const sku = typeof details.sku === 'string' ? details.sku : null;
  switch (reason) {
    case 'sold_out':
      return { message: '库存不足，请调整数量', field: null, soldOutSku: sku };
    case 'sku_unavailable':
      return { message: '商品已下架', field: null, soldOutSku: sku };
    case 'insufficient_points':
      return { message: '积分不足', field: 'points', soldOutSku: null };
    case 'price_missing':
      return { message: '有商品不支持这种支付方式', field: 'payWith', soldOutSku: null };
    case 'mixed_shops':
      return { message: '一个订单只能包含同一店铺的商品', field: null, soldOutSku: null };
    case 'address_required':
      return { message: '请填写收货地址', field: 'detail', soldOutSku: null };
    case 'pickup_unknown':
      return { message: '自提点已变更，请重新选择', field: 'pickup', soldOutSku: null };
    case 'own_listing':
      return { message: '不能购买自己发布的闲置', field: null, soldOutSku: null };
    default:
      return { message: errorStatus(error) === 503 ? '微信支付暂不可用，请稍后在订单中支付' : messageOf(error), field: null, soldOutSku: null };
  }
};

// ---------------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------------

export const ORDER_TABS: ReadonlyArray<{ key: OrderListStatus; text: string }> = [
  { key: 'all', text: '全部' },
  { key: 'pending_payment', text: '待付款' },
  { key: 'paid', text: '待发货' },
  { key: 'shipped', text: '待收货' },
  { key: 'completed', text: '已完成' },
  { key: 'refund', text: '退款/售后' },
];

/** The order's amount: "¥25.80" for WeChat Pay, "600 积分" for points. */
export const orderAmount = (order: Pick<Order, 'payMethod' | 'totalFen' | 'totalPoints'>): string =>
  order.payMethod === 'points' ? pointsText(order.totalPoints) : yuan(order.totalFen);

export type OrderCard = { orderNo: string; title: string; statusLabel: string; shop: string; image: string; amountText: string; countText: string; status: Order['status'] };
export const orderCard = (order: OrderSummary): OrderCard => ({
  orderNo: order.orderNo,
  title: order.title,
  statusLabel: order.statusLabel,
  status: order.status,
  shop: order.merchant?.name ?? '闲置',
  image: order.items[0]?.image ?? '',
  amountText: orderAmount(order),
  countText: `共 ${order.itemCount} 件`,
});

export type ActionButton = { action: OrderAction; text: string; primary: boolean; confirm: string | null };
const ACTION_BUTTONS: Record<OrderAction, Omit<ActionButton, 'action'>> = {
  pay: { text: '去支付', primary: true, confirm: null },
  cancel: { text: '取消订单', primary: false, confirm: '确定取消这个订单吗？' },
  confirm: { text: '确认收货', primary: true, confirm: '确认已收到商品？' },
  refund: { text: '申请退款', primary: false, confirm: null },
  withdrawRefund: { text: '撤回退款申请', primary: false, confirm: '撤回后订单恢复原状态，确定撤回？' },
};
/** The buttons for what the server says the user can do now, the primary one last. */
export const actionButtons = (actions: readonly OrderAction[]): ActionButton[] =>
  actions
    .filter((a): a is OrderAction => a in ACTION_BUTTONS)
    .map((action) => ({ action, ...ACTION_BUTTONS[action] }))
    .sort((a, b) => Number(a.primary) - Number(b.primary));

const BY: Record<OrderTrailEntry['by'], string> = { user: '我', operator: '商家', system: '系统', wechat: '微信支付' };
const STATUS_TEXT: Record<string, string> = {
  pending_payment: '下单',
  paid: '已支付',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refund_requested: '申请退款',
  refunding: '退款中',
  refunded: '已退款',
};

/** "2026-12-04 20:19" in Beijing time. */
export const beijingTime = (iso: string): string => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

export type TrailRow = { text: string; by: string; time: string; reason: string };
/** The trail newest first. */
export const trailRows = (trail: readonly OrderTrailEntry[]): TrailRow[] =>
  [...trail].reverse().map((t) => ({
    text: t.from === 'refund_requested' && t.to !== 'refunding' && t.to !== 'refunded' ? `退款申请结束，恢复${STATUS_TEXT[t.to] ?? t.to}` : (STATUS_TEXT[t.to] ?? t.to),
    by: BY[t.by] ?? t.by,
    time: beijingTime(t.at),
    reason: t.reason ?? '',
  }));

/** "14:59" left to pay, or null once expired (or no deadline). */
export const countdownText = (expiresAt: string | null, now: Date): string | null => {
  if (!expiresAt) return null;
  const left = Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000);
  if (left <= 0) return null;
  return `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
};

const REFUND_TEXT: Record<NonNullable<Order['refund']>['status'], string> = {
  requested: '退款申请已提交，等待商家处理',
  rejected: '退款申请被拒绝',
  withdrawn: '退款申请已撤回',
  processing: '退款处理中',
  succeeded: '退款成功',
  failed: '退款失败，请联系商家',
};

export type OrderView = {
  orderNo: string;
  statusLabel: string;
  shop: string;
  items: Array<{ key: string; name: string; spec: string; image: string; unitText: string; quantity: number }>;
  amountText: string;
  payMethodText: string;
  delivery: { kind: 'address' | 'pickup' | 'none'; lines: string[] };
  note: string;
  shipping: string;
  refund: { text: string; reason: string; decision: string; amountText: string } | null;
  trail: TrailRow[];
  buttons: ActionButton[];
  createdText: string;
};
export const orderView = (order: Order): OrderView => ({
  orderNo: order.orderNo,
  statusLabel: order.statusLabel,
  shop: order.merchant?.name ?? '闲置',
  items: order.items.map((item, index) => ({
    key: `${index}`,
    name: item.name,
    spec: item.spec ?? '',
    image: item.image ?? '',
    unitText: order.payMethod === 'points' ? pointsText(item.unitPoints) : yuan(item.unitPrice),
    quantity: item.quantity,
  })),
  amountText: orderAmount(order),
  payMethodText: order.payMethod === 'points' ? '积分支付' : '微信支付',
  delivery: order.address
    ? { kind: 'address', lines: [`${order.address.name} ${order.address.phone}`, `${order.address.region} ${order.address.detail}`] }
    : order.pickup
      ? { kind: 'pickup', lines: [`自提点：${order.pickup}`] }
      : { kind: 'none', lines: [] },
  note: order.note ?? '',
  shipping: order.carrier || order.trackingNumber ? `${order.carrier ?? ''} ${order.trackingNumber ?? ''}`.trim() : '',
  refund: order.refund
    ? {
        text: REFUND_TEXT[order.refund.status],
        reason: order.refund.reason ?? '',
        decision: order.refund.decisionNote ?? '',
        amountText: order.refund.method === 'points' ? pointsText(order.refund.amountPoints) : yuan(order.refund.amountFen),
      }
    : null,
  trail: trailRows(order.trail),
  buttons: actionButtons(order.actions),
  createdText: beijingTime(order.createdAt),
});

/** Why an order move was refused. */
export const transitionRefusal = (error: unknown): string => {
  const reason = errorReason(error);
  if (reason === 'invalid_transition') return '订单状态已变化，请刷新后再试';
  if (reason === 'after_sales_closed') return '已超过售后期限';
  if (errorStatus(error) === 503) return '微信支付暂不可用，请稍后再试';
  return messageOf(error);
};

export const REFUND_REASONS: readonly string[] = ['不想要了', '商品与描述不符', '质量问题', '未按约定时间发货', '其他'];
/** The refund request's reason: a chosen one plus the person's words, 1..200 characters. */
export const refundReason = (chosen: string, words: string): { reason: string; problem: string } => {
  const reason = [chosen, words.trim()].filter(Boolean).join('：');
  if (!reason) return { reason, problem: '请选择或填写退款原因' };
  if (reason.length > 200) return { reason, problem: '退款原因最多 200 个字' };
  return { reason, problem: '' };
};

// ---------------------------------------------------------------------------------------------------
// Paying with WeChat Pay
// ---------------------------------------------------------------------------------------------------

/** wx.requestPayment's outcome as platform/pay.ts reports it. */
export type { PaymentOutcome } from '../platform/pay';

/** Poll the order until the notification moved it (or `tries` reads); the order read last. */
export const pollUntilPaid = async (read: () => Promise<Order>, sleep: (ms: number) => Promise<void>, tries = 10, everyMs = 1000): Promise<Order> => {
  let order = await read();
  for (let i = 1; i < tries && order.status === 'pending_payment'; i += 1) {
    await sleep(everyMs);
    order = await read();
  }
  return order;
};

// ---------------------------------------------------------------------------------------------------
// Second-hand listings
// ---------------------------------------------------------------------------------------------------

export const LISTING_MAX_IMAGES = 9;
export type ListingForm = { name: string; description: string; price: string; originalPrice: string; region: string; images: number[] };
export type ListingProblems = Partial<Record<'name' | 'description' | 'price' | 'originalPrice' | 'region', string>>;
const MAX_FEN = 10_000_000;

export const listingProblems = (form: ListingForm): ListingProblems => {
  const problems: ListingProblems = {};
  if (!form.name.trim()) problems.name = '请填写名称';
  else if (form.name.trim().length > 100) problems.name = '名称最多 100 个字';
  if (form.description.trim().length > 2000) problems.description = '描述最多 2000 个字';
  const price = fenOf(form.price);
  if (price === null || price < 1) problems.price = '请填写价格（元，最多两位小数）';
  else if (price > MAX_FEN) problems.price = '价格最多 ¥100000.00';
  if (form.originalPrice.trim()) {
    const original = fenOf(form.originalPrice);
    if (original === null || original < 1 || original > MAX_FEN) problems.originalPrice = '原价格式不对';
  }
  if (form.region.trim().length > 60) problems.region = '地区最多 60 个字';
  return problems;
};

export const listingBody = (form: ListingForm, idempotencyKey: string): NewListing => {
  const original = form.originalPrice.trim() ? fenOf(form.originalPrice) : null;
  return {
    name: form.name.trim(),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    price: fenOf(form.price) ?? 0,
    ...(original ? { originalPrice: original } : {}),
    ...(form.region.trim() ? { region: form.region.trim() } : {}),
    images: [...form.images],
    idempotencyKey,
  };
};

const REVIEW_TEXT: Record<Product['review'], string> = { approved: '已上架', pending: '审核中', rejected: '未通过' };
export type ListingRow = { documentId: string; name: string; image: string; priceText: string; statusText: string; note: string; canTakeOff: boolean };
export const listingRow = (listing: Product): ListingRow => ({
  documentId: listing.documentId,
  name: listing.name,
  image: listing.image ?? listing.images[0] ?? '',
  priceText: listing.price !== null ? yuan(listing.price) : '',
  statusText: listing.soldOut ? '已售出' : !listing.active ? '已下架' : REVIEW_TEXT[listing.review],
  note: listing.review === 'rejected' ? (listing.reviewNote ?? '') : '',
  canTakeOff: listing.active && !listing.soldOut,
});
