import boards from './boards';
import openapi from './openapi';

export default {
  boards,
  openapi,
};

/** Typed service lookup (STYLE 7): `getService(strapi, 'boards')`. */
export type PluginServices = {
  boards: ReturnType<typeof boards>;
  openapi: ReturnType<typeof openapi>;
};
