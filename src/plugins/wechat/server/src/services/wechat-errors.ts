import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { conflictError, forbiddenError, serviceUnavailableError, ValidationError } from '../../../../../utils/errors';
import { WeChatApiError, WeChatUnavailableError } from './wechat-api';

/**
 * What a mini-program developer sees when WeChat says no. Codes that mean *our* credentials or setup
 * are wrong are logged for operators and shown to clients as a 503, never with the secret.
 */
const MISCONFIGURED = new Set([40002, 40013, 40125, 41002, 41004, 40164]);

export type CodeKind = 'login' | 'phone';

export const toHttpError = (strapi: Core.Strapi, error: unknown, kind: CodeKind): Error => {
  if (error instanceof WeChatUnavailableError) {
    strapi.log.warn(`[wechat] ${error.message}`);
    return serviceUnavailableError('WeChat is unavailable right now; retry in a few seconds', { reason: 'wechat_unavailable' });
  }
  if (!(error instanceof WeChatApiError)) return error instanceof Error ? error : new Error(String(error));
  const details = { errcode: error.errcode };
  const again = kind === 'login' ? 'call wx.login again and send the new code' : 'ask the user to tap the phone button again';
  switch (error.errcode) {
    case 40029:
      return new ValidationError(`The ${kind} code is invalid or expired: ${again}`, details);
    case 40163:
      return conflictError(`This ${kind} code was already used: ${again}`, details);
    case 45011:
      return new errors.RateLimitError('WeChat is limiting requests from this app: retry in a minute', { ...details, retryAfterSeconds: 60 });
    case 40226:
      return forbiddenError('WeChat flagged this account as high risk; it cannot sign in', details);
    case -1:
      strapi.log.warn(`[wechat] ${error.endpoint} busy twice in a row`);
      return serviceUnavailableError('WeChat is busy; retry in a few seconds', details);
    default:
      if (MISCONFIGURED.has(error.errcode)) {
        strapi.log.error(`[wechat] WeChat rejected this server's app credentials or request (${error.endpoint} errcode ${error.errcode}); check WECHAT_APP_ID / WECHAT_APP_SECRET`);
        return serviceUnavailableError('WeChat sign-in is misconfigured on the server; the operators have been told', details);
      }
      strapi.log.warn(`[wechat] ${error.endpoint} refused with errcode ${error.errcode}`);
      return serviceUnavailableError(`WeChat refused the request (errcode ${error.errcode}); retry later`, details);
  }
};
