import { PLUGIN_ID } from './pluginId';

/**
 * The admin actions the server registers (uids `read` and `rebuild`). Module constants on purpose:
 * `useRBAC` re-checks whenever the array it is given changes identity.
 */
export const PERMISSIONS = {
  read: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
  rebuild: [{ action: `plugin::${PLUGIN_ID}.rebuild`, subject: null }],
};
