import crypto from 'node:crypto';
import { adminWith } from './admin';
import { getStrapi, http } from './strapi';

/**
 * Test data for the admin's home page (STYLE 13): admins holding exactly the permissions given, and the rows
 * the widgets count, written straight to the database as the routes that own them would have left them
 * (orders in a status, reports, reminder sends in a state). Everything is named after the run, so a worker
 * database that outlives a run does not confuse the counts (the tests compare before and after).
 */
export const RUN = crypto.randomBytes(3).toString('hex');
let made = 0;
const next = () => `${RUN}-${(made += 1)}`;

export type Permission = { action: string; subject?: string | null };

const roleIds: number[] = [];

/** A role of its own holding exactly `permissions`, and an admin signed in with it. */
export const adminHolding = async (permissions: Permission[]) => {
  const roles = getStrapi().service('admin::role');
  const role = (await roles.create({ name: `dashboard test ${next()}`, description: 'dashboard test role' })) as { id: number };
  roleIds.push(role.id);
  await roles.assignPermissions(
    role.id,
    permissions.map((permission) => ({ action: permission.action, subject: permission.subject ?? null, properties: {}, conditions: [] })),
  );
  return adminWith(role.id, 'Dash');
};

/** Deletes the roles `adminHolding` made (after `removeAdmins()`: a role with admins cannot go). */
export const removeRoles = async () => {
  await getStrapi().service('admin::role').deleteByIds(roleIds.splice(0));
};

/** GET /dashboard/<widget> as `admin`. */
export const widget = (admin: { auth: { Authorization: string } }, path: string) => http().get(`/dashboard/${path}`).set(admin.auth);

type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'completed' | 'cancelled' | 'refund_requested' | 'refunding' | 'refunded';

/** An order row in `status` (of a shop when `merchantId` is given), as the order routes leave it. */
export const insertOrder = async (status: OrderStatus, fields: { merchantId?: number | null; userId?: number | null } = {}) =>
  getStrapi()
    .db.query('api::order.order')
    .create({
      data: {
        orderNo: `D${Date.now()}${crypto.randomBytes(3).toString('hex')}`,
        status,
        payMethod: 'points',
        totalFen: 0,
        totalPoints: 100,
        itemCount: 1,
        title: `dashboard ${next()}`,
        merchant: fields.merchantId ?? null,
        user: fields.userId ?? null,
      },
    });

/** A shop whose admins are `admins` (a 商家's shop). */
export const insertMerchant = async (admins: number[]) =>
  (await getStrapi().db.query('plugin::mall.merchant').create({ data: { name: `小店 ${next()}`, pickupPoints: ['东区快递站'], active: true, admins } })) as { id: number };

/** A user's report of a post, settled (`resolved`) or not. */
export const insertReport = async (userId: number, postId: number, resolved = false) =>
  getStrapi().db.query('plugin::community.report').create({ data: { user: userId, targetType: 'post', targetId: postId, reason: 'spam', counted: true, resolved } });

/** One row of the reminders' send log, due at `dueAt`, in `state`. */
export const insertSend = async (userId: number, state: 'sent' | 'failed' | 'refused' | 'interrupted' | 'noCredit', dueAt: Date) => {
  const key = next();
  return getStrapi()
    .db.query('plugin::reminders.send')
    .create({
      data: {
        user: userId,
        kind: 'habitReminder',
        reason: `dashboard:${key}`,
        localDate: dueAt.toISOString().slice(0, 10),
        slot: '21:00',
        dedupeKey: `dashboard:${key}`,
        state,
        attempts: 1,
        creditSpent: state === 'sent',
        dueAt,
        test: false,
      },
    });
};

/** A lottery prize as an editor makes it. */
export const insertPrize = async (name: string, stock: number, active = true) =>
  (await getStrapi()
    .documents('api::prize.prize')
    .create({ data: { name: `${name} ${RUN}`, kind: 'physical', weight: 1, stock, active } } as never)) as unknown as { id: number; documentId: string; name: string };
