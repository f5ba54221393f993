import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/utils/required-secret';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  // API-only instances (and the benchmark) can skip serving the admin bundle.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  auth: {
    secret: requiredSecret('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: requiredSecret('API_TOKEN_SALT'),
  },
  transfer: {
    token: { salt: requiredSecret('TRANSFER_TOKEN_SALT') },
  },
  secrets: {
    encryptionKey: requiredSecret('ENCRYPTION_KEY'),
  },
  // Strapi's own budget of admin sign-ins (and password resets) per e-mail and address: 5 in 5 minutes.
  rateLimit: {
    enabled: true,
    interval: env.int('ADMIN_LOGIN_WINDOW_MINUTES', 5) * 60_000, // koa2-ratelimit: a number is milliseconds
    max: env.int('ADMIN_LOGIN_MAX', 5),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
