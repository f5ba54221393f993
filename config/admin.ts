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
  flags: {
    nps: false,
    promoteEE: false,
  },
});
