/**
 * The permission each widget needs, as the server's routes ask for it (server/src/sections.ts): a widget an
 * admin may not see is not on their home page at all. Module constants: the home page checks them once.
 */
export const PERMISSIONS = {
  activity: [{ action: 'plugin::dashboard.activity', subject: null }],
  lotteryStock: [{ action: 'plugin::content-manager.explorer.update', subject: 'api::prize.prize' }],
  moderation: [{ action: 'plugin::community.moderate', subject: null }],
  orders: [{ action: 'plugin::mall.orders', subject: null }],
  reminders: [{ action: 'plugin::reminders.read', subject: null }],
};
