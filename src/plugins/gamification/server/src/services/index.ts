import checkIns from './check-ins';
import clock from './clock';
import diaries from './diaries';
import idempotency from './idempotency';
import ledger from './ledger';
import lottery from './lottery';
import memberships from './memberships';
import openapi from './openapi';
import overview from './overview';
import redeemCodes from './redeem-codes';
import settings from './settings';
import sql from './sql';
import stats from './stats';
import tasks from './tasks';

const services = { checkIns, clock, diaries, idempotency, ledger, lottery, memberships, openapi, overview, redeemCodes, settings, sql, stats, tasks };

export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
