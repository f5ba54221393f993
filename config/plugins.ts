import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/utils/required-secret';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret('JWT_SECRET'),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '2h') },
      // Mini-program users sign in through WeChat; e-mail registration stays off for the content API.
      register: { allowedFields: [] },
    },
  },
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.0',
      info: {
        version: '0.1.0',
        title: 'Habit platform API',
        description: 'REST API consumed by the WeChat mini-program (habits, check-ins, diaries, tasks, lottery, mall).',
      },
      'x-strapi-config': { plugins: ['users-permissions'] },
      servers: [{ url: `${env('PUBLIC_URL', 'http://localhost:1337')}/api`, description: 'This server' }],
    },
  },
});
