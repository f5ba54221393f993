/**
 * The leaderboard plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 * Services are reached through `strapi.plugin('leaderboard').service(name)`; another plugin that keeps
 * boards of its own (the challenges) builds them on the same stores and the same score encoding.
 */
export type { PluginServices as LeaderboardServices } from './server/src/services';
export { createRedisBoardStore, createSqlBoardStore, ensureTables as ensureBoardTables, type BoardScore, type BoardStore, type Ranked } from './server/src/services/store';
export { encodeScore, decodeScore, MAX_SCORE } from './server/src/domain/boards';
