import boards from './boards';
import feed from './feed';
import openapi from './openapi';
import rebuild from './rebuild';
import scores from './scores';

const services = { boards, feed, openapi, rebuild, scores };

export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
