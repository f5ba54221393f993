export const PLUGIN_ID = 'leaderboard';
