import { PLUGIN_ID } from './pluginId';

/** The admin actions the server registers (uids `read` and `test`); module constants for useRBAC. */
export const PERMISSIONS = {
  read: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
  test: [{ action: `plugin::${PLUGIN_ID}.test`, subject: null }],
};
