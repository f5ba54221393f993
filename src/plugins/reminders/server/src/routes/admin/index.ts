/**
 * The admin page's API (admin JWT), under /reminders. Editors need "Read reminder stats" for the page and
 * "Send test reminders" for the binding and the test button (Settings → Roles → Plugins → Reminders).
 * The send log itself is the content type 发送记录 in the Content Manager (filters by status, template, user).
 */
export const READ_ACTION = 'plugin::reminders.read';
export const TEST_ACTION = 'plugin::reminders.test';

const allowed = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/stats', handler: 'admin.stats', config: allowed(READ_ACTION) },
    { method: 'GET', path: '/binding', handler: 'admin.getBinding', config: allowed(READ_ACTION) },
    { method: 'PUT', path: '/binding', handler: 'admin.putBinding', config: allowed(TEST_ACTION) },
    { method: 'POST', path: '/test-send', handler: 'admin.testSend', config: allowed(TEST_ACTION) },
  ],
};
