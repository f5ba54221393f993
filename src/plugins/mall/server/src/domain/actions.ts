import { allows, type OrderStatus } from './status';

/** What a buyer can do with an order in each status, for the mini-program's buttons. */
export const USER_ORDER_ACTIONS = ['pay', 'cancel', 'confirm', 'refund', 'withdrawRefund'] as const;
export type UserOrderAction = (typeof USER_ORDER_ACTIONS)[number];

/** What an operator can do with an order in each status, for the admin's buttons. */
export const ADMIN_ORDER_ACTIONS = ['cancel', 'ship', 'approveRefund', 'rejectRefund'] as const;
export type AdminOrderAction = (typeof ADMIN_ORDER_ACTIONS)[number];

export const userActionsFor = (status: OrderStatus, payMethod: 'points' | 'wechat', afterSalesOpen: boolean): UserOrderAction[] => {
  const actions: UserOrderAction[] = [];
  if (status === 'pending_payment' && payMethod === 'wechat') actions.push('pay');
  if (allows('cancel', status, 'user')) actions.push('cancel');
  if (allows('complete', status, 'user')) actions.push('confirm');
  if (allows('requestRefund', status, 'user') && (status !== 'completed' || afterSalesOpen)) actions.push('refund');
  if (allows('withdrawRefund', status, 'user')) actions.push('withdrawRefund');
  return actions;
};

export const adminActionsFor = (status: OrderStatus): AdminOrderAction[] => {
  const actions: AdminOrderAction[] = [];
  if (allows('cancel', status, 'operator')) actions.push('cancel');
  if (allows('ship', status, 'operator')) actions.push('ship');
  if (allows('approveRefund', status, 'operator')) actions.push('approveRefund', 'rejectRefund');
  return actions;
};
