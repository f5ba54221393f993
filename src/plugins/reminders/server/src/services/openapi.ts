import type { Core } from '@strapi/strapi';
import type { ApiRoute, OpenApiSurface } from '../../../../../utils/openapi';
import { settingsAnswerSchema, subscriptionsAnswerSchema } from '../validation/answers';
import { consentBodySchema, settingsBodySchema } from '../validation/requests';

const TAGS = ['Reminders'];

/** The plugin's routes for the API document (src/openapi assembles it). */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      {
        method: 'get', path: '/reminders/subscriptions', operationId: 'listReminderSubscriptions', tags: TAGS, auth: 'user',
        summary: 'The active reminder templates with the caller’s consent credits, and which need asking again',
        responses: { 200: { description: 'Templates and credits', schema: subscriptionsAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'post', path: '/reminders/subscriptions', operationId: 'recordReminderSubscriptions', tags: TAGS, auth: 'user',
        summary: 'Record what wx.requestSubscribeMessage answered: each accept of a one-time template allows one send',
        description: 'An Idempotency-Key header (or idempotencyKey) makes a retried request add nothing the second time. 400 for an id that is not an active template.',
        request: { body: consentBodySchema },
        responses: { 200: { description: 'Templates and credits', schema: subscriptionsAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'get', path: '/reminders/settings', operationId: 'getReminderSettings', tags: TAGS, auth: 'user',
        summary: 'The caller’s reminder settings: on/off, quiet hours, the streak-at-risk hour',
        responses: { 200: { description: 'Reminder settings', schema: settingsAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'put', path: '/reminders/settings', operationId: 'putReminderSettings', tags: TAGS, auth: 'user',
        summary: 'Change any of the reminder settings (quiet hours: both times or both null)',
        request: { body: settingsBodySchema },
        responses: { 200: { description: 'Reminder settings', schema: settingsAnswerSchema } },
        errors: [400, 401, 403],
      },
    ];
  },
});

export default openapiService;
