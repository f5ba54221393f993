import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/utils/required-secret';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: { koa: env.bool('TRUST_PROXY', false) },
  app: {
    keys: requiredSecret('APP_KEYS').split(',').map((key) => key.trim()),
  },
  webhooks: { populateRelations: false },
});
