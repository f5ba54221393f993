import idempotencyRecord from './idempotency-record/schema.json';
import lotteryDraw from './lottery-draw/schema.json';
import redeemBatch from './redeem-batch/schema.json';
import redeemCode from './redeem-code/schema.json';
import redemption from './redemption/schema.json';
import pointsEntry from './points-entry/schema.json';
import pointsGrant from './points-grant/schema.json';
import settings from './settings/schema.json';

export default {
  'points-entry': { schema: pointsEntry },
  'points-grant': { schema: pointsGrant },
  settings: { schema: settings },
  'idempotency-record': { schema: idempotencyRecord },
  'lottery-draw': { schema: lotteryDraw },
  'redeem-batch': { schema: redeemBatch },
  'redeem-code': { schema: redeemCode },
  redemption: { schema: redemption },
};

/** Typed names of this plugin's content types and tables (STYLE 9: no bare strings in services). */
export const UIDS = {
  pointsEntry: 'plugin::gamification.points-entry',
  pointsGrant: 'plugin::gamification.points-grant',
  settings: 'plugin::gamification.settings',
  idempotencyRecord: 'plugin::gamification.idempotency-record',
  lotteryDraw: 'plugin::gamification.lottery-draw',
  redeemBatch: 'plugin::gamification.redeem-batch',
} as const;

/**
 * Public content types whose tables this plugin writes with hand-written SQL (TABLES.prizes: the draw takes
 * stock). Each such write calls `invalidatePublic(strapi, uid)` after its commit, or the public cache
 * keeps showing the old rows (CONTRIBUTING.md, "Public cache").
 */
export const PUBLIC_UIDS = { prizes: 'api::prize.prize' } as const;

export const TABLES = {
  ledger: pointsEntry.collectionName,
  idempotency: idempotencyRecord.collectionName,
  draws: lotteryDraw.collectionName,
  prizes: 'prizes',
  redeemCodes: redeemCode.collectionName,
  redemptions: redemption.collectionName,
  checkIns: 'check_ins',
  habits: 'habits',
  users: 'up_users',
} as const;
