import openapi from './openapi';
import orderView from './order-view';
import orders from './orders';
import payments from './payments';
import refunds from './refunds';
import timeouts from './timeouts';
// catalogue (helper): catalogue, listings, sku aggregates are registered below.
import catalogue from './catalogue';
import listings from './listings';
import skuAggregates from './sku-aggregates';
import limits from './limits';
import operators from './operators';

const services = { openapi, orders, orderView, payments, refunds, timeouts, limits, operators, catalogue, listings, skuAggregates };

export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
