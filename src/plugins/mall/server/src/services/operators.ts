import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { ORDER_STATUSES, STATUS_LABELS, type OrderStatus } from '../domain/status';
import { TABLES } from '../content-types';
import * as SQL from '../statements';
import { getService } from '../utils/get-service';
import { iso } from '../utils/rows';
import type { Mover } from './orders';
import { MERCHANT_ROLE } from '../merchant-access';
import { OPERATOR_ROLE } from '../operator-roles';
import { ORDER_SHIPPED_EVENT, type OrderShipped } from '../../../../reminders/public';

/**
 * The operators' workplace (admin routes under /mall/admin, permission `plugin::mall.orders`): the order
 * list with filters, one order with its trail, ship, cancel, refund decisions and the CSV export.
 *
 * Record-level scope: a 商家 Merchant admin sees and moves the orders of the shops whose `admins` list them
 * only (none while they are bound to no shop), whatever filter or order number they send; super admins and
 * 运营 Operators see all (`scopeOf`).
 */
export type OperatorScope = { all: true } | { all: false; merchantIds: number[] };
export type OrderFilters = { status?: OrderStatus | 'refund'; q?: string; merchant?: number; from?: string; to?: string; page: number; pageSize: number };

const operatorsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const service = {
    /**
     * Which shops' orders an admin with the order permission works: every shop for super admins and 运营
     * Operators (and any role an admin gave the permission to by hand, unless it is also a shop's admin);
     * a 商家 Merchant only the shops whose `admins` hold them — none yet, nothing at all, never everything.
     */
    async scopeOf(adminId: number): Promise<OperatorScope> {
      const [rows, roles] = await Promise.all([
        knex()(`${TABLES.merchants} as m`).join('mall_merchants_admins_lnk as l', 'l.merchant_id', 'm.id').where('l.user_id', adminId).select('m.id') as Promise<Array<{ id: number }>>,
        knex()('admin_users_roles_lnk as l').join('admin_roles as r', 'r.id', 'l.role_id').where('l.user_id', adminId).pluck('r.code') as Promise<string[]>,
      ]);
      if (roles.includes('strapi-super-admin') || roles.includes(OPERATOR_ROLE.code)) return { all: true };
      if (rows.length === 0 && !roles.includes(MERCHANT_ROLE.code)) return { all: true };
      return { all: false, merchantIds: rows.map((row) => Number(row.id)) };
    },

    filtered(scope: OperatorScope, filters: Omit<OrderFilters, 'page' | 'pageSize'>) {
      const query = knex()(`${TABLES.orders} as o`);
      if (!scope.all) query.whereIn('o.merchant_id', scope.merchantIds.length ? scope.merchantIds : [-1]);
      if (filters.status === 'refund') query.whereIn('o.status', ['refund_requested', 'refunding', 'refunded']);
      else if (filters.status) query.where('o.status', filters.status);
      if (filters.merchant) query.where('o.merchant_id', filters.merchant);
      if (filters.q) query.where((q) => q.where('o.order_no', 'like', `${filters.q}%`).orWhere('o.title', 'like', `%${filters.q}%`));
      if (filters.from) query.where('o.created_at', '>=', new Date(`${filters.from}T00:00:00+08:00`));
      if (filters.to) query.where('o.created_at', '<', new Date(new Date(`${filters.to}T00:00:00+08:00`).getTime() + 86_400_000));
      return query;
    },

    /**
     * The orders of the scope waiting for someone (the admin's home page): unpaid, paid and not shipped yet,
     * refunds asked for. Index orders_pending_idx (status, expires_at): three short ranges of one status each.
     */
    async waiting(scope: OperatorScope): Promise<{ unpaid: number; toShip: number; refundRequested: number }> {
      const rows = (await service
        .filtered(scope, {})
        .whereIn('o.status', ['pending_payment', 'paid', 'refund_requested'])
        .groupBy('o.status')
        .select('o.status')
        .count({ n: '*' })) as Array<{ status: OrderStatus; n: number | string }>;
      const of = (status: OrderStatus) => Number(rows.find((row) => row.status === status)?.n ?? 0);
      return { unpaid: of('pending_payment'), toShip: of('paid'), refundRequested: of('refund_requested') };
    },

    async list(scope: OperatorScope, filters: OrderFilters) {
      const base = service.filtered(scope, filters);
      const [rows, [{ n }], counts] = await Promise.all([
        base.clone()
          .leftJoin('up_users as u', 'u.id', 'o.user_id')
          .leftJoin(`${TABLES.merchants} as m`, 'm.id', 'o.merchant_id')
          .orderBy('o.id', 'desc')
          .limit(filters.pageSize)
          .offset((filters.page - 1) * filters.pageSize)
          .select('o.order_no', 'o.status', 'o.pay_method', 'o.total_fen', 'o.total_points', 'o.item_count', 'o.title', 'o.created_at', 'o.paid_at', 'o.pickup', 'u.nickname', 'm.name as merchant_name') as Promise<Array<Record<string, unknown>>>,
        base.clone().count<Array<{ n: number | string }>>({ n: '*' }),
        service.filtered(scope, { ...filters, status: undefined }).groupBy('o.status').select('o.status').count<Array<{ status: string; n: number | string }>>({ n: '*' }),
      ]);
      return {
        data: rows.map((row) => ({
          orderNo: String(row.order_no),
          status: row.status as OrderStatus,
          statusLabel: STATUS_LABELS[row.status as OrderStatus],
          payMethod: String(row.pay_method),
          totalFen: Number(row.total_fen),
          totalPoints: Number(row.total_points),
          itemCount: Number(row.item_count),
          title: String(row.title ?? ''),
          buyer: (row.nickname as string | null) ?? null,
          merchant: (row.merchant_name as string | null) ?? null,
          pickup: (row.pickup as string | null) ?? null,
          createdAt: iso(row.created_at),
          paidAt: iso(row.paid_at),
        })),
        meta: {
          pagination: { page: filters.page, pageSize: filters.pageSize, total: Number(n), pageCount: Math.ceil(Number(n) / filters.pageSize) },
          counts: Object.fromEntries(ORDER_STATUSES.map((status) => [status, Number(counts.find((c) => c.status === status)?.n ?? 0)])),
        },
      };
    },

    /** The order if the scope reaches it (404 otherwise: another shop's order does not exist for a merchant). */
    async reachable(scope: OperatorScope, orderNo: string) {
      const order = await getService(strapi, 'orders').byNo(orderNo);
      if (!order || (!scope.all && (order.merchantId === null || !scope.merchantIds.includes(order.merchantId)))) throw new NotFoundError('No such order');
      return order;
    },

    async detail(scope: OperatorScope, orderNo: string) {
      const order = await service.reachable(scope, orderNo);
      const view = await getService(strapi, 'orderView').render(null, orderNo, { forUser: false });
      // Users keep their phone number encrypted; operators see the masked one (138****0000).
      const buyer = order.userId === null ? null : ((await knex()('up_users').where({ id: order.userId }).first('id', 'nickname', 'phone_masked')) as { id: number; nickname: string | null; phone_masked: string | null } | undefined);
      return { ...view, buyer: buyer ? { id: Number(buyer.id), nickname: buyer.nickname ?? null, phone: buyer.phone_masked ?? null } : null };
    },

    async ship(scope: OperatorScope, orderNo: string, by: Mover, input: { carrier: string; trackingNumber: string }) {
      await service.reachable(scope, orderNo);
      await getService(strapi, 'orders').move(orderNo, 'ship', by, {
        reason: `${input.carrier} ${input.trackingNumber}`,
        effects: async (sql, moved) => {
          await sql.rows(SQL.SET_SHIPPING, [input.carrier, input.trackingNumber, moved.id]);
        },
      });
      const detail = await service.detail(scope, orderNo);
      // The buyer's subscribe message (the reminders plugin listens; a repeated ship sends nothing twice).
      if (detail.buyer) {
        const shipped: OrderShipped = { userId: detail.buyer.id, orderNo, title: String(detail.title ?? ''), carrier: input.carrier, trackingNumber: input.trackingNumber };
        void strapi.eventHub.emit(ORDER_SHIPPED_EVENT, shipped);
      }
      return detail;
    },

    async cancel(scope: OperatorScope, orderNo: string, by: Mover, reason: string) {
      await service.reachable(scope, orderNo);
      await getService(strapi, 'payments').cancel(orderNo, by, reason);
      return service.detail(scope, orderNo);
    },

    async decideRefund(scope: OperatorScope, orderNo: string, by: Mover, decision: 'approve' | 'reject', note: string | null) {
      await service.reachable(scope, orderNo);
      await getService(strapi, 'refunds').decide(orderNo, decision, by, note);
      return service.detail(scope, orderNo);
    },

    /** The filtered orders as CSV (UTF-8 with a BOM, so Excel opens the Chinese right), at most 10 000 rows. */
    async csv(scope: OperatorScope, filters: Omit<OrderFilters, 'page' | 'pageSize'>): Promise<string> {
      const rows = (await service.filtered(scope, filters)
        .leftJoin('up_users as u', 'u.id', 'o.user_id')
        .leftJoin(`${TABLES.merchants} as m`, 'm.id', 'o.merchant_id')
        .orderBy('o.id', 'desc')
        .limit(10_000)
        .select('o.id', 'o.order_no', 'o.status', 'o.pay_method', 'o.total_fen', 'o.total_points', 'o.item_count', 'o.title', 'o.pickup', 'o.address', 'o.carrier', 'o.tracking_number', 'o.created_at', 'o.paid_at', 'o.shipped_at', 'u.nickname', 'm.name as merchant_name')) as Array<Record<string, unknown>>;
      const cell = (value: unknown) => {
        const text = value === null || value === undefined ? '' : String(value);
        // A leading = + - @ would be a formula in a spreadsheet: quote it as text.
        const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
        return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      };
      const header = ['订单号', '状态', '支付方式', '金额(元)', '积分', '件数', '商品', '买家', '商家', '自提点', '收货地址', '快递公司', '运单号', '下单时间', '支付时间', '发货时间'];
      const lines = rows.map((row) => {
        const address = row.address ? (typeof row.address === 'string' ? JSON.parse(row.address) : row.address) as Record<string, string> : null;
        return [
          row.order_no, STATUS_LABELS[row.status as OrderStatus], row.pay_method === 'points' ? '积分' : '微信支付', (Number(row.total_fen) / 100).toFixed(2),
          row.total_points, row.item_count, row.title, row.nickname, row.merchant_name, row.pickup,
          address ? `${address.name} ${address.phone} ${address.region} ${address.detail}` : '', row.carrier, row.tracking_number,
          iso(row.created_at), iso(row.paid_at), iso(row.shipped_at),
        ].map(cell).join(',');
      });
      return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
    },
  };
  return service;
};

export type OperatorsService = ReturnType<typeof operatorsService>;
export default operatorsService;
