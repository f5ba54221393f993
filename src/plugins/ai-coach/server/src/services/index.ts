import llm from './llm';

/** The plugin's services: llm (the provider client). */
const services = {
  llm,
};

export default services;

export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
