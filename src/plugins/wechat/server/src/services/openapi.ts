import type { Core } from '@strapi/strapi';
import { z, type ApiRoute, type OpenApiSurface } from '../../../../../utils/openapi';
import type { WeChatConfig } from '../config';
import { AVATAR_MAX_BYTES, loginBodySchema, phoneBodySchema, profileUpdateSchema, refreshBodySchema } from '../validation/auth';
import {
  deletionAnswerSchema,
  exportAnswerSchema,
  loginAnswerSchema,
  logoutAnswerSchema,
  profileAnswerSchema,
  tokenPairAnswerSchema,
} from '../validation/answers';

/**
 * POST /me/avatar's form as the document describes it; the controller parses koa-body's file object with
 * validation/auth.ts avatarUploadSchema (its limits, AVATAR_MAX_BYTES and AVATAR_TYPES, are the ones here).
 */
/** The signature WeChat puts in the query of every push (and of the URL check). */
const pushQuerySchema = z.object({
  signature: z.string().openapi({ description: 'sha1 of [WECHAT_PUSH_TOKEN, timestamp, nonce] sorted and joined, hex' }),
  timestamp: z.string(),
  nonce: z.string(),
});

/** The media check verdict as WeChat pushes it in JSON mode. */
const pushMediaCheckEventSchema = z
  .object({
    ToUserName: z.string(),
    FromUserName: z.string(),
    CreateTime: z.number().int(),
    MsgType: z.literal('event'),
    Event: z.literal('wxa_media_check'),
    appid: z.string(),
    trace_id: z.string().openapi({ description: 'The trace id mediaCheckAsync answered' }),
    version: z.literal(2),
    errcode: z.number().int(),
    errmsg: z.string().optional(),
    result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number().int() }),
    detail: z.array(z.record(z.unknown())).optional(),
  })
  .openapi('WeChatMediaCheckEvent');

const avatarFormSchema = z.object({
  file: z.string().openapi({ type: 'string', format: 'binary', description: `A JPEG, PNG or WebP image of at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB` }),
});

/**
 * The plugin's routes for the API document (src/openapi assembles it): the request schemas its
 * controllers parse with, built the same way (the avatar hosts come from the plugin's config), and the
 * answer schemas of validation/answers.ts. A route added to routes/content-api without an entry here
 * fails tests/e2e/openapi.test.ts.
 */
const openapiService = ({ strapi }: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    const { avatarHosts } = strapi.config.get('plugin::wechat') as WeChatConfig;
    const tags = ['WeChat sign-in'];
    const account = ['Account'];
    return [
      {
        method: 'post',
        path: '/wechat/login',
        operationId: 'wechatLogin',
        summary: 'Sign in with a wx.login code (creates the account on first sign-in)',
        description:
          'Send the code from `wx.login` (and optionally the nickname / avatar the user chose). A nickname WeChat’s content check rejects is left out and listed in `meta.ignored`. Rate limited per IP and per code.',
        tags,
        auth: 'public',
        request: { body: loginBodySchema(avatarHosts) },
        responses: { 200: { description: 'Signed in: an access token, a refresh token and the profile', schema: loginAnswerSchema } },
        errors: [400, 403, 409, 429, 503],
      },
      {
        method: 'post',
        path: '/wechat/phone',
        operationId: 'wechatPhone',
        summary: 'Bind the phone number from a getPhoneNumber code',
        tags: account,
        auth: 'user',
        request: { body: phoneBodySchema },
        responses: { 200: { description: 'The profile with the masked phone number', schema: profileAnswerSchema } },
        errors: [400, 401, 403, 409, 429, 503],
      },
      {
        method: 'post',
        path: '/auth/refresh',
        operationId: 'authRefresh',
        summary: 'Trade a refresh token for a new access token and refresh token',
        description:
          'Each refresh token works once. A retry of a just-rotated token (its answer was lost) within 30 s, while the new pair is unused, gets the same new pair again; reusing a spent one otherwise revokes its whole family (sign in again with wx.login). A 401 says why in `error.details.reason`: invalid, expired, revoked, reused or account_deleted. Rate limited per IP and per user.',
        tags,
        auth: 'public',
        request: { body: refreshBodySchema },
        responses: { 200: { description: 'A new token pair', schema: tokenPairAnswerSchema } },
        errors: [400, 401, 403, 429],
      },
      {
        method: 'post',
        path: '/auth/logout',
        operationId: 'authLogout',
        summary: 'Revoke a refresh token (and its family)',
        tags,
        auth: 'public',
        request: { body: refreshBodySchema },
        responses: { 200: { description: 'Revoked (also when it already was)', schema: logoutAnswerSchema } },
        errors: [400, 429],
      },
      {
        method: 'get',
        path: '/me',
        operationId: 'getMe',
        summary: 'The signed-in user’s profile',
        tags: account,
        auth: 'user',
        responses: { 200: { description: 'The profile', schema: profileAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'put',
        path: '/me',
        operationId: 'updateMe',
        summary: 'Change profile fields (only those sent)',
        tags: account,
        auth: 'user',
        request: { body: profileUpdateSchema(avatarHosts) },
        responses: { 200: { description: 'The changed profile', schema: profileAnswerSchema } },
        errors: [400, 401, 403, 503],
      },
      {
        method: 'post',
        path: '/me/avatar',
        operationId: 'uploadMyAvatar',
        summary: 'Upload the user’s avatar image (multipart, field "file"); it becomes the profile’s avatar URL',
        description:
          'A JPEG, PNG or WebP image (recognised by its bytes) of at most 2 MB, sent with wx.uploadFile({ name: "file" }). Stored by the upload plugin, one per user (the previous one is deleted). 10 uploads a minute per user.',
        tags: account,
        auth: 'user',
        request: { form: avatarFormSchema },
        responses: { 200: { description: 'The profile with its new avatar URL', schema: profileAnswerSchema } },
        errors: [400, 401, 403, 429],
      },
      {
        method: 'delete',
        path: '/me',
        operationId: 'deleteMe',
        summary: 'Delete the account (restorable by signing in within the grace period)',
        tags: account,
        auth: 'user',
        responses: { 200: { description: 'Deleted: every token stops working now', schema: deletionAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'get',
        path: '/me/export',
        operationId: 'exportMe',
        summary: 'Everything the user owns, as one JSON download',
        tags: account,
        auth: 'user',
        responses: { 200: { description: 'The export (Content-Disposition: attachment)', schema: exportAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'get',
        path: '/wechat/push',
        operationId: 'wechatPushVerify',
        summary: 'WeChat’s message-push URL check (for WeChat, not the mini-program): echoes `echostr` when the signature is right',
        description:
          'Called by WeChat when the push URL is saved in the console (开发管理 → 消息推送). `signature` is the sha1 of WECHAT_PUSH_TOKEN, ' +
          '`timestamp` and `nonce` sorted and joined; a wrong one is 403, and 503 while WECHAT_PUSH_TOKEN is unset.',
        tags: ['WeChat push'],
        auth: 'public',
        request: { query: pushQuerySchema.extend({ echostr: z.string() }) },
        responses: { 200: { description: 'The echostr, as plain text', schema: z.string(), contentType: 'text/plain' } },
        errors: [400, 403, 503],
      },
      {
        method: 'post',
        path: '/wechat/push',
        operationId: 'wechatPushReceive',
        summary: 'WeChat’s message push (for WeChat, not the mini-program): media check verdicts (`wxa_media_check`)',
        description:
          'Signed like the URL check (`signature`, `timestamp`, `nonce` in the query; a wrong one is 403 and changes nothing). ' +
          'The body is JSON or XML (plain-text mode; secure mode is not supported). A `wxa_media_check` verdict is handed to the ' +
          'platform (`wechat.media-check` on the event hub: the community hides a post whose image is risky); other events are acknowledged.',
        tags: ['WeChat push'],
        auth: 'public',
        request: { query: pushQuerySchema, body: pushMediaCheckEventSchema },
        responses: { 200: { description: '`success`, as plain text (what WeChat expects)', schema: z.literal('success'), contentType: 'text/plain' } },
        errors: [400, 403, 503],
      },
    ];
  },
});

export type OpenapiService = ReturnType<typeof openapiService>;
export default openapiService;
