/**
 * The order's status table (DESIGN invariant 8). An order moves only along these edges; every move is one
 * conditional UPDATE (`WHERE status = from`) with its trail entry in the same transaction, so a move that
 * raced another finds nothing to update and is refused (409) instead of applied twice.
 *
 *   pending_payment ──pay──▶ paid ──ship──▶ shipped ──confirm / auto──▶ completed
 *        │                    │                │                          │ (within the after-sales window)
 *        └─cancel / timeout─▶ cancelled        └────────┬─────────────────┘
 *                             paid / shipped / completed ──request──▶ refund_requested
 *                             refund_requested ──reject / withdraw──▶ back to where it came from
 *                             refund_requested ──approve──▶ refunding (WeChat Pay) ──refund notification──▶ refunded
 *                             refund_requested ──approve──▶ refunded (points: paid back in the same transaction)
 */
export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refund_requested', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type Actor = 'user' | 'operator' | 'system' | 'wechat';

/** The actions that move an order, each with its edges and who may take it. */
export const TRANSITIONS = {
  pay: { from: ['pending_payment'], to: 'paid', by: ['wechat', 'system'] },
  cancel: { from: ['pending_payment'], to: 'cancelled', by: ['user', 'operator', 'system'] },
  ship: { from: ['paid'], to: 'shipped', by: ['operator'] },
  complete: { from: ['shipped'], to: 'completed', by: ['user', 'system'] },
  requestRefund: { from: ['paid', 'shipped', 'completed'], to: 'refund_requested', by: ['user'] },
  rejectRefund: { from: ['refund_requested'], to: 'returned', by: ['operator'] },
  withdrawRefund: { from: ['refund_requested'], to: 'returned', by: ['user'] },
  approveRefund: { from: ['refund_requested'], to: 'refunded_or_refunding', by: ['operator'] },
  refundSucceeded: { from: ['refunding'], to: 'refunded', by: ['wechat', 'system'] },
  refundFailed: { from: ['refunding'], to: 'refund_requested', by: ['wechat', 'system'] },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus | 'returned' | 'refunded_or_refunding'; by: readonly Actor[] }>;

export type OrderAction = keyof typeof TRANSITIONS;

/** Every edge of the table as (from, to) pairs, with 'returned' spelled out: for the tests and the docs. */
export const EDGES: ReadonlyArray<readonly [OrderStatus, OrderStatus]> = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['paid', 'shipped'],
  ['shipped', 'completed'],
  ['paid', 'refund_requested'],
  ['shipped', 'refund_requested'],
  ['completed', 'refund_requested'],
  ['refund_requested', 'paid'],
  ['refund_requested', 'shipped'],
  ['refund_requested', 'completed'],
  ['refund_requested', 'refunding'],
  ['refund_requested', 'refunded'],
  ['refunding', 'refunded'],
  ['refunding', 'refund_requested'],
];

export const isEdge = (from: OrderStatus, to: OrderStatus): boolean => EDGES.some(([a, b]) => a === from && b === to);

/** Whether `action` may start from `status`, taken by `actor`. */
export const allows = (action: OrderAction, status: OrderStatus, actor: Actor): boolean =>
  (TRANSITIONS[action].from as readonly OrderStatus[]).includes(status) && (TRANSITIONS[action].by as readonly Actor[]).includes(actor);

/** Statuses no action leaves (completed leaves only for a refund, and only within the after-sales window). */
export const FINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded'];

/** Chinese labels the mini-program and the admin show. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  cancelled: '已取消',
  refund_requested: '退款申请中',
  refunding: '退款中',
  refunded: '已退款',
};
