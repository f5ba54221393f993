/**
 * What the operators' routes answer (server: services/operators.ts, services/order-view.ts), and the
 * shared wording of the admin pages.
 */
export const STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refund_requested', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof STATUSES)[number];

/** The same labels as the server's domain/status.ts. */
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

export type OrderRow = {
  orderNo: string;
  status: OrderStatus;
  statusLabel: string;
  payMethod: 'points' | 'wechat';
  totalFen: number;
  totalPoints: number;
  itemCount: number;
  title: string;
  buyer: string | null;
  merchant: string | null;
  pickup: string | null;
  createdAt: string;
  paidAt: string | null;
};
export type OrderList = {
  data: OrderRow[];
  meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number }; counts: Record<OrderStatus, number> };
};

export type AdminAction = 'cancel' | 'ship' | 'approveRefund' | 'rejectRefund';
export type TrailEntry = { from: string | null; to: string; by: 'user' | 'operator' | 'system' | 'wechat'; reason: string | null; at: string; actorId: string | null; actorName: string | null };
export type OrderDetail = {
  orderNo: string;
  status: OrderStatus;
  statusLabel: string;
  payMethod: 'points' | 'wechat';
  totalFen: number;
  totalPoints: number;
  itemCount: number;
  title: string;
  items: Array<{ sku: string | null; product: string | null; name: string; spec: string | null; image: string | null; unitPrice: number; unitPoints: number; quantity: number }>;
  address: { name: string; phone: string; region: string; detail: string } | null;
  pickup: string | null;
  note: string | null;
  merchant: { documentId: string; name: string } | null;
  createdAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  refund: { status: string; method: 'points' | 'wechat'; reason: string | null; amountFen: number; amountPoints: number; decisionNote: string | null; createdAt: string } | null;
  trail: TrailEntry[];
  adminActions: AdminAction[];
  buyer: { id: number; nickname: string | null; phone: string | null } | null;
};

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
/** What an order costs: 元, 积分, or both. */
export const priceOf = (fen: number, points: number) => [fen > 0 ? yuan(fen) : null, points > 0 ? `${points} 积分` : null].filter(Boolean).join(' + ') || '—';
export const when = (at: string | null) => (at ? new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

export const ACTOR_LABELS: Record<TrailEntry['by'], string> = { user: '买家', operator: '运营', system: '系统', wechat: '微信支付' };

/** The error envelope of a failed call, in words an operator understands. */
export const describeError = (error: unknown): string => {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    message?: unknown;
    response?: { data?: { error?: { message?: string; details?: { reason?: string; status?: string } } } };
  };
  const envelope = failure.response?.data?.error;
  const reason = envelope?.details?.reason;
  if (failure.status === 403) return '无权限 (You do not have the order permission)';
  if (failure.status === 404) return '订单不存在或不属于您的店铺 (No such order)';
  if (reason === 'invalid_transition') {
    const now = envelope?.details?.status as OrderStatus | undefined;
    return `订单状态已变化${now && STATUS_LABELS[now] ? `（当前：${STATUS_LABELS[now]}）` : ''}，请刷新 (${envelope?.message ?? 'invalid transition'})`;
  }
  if (envelope?.message) return envelope.message;
  return typeof failure.message === 'string' && failure.message ? failure.message : 'Unknown error';
};
