/** Pure, framework-free rules of the gamification plugin: no Strapi, no I/O, no clock. */
export * from '../../../../../utils/calendar';
export * from './frequency';
export * from './streaks';
export * from './score';
export * from './ranks';
export * from './rewards';
export * from './quit';
export * from './lottery';
export * from './membership';
export * from './redeem-codes';
export * from './earned';
export * from './summaries';
