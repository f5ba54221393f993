import { Bell, Calendar, Gift, Shield, ShoppingCart, TrendUp } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

const widgets = () => import('./widgets');

/**
 * Admin entry of the dashboard plugin: the home page's widgets (Strapi's homepage widget API), each shown
 * only to the admins holding its permission (the home page checks `permissions`; the server's route asks
 * for the same and answers 403 otherwise). Found by the admin bundler through `exports["./strapi-admin"]`
 * of ../../package.json; type-checked by src/admin/tsconfig.json (`npm run typecheck`).
 */
export default {
  register(app: StrapiApp) {
    // First on the page, before Strapi's own widgets (profile, entries, project statistics): the reducer form.
    app.widgets.register((registered) => [
      {
        id: 'activity',
        pluginId: PLUGIN_ID,
        icon: Calendar,
        title: { id: `${PLUGIN_ID}.widget.activity.title`, defaultMessage: '今日打卡 Today’s check-ins' },
        component: async () => (await widgets()).ActivityWidget,
        permissions: PERMISSIONS.activity,
      },
      {
        id: 'points',
        pluginId: PLUGIN_ID,
        icon: TrendUp,
        title: { id: `${PLUGIN_ID}.widget.points.title`, defaultMessage: '本周积分 Points this week' },
        component: async () => (await widgets()).PointsWidget,
        permissions: PERMISSIONS.activity,
      },
      {
        id: 'moderation',
        pluginId: PLUGIN_ID,
        icon: Shield,
        title: { id: `${PLUGIN_ID}.widget.moderation.title`, defaultMessage: '待审核 Waiting for moderation' },
        component: async () => (await widgets()).ModerationWidget,
        permissions: PERMISSIONS.moderation,
        link: { label: { id: `${PLUGIN_ID}.widget.moderation.link`, defaultMessage: '去审核 Open the queue' }, href: '/plugins/community' },
      },
      {
        id: 'orders',
        pluginId: PLUGIN_ID,
        icon: ShoppingCart,
        title: { id: `${PLUGIN_ID}.widget.orders.title`, defaultMessage: '待处理订单 Orders waiting' },
        component: async () => (await widgets()).OrdersWidget,
        permissions: PERMISSIONS.orders,
        link: { label: { id: `${PLUGIN_ID}.widget.orders.link`, defaultMessage: '全部订单 All orders' }, href: '/plugins/mall' },
      },
      {
        id: 'lottery-stock',
        pluginId: PLUGIN_ID,
        icon: Gift,
        title: { id: `${PLUGIN_ID}.widget.lottery-stock.title`, defaultMessage: '奖品库存不足 Prizes running low' },
        component: async () => (await widgets()).LotteryStockWidget,
        permissions: PERMISSIONS.lotteryStock,
        link: { label: { id: `${PLUGIN_ID}.widget.lottery-stock.link`, defaultMessage: '管理奖品 Manage prizes' }, href: '/content-manager/collection-types/api::prize.prize' },
      },
      {
        id: 'reminders',
        pluginId: PLUGIN_ID,
        icon: Bell,
        title: { id: `${PLUGIN_ID}.widget.reminders.title`, defaultMessage: '提醒发送失败 Reminder failures (24 h)' },
        component: async () => (await widgets()).RemindersWidget,
        permissions: PERMISSIONS.reminders,
        link: { label: { id: `${PLUGIN_ID}.widget.reminders.link`, defaultMessage: '查看提醒 Open reminders' }, href: '/plugins/reminders' },
      },
      ...registered,
    ]);
    app.registerPlugin({ id: PLUGIN_ID, name: 'Dashboard' });
  },
};
