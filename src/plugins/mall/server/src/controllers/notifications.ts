import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { NotificationRefused } from '../services/pay-port';

/**
 * WeChat Pay's notifications. The signature covers the raw bytes, so the unparsed body is what is verified
 * (config/middlewares.ts keeps it). WeChat expects 200/204 on success and retries anything else for a day,
 * with `{ code: 'FAIL', message }` saying why.
 */
const UNPARSED = Symbol.for('unparsedBody');

const rawBodyOf = (ctx: Context): string => {
  const body = ctx.request.body as Record<symbol, unknown> | undefined;
  const raw = body?.[UNPARSED];
  return typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
};

const notificationsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const receive = async (ctx: Context) => {
    try {
      await getService(strapi, 'payments').onNotification(ctx.request.headers, rawBodyOf(ctx));
      ctx.status = 204;
    } catch (error) {
      if (error instanceof NotificationRefused) {
        strapi.log.warn(`[mall] ${error.message}`);
        ctx.status = error.status;
        ctx.body = { code: 'FAIL', message: error.reason };
        return;
      }
      // Our side failed (database down ...): WeChat retries later.
      strapi.log.error(`[mall] WeChat Pay notification not processed: ${error instanceof Error ? error.message : String(error)}`);
      ctx.status = 503;
      ctx.body = { code: 'FAIL', message: 'temporarily unavailable' };
    }
  };
  return { payment: receive, refund: receive };
};

export default notificationsController;
