import { PLUGIN_ID } from './pluginId';

/** The one admin action the server registers (uid `moderate`). A module constant: useRBAC re-checks on a new array. */
export const PERMISSIONS = {
  moderate: [{ action: `plugin::${PLUGIN_ID}.moderate`, subject: null }],
};
