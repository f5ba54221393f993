import { SECTIONS, type Section } from '../../sections';

/**
 * The home page's numbers (admin JWT), under /dashboard: one route per widget, each behind the permission of
 * its section (sections.ts), so an admin without it gets 403 and the widget is not shown to them.
 */
const allowed = (section: Section) => {
  const { action, subject } = SECTIONS[section];
  return {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [subject ? [action, subject] : action] } }],
  };
};

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/activity', handler: 'dashboard.activity', config: allowed('activity') },
    { method: 'GET', path: '/points', handler: 'dashboard.points', config: allowed('points') },
    { method: 'GET', path: '/lottery-stock', handler: 'dashboard.lotteryStock', config: allowed('lotteryStock') },
    { method: 'GET', path: '/moderation', handler: 'dashboard.moderation', config: allowed('moderation') },
    { method: 'GET', path: '/orders', handler: 'dashboard.orders', config: allowed('orders') },
    { method: 'GET', path: '/reminders', handler: 'dashboard.reminders', config: allowed('reminders') },
  ],
};
