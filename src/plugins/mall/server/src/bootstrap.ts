import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { connectWeChatPay } from './wxpay-wiring';
import { getService } from './utils/get-service';
import { keepMerchantRole, registerOwnShopCondition } from './merchant-access';
import { keepOperatorRoles } from './operator-roles';

/** Wiring: the operators' admin permission and roles, WeChat Pay (real or fake), the locked timeout job. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Handle orders: ship, cancel, refunds, export (订单处理)', uid: 'orders', pluginName: 'mall' },
  ]);
  // Catalogue (merchant-access.ts, services/sku-aggregates.ts): shops' admins see their own shop; SKU writes keep prices.
  await registerOwnShopCondition(strapi);
  await keepMerchantRole(strapi);
  // 运营 Operator, and `plugin::mall.orders` for 商家 Merchant if it lacks it (operator-roles.ts); after the
  // catalogue's role, which it only ever adds to.
  await keepOperatorRoles(strapi);
  getService(strapi, 'skuAggregates').subscribe();
  const stop = await connectWeChatPay(strapi);
  if (stop) stoppers.push(stop);
  if (process.env.NODE_ENV !== 'test') {
    const job = getService(strapi, 'timeouts').schedule();
    stoppers.push(() => job.stop());
  }
};
