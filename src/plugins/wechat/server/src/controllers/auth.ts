import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import type { WeChatConfig } from '../config';
import { getService } from '../utils/get-service';
import { loginBodySchema, phoneBodySchema, refreshBodySchema } from '../validation/auth';
import type { UserRow } from '../services/profile';
import type { LoginResult } from '../services/accounts';

const REFUSED_CODE = new Set([40029, 40163]);
const isRefusedCode = (error: unknown) => {
  const errcode = (error as { details?: { errcode?: unknown } } | null)?.details?.errcode;
  return typeof errcode === 'number' && REFUSED_CODE.has(errcode);
};

/** Sign-in, token refresh, logout and phone binding. Validate, call one service, answer. */
const authController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async login(ctx: Context) {
    const { avatarHosts } = strapi.config.get('plugin::wechat') as WeChatConfig;
    const input = parseOrThrow(loginBodySchema(avatarHosts), ctx.request.body, 'login request');
    let outcome: LoginResult;
    try {
      outcome = await getService(strapi, 'accounts').login(input);
    } catch (error) {
      // A code WeChat refused (invalid, expired, used): counted against the address it came from.
      if (isRefusedCode(error)) await getService(strapi, 'rateLimits').consume('login-failed-ip', ctx.request.ip);
      throw error;
    }
    const { ignored, ...result } = outcome;
    ctx.body = { data: result, meta: ignored ? { ignored } : {} };
  },

  async refresh(ctx: Context) {
    const { refreshToken } = parseOrThrow(refreshBodySchema, ctx.request.body, 'refresh request');
    ctx.body = { data: await getService(strapi, 'accounts').refresh(refreshToken), meta: {} };
  },

  async logout(ctx: Context) {
    const { refreshToken } = parseOrThrow(refreshBodySchema, ctx.request.body, 'logout request');
    await getService(strapi, 'accounts').logout(refreshToken);
    ctx.body = { data: { ok: true }, meta: {} };
  },

  async phone(ctx: Context) {
    const { code } = parseOrThrow(phoneBodySchema, ctx.request.body, 'phone request');
    const user = ctx.state.user as UserRow;
    ctx.body = { data: await getService(strapi, 'accounts').bindPhone(user.id, code), meta: {} };
  },
});

export default authController;
