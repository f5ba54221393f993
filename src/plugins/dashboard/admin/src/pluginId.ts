export const PLUGIN_ID = 'dashboard';
