import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { connectWeChatPay } from './wxpay-wiring';
import { getService } from './utils/get-service';
import { registerOwnShopCondition } from './merchant-access';

/**
 * Wiring: the operators' admin permission and the merchants' own-shop condition (the 运营 Operator and 商家
 * Merchant roles are made by the app, src/bootstrap/admin-roles.ts), WeChat Pay (real or fake), the locked
 * timeout job.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Handle orders: ship, cancel, refunds, export (订单处理)', uid: 'orders', pluginName: 'mall' },
  ]);
  // Catalogue (merchant-access.ts, services/sku-aggregates.ts): shops' admins see their own shop; SKU writes keep prices.
  await registerOwnShopCondition(strapi);
  getService(strapi, 'skuAggregates').subscribe();
  const stop = await connectWeChatPay(strapi);
  if (stop) stoppers.push(stop);
  if (process.env.NODE_ENV !== 'test') {
    const job = getService(strapi, 'timeouts').schedule();
    stoppers.push(() => job.stop());
  }
};
