import { statement, statementFamily } from '../../../gamification/public';
import { TABLES } from './content-types';

/**
 * The mall's hand-written statements (the gamification plugin's `sql` service runs them on Strapi's pool:
 * prepared on PostgreSQL, through knex on SQLite). The order's hot transaction and every move of stock and
 * status are here, so that each is one conditional statement: stock is taken with `WHERE stock >= qty`
 * and a status moves with `WHERE status = from`, never read-then-write.
 */

/** The first image of a product (or the SKU's own) as a relative URL, from Strapi's media morph table. */
const imageOf = (type: string, idColumn: string, field: string) =>
  `(SELECT f.url FROM files f JOIN files_related_mph m ON m.file_id = f.id
     WHERE m.related_type = '${type}' AND m.related_id = ${idColumn} AND m.field = '${field}' ORDER BY m."order" LIMIT 1)`;

// ---- pricing: the SKUs of an order with what the snapshot needs
export const SKUS_FOR_ORDER = statementFamily(
  'mall.skus-for-order',
  (n) => `SELECT s.id, s.document_id, s.spec, s.price, s.points_price, s.stock, s.active AS sku_active,
                 p.id AS product_id, p.document_id AS product_document_id, p.name, p.kind, p.active AS product_active, p.review,
                 p.merchant_id, p.seller_id, m.document_id AS merchant_document_id, m.name AS merchant_name, m.pickup_points,
                 COALESCE(${imageOf('plugin::mall.sku', 's.id', 'image')}, ${imageOf('api::product.product', 'p.id', 'images')}) AS image
            FROM ${TABLES.skus} s JOIN ${TABLES.products} p ON p.id = s.product_id LEFT JOIN ${TABLES.merchants} m ON m.id = p.merchant_id
           WHERE s.document_id IN (${Array.from({ length: n }, () => '?').join(', ')})`,
);

export const MERCHANT_PICKUP = statement('mall.merchant-pickup', `SELECT id, name, document_id, pickup_points, active FROM ${TABLES.merchants} WHERE id = ?`);

// ---- stock (DESIGN invariant 4: never below zero; `reserved` holds what unpaid orders took)
/** WeChat Pay order placed: the units move from stock to reserved, if there are enough. */
export const RESERVE = statement('mall.reserve', `UPDATE ${TABLES.skus} SET stock = stock - ?, reserved = reserved + ? WHERE id = ? AND stock >= ? RETURNING id`);
/** Points order placed (paid at once): the units are sold. */
export const SELL_NOW = statement('mall.sell-now', `UPDATE ${TABLES.skus} SET stock = stock - ?, sales_count = sales_count + ? WHERE id = ? AND stock >= ? RETURNING id`);
/** WeChat Pay order paid: the reserved units are sold. */
export const SELL_RESERVED = statement('mall.sell-reserved', `UPDATE ${TABLES.skus} SET reserved = reserved - ?, sales_count = sales_count + ? WHERE id = ?`);
/** Unpaid order cancelled: the reserved units go back on sale. */
export const RELEASE = statement('mall.release', `UPDATE ${TABLES.skus} SET stock = stock + ?, reserved = reserved - ? WHERE id = ?`);
/** Refunded: the sale is undone; the units go back on sale only when they were never shipped (`restock` 1). */
export const UNSELL = statement('mall.unsell', `UPDATE ${TABLES.skus} SET stock = stock + CAST(? AS integer) * CAST(? AS integer), sales_count = sales_count - ? WHERE id = ?`);
/**
 * Products' sales are their SKUs' (exact, moved in each order's transaction). The copy on the product row,
 * for the admin's list and sorting, is brought up to date by the timeout job, not by every order: a popular
 * product's row is then not held by each of its orders.
 */
export const REFRESH_PRODUCT_SALES = statement(
  'mall.refresh-product-sales',
  `UPDATE ${TABLES.products} SET sales_count = (SELECT COALESCE(SUM(s.sales_count), 0) FROM ${TABLES.skus} s WHERE s.product_id = ${TABLES.products}.id)
    WHERE id IN (SELECT product_id FROM ${TABLES.skus} WHERE product_id IS NOT NULL GROUP BY product_id)
      AND sales_count <> (SELECT COALESCE(SUM(s.sales_count), 0) FROM ${TABLES.skus} s WHERE s.product_id = ${TABLES.products}.id)`,
);

// ---- orders
const ORDER_COLUMNS = `id, document_id, order_no, user_id, merchant_id, status, pay_method, total_fen, total_points, item_count, title,
  address, pickup, note, expires_at, paid_at, shipped_at, completed_at, cancelled_at, refunded_at, after_sales_until, carrier,
  tracking_number, transaction_id, prepay_id, prepay_expires_at, created_at`;

export const INSERT_ORDER = statement(
  'mall.insert-order',
  `INSERT INTO ${TABLES.orders} (document_id, order_no, user_id, merchant_id, status, pay_method, total_fen, total_points, item_count, title,
     address, pickup, note, expires_at, paid_at, idempotency_key, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
);
export const INSERT_ITEMS = statementFamily(
  'mall.insert-items',
  (n) => `INSERT INTO ${TABLES.orderItems} (document_id, order_id, sku_id, product_id, name, spec, image, unit_price, unit_points, quantity, created_at, updated_at, published_at)
          VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
);
export const INSERT_EVENTS = statementFamily(
  'mall.insert-events',
  (n) => `INSERT INTO ${TABLES.orderEvents} (document_id, order_id, from_status, to_status, actor_type, actor_id, actor_name, reason, created_at, updated_at, published_at)
          VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
);
export const INSERT_EVENT = statement(
  'mall.insert-event',
  `INSERT INTO ${TABLES.orderEvents} (document_id, order_id, from_status, to_status, actor_type, actor_id, actor_name, reason, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

export const ORDER_BY_NO = statement('mall.order-by-no', `SELECT ${ORDER_COLUMNS} FROM ${TABLES.orders} WHERE order_no = ?`);
export const ORDER_BY_NO_FOR_UPDATE = statement('mall.order-by-no-for-update', {
  postgres: `SELECT ${ORDER_COLUMNS} FROM ${TABLES.orders} WHERE order_no = ? FOR UPDATE`,
  sqlite: `SELECT ${ORDER_COLUMNS} FROM ${TABLES.orders} WHERE order_no = ?`,
});
export const ORDER_ITEMS = statement(
  'mall.order-items',
  `SELECT i.order_id, i.sku_id, i.product_id, s.document_id AS sku_document_id, p.document_id AS product_document_id, i.name, i.spec, i.image,
          i.unit_price, i.unit_points, i.quantity
     FROM ${TABLES.orderItems} i LEFT JOIN ${TABLES.skus} s ON s.id = i.sku_id LEFT JOIN ${TABLES.products} p ON p.id = i.product_id
    WHERE i.order_id = ? ORDER BY i.id`,
);
export const ORDER_EVENTS = statement(
  'mall.order-events',
  `SELECT from_status, to_status, actor_type, actor_id, actor_name, reason, created_at FROM ${TABLES.orderEvents} WHERE order_id = ? ORDER BY id`,
);

/**
 * One move along the status table: the status and the move's timestamp column, only from the expected
 * status. No row back: another move got there first.
 */
export const moveStatement = (column: 'paid_at' | 'shipped_at' | 'completed_at' | 'cancelled_at' | 'refunded_at' | null) =>
  MOVES[column ?? 'none'];
const MOVES = Object.fromEntries(
  (['paid_at', 'shipped_at', 'completed_at', 'cancelled_at', 'refunded_at', 'none'] as const).map((column) => [
    column,
    statement(
      `mall.move.${column}`,
      `UPDATE ${TABLES.orders} SET status = ?, updated_at = ?${column === 'none' ? '' : `, ${column} = ?`} WHERE id = ? AND status = ? RETURNING id`,
    ),
  ]),
) as Record<'paid_at' | 'shipped_at' | 'completed_at' | 'cancelled_at' | 'refunded_at' | 'none', ReturnType<typeof statement>>;

export const SET_PAYMENT = statement('mall.set-payment', `UPDATE ${TABLES.orders} SET transaction_id = ? WHERE id = ?`);
export const SET_SHIPPING = statement('mall.set-shipping', `UPDATE ${TABLES.orders} SET carrier = ?, tracking_number = ? WHERE id = ?`);
export const SET_AFTER_SALES = statement('mall.set-after-sales', `UPDATE ${TABLES.orders} SET after_sales_until = ? WHERE id = ?`);

// ---- refunds
const REFUND_COLUMNS = 'id, document_id, order_id, out_refund_no, method, amount_fen, amount_points, reason, return_from, status, decided_by, decision_note, wx_refund_id, decided_at, succeeded_at, created_at';
export const LATEST_REFUND = statement('mall.latest-refund', `SELECT ${REFUND_COLUMNS} FROM ${TABLES.refunds} WHERE order_id = ? ORDER BY id DESC LIMIT 1`);
export const REFUND_BY_NO = statement('mall.refund-by-no', `SELECT ${REFUND_COLUMNS} FROM ${TABLES.refunds} WHERE out_refund_no = ?`);
export const INSERT_REFUND = statement(
  'mall.insert-refund',
  `INSERT INTO ${TABLES.refunds} (document_id, order_id, out_refund_no, method, amount_fen, amount_points, reason, return_from, status, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?) RETURNING id`,
);
/** A refund's own move, from the expected status only (a second approval finds nothing to update). */
export const MOVE_REFUND = statement(
  'mall.move-refund',
  `UPDATE ${TABLES.refunds} SET status = ?, decided_by = COALESCE(?, decided_by), decision_note = COALESCE(?, decision_note),
     wx_refund_id = COALESCE(?, wx_refund_id), decided_at = COALESCE(?, decided_at), succeeded_at = COALESCE(?, succeeded_at), updated_at = ?
   WHERE id = ? AND status = ? RETURNING id`,
);

// ---- notifications (each verified one once)
export const INSERT_NOTIFICATION = statement(
  'mall.insert-notification',
  {
    postgres: `INSERT INTO ${TABLES.payNotifications} (document_id, notification_id, event_type, out_trade_no, outcome, created_at, updated_at, published_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notification_id) DO NOTHING RETURNING id`,
    sqlite: `INSERT INTO ${TABLES.payNotifications} (document_id, notification_id, event_type, out_trade_no, outcome, created_at, updated_at, published_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notification_id) DO NOTHING RETURNING id`,
  },
);

// ---- timeouts
export const EXPIRED_ORDERS = statement(
  'mall.expired-orders',
  `SELECT order_no FROM ${TABLES.orders} WHERE status = 'pending_payment' AND expires_at < ? ORDER BY expires_at LIMIT ?`,
);
export const DUE_COMPLETIONS = statement(
  'mall.due-completions',
  `SELECT order_no FROM ${TABLES.orders} WHERE status = 'shipped' AND shipped_at < ? ORDER BY shipped_at LIMIT ?`,
);

export const SET_PREPAY_RETURNING = statement(
  'mall.set-prepay-returning',
  `UPDATE ${TABLES.orders} SET prepay_id = ?, prepay_expires_at = ? WHERE id = ? AND status = 'pending_payment' RETURNING id`,
);
/** The buyer's openid, for the prepay's payer (never shown to anyone). */
export const USER_OPENID = statement('mall.user-openid', `SELECT openid FROM up_users WHERE id = ?`);
export const ORDER_BY_ID_FOR_UPDATE = statement('mall.order-by-id-for-update', {
  postgres: `SELECT ${ORDER_COLUMNS} FROM ${TABLES.orders} WHERE id = ? FOR UPDATE`,
  sqlite: `SELECT ${ORDER_COLUMNS} FROM ${TABLES.orders} WHERE id = ?`,
});
