export const PLUGIN_ID = 'gamification';
