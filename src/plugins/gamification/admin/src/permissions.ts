import { PLUGIN_ID } from './pluginId';

/** The admin action the server registers (server/src/bootstrap.ts); a module constant for useRBAC and the menu. */
export const PERMISSIONS = {
  redeemBatches: [{ action: `plugin::${PLUGIN_ID}.redeem-batches.create`, subject: null }],
};
