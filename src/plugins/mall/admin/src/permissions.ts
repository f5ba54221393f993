export const PLUGIN_ID = 'mall';
/** The operators' permission (the server's /mall/admin routes ask for the same). A module constant: useRBAC re-checks on a new array. */
export const ORDERS = [{ action: 'plugin::mall.orders', subject: null }];
