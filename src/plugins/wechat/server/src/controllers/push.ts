import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

/** WeChat's message push (public: the signature in the query is the authentication). */
const pushController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(ctx: Context) {
    const echostr = getService(strapi, 'push').handshake(ctx.query);
    ctx.type = 'text/plain';
    ctx.body = echostr;
  },

  async receive(ctx: Context) {
    await getService(strapi, 'push').receive(ctx.query, ctx.request.body);
    // What WeChat expects back; anything else makes it retry.
    ctx.type = 'text/plain';
    ctx.body = 'success';
  },
});

export default pushController;
