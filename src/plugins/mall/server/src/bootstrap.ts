import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { connectWeChatPay } from './wxpay-wiring';
import { getService } from './utils/get-service';
import { keepOperatorRoles } from './operator-roles';

/** Wiring: the operators' admin permission and roles, WeChat Pay (real or fake), the locked timeout job. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Handle orders: ship, cancel, refunds, export (订单处理)', uid: 'orders', pluginName: 'mall' },
  ]);
  // 运营 Operator, and `plugin::mall.orders` for 商家 Merchant (operator-roles.ts).
  await keepOperatorRoles(strapi);
  const stop = await connectWeChatPay(strapi);
  if (stop) stoppers.push(stop);
  if (process.env.NODE_ENV !== 'test') {
    const job = getService(strapi, 'timeouts').schedule();
    stoppers.push(() => job.stop());
  }
};
