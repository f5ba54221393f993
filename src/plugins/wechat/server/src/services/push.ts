import type { Core } from '@strapi/strapi';
import { forbiddenError, serviceUnavailableError, ValidationError } from '../../../../../utils/errors';
import type { WeChatConfig } from '../config';
import { mediaCheckEventSchema, parsePushXml, signatureIsValid, type MediaCheckVerdict } from './push-message';

/** Emitted on strapi.eventHub for each media check verdict WeChat pushes: `{ traceId, suggest, label, appid }`. */
export const MEDIA_CHECK_EVENT = 'wechat.media-check';

type PushQuery = { signature?: unknown; timestamp?: unknown; nonce?: unknown; echostr?: unknown };

/**
 * The message-push endpoint's logic: nothing is believed unless WeChat signed it with WECHAT_PUSH_TOKEN.
 * Events other than the media check verdict are acknowledged and ignored.
 */
const pushService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;

  const assertSigned = (query: PushQuery) => {
    const { pushToken } = config();
    if (!pushToken) throw serviceUnavailableError('Message push is not configured (WECHAT_PUSH_TOKEN)', { reason: 'push_not_configured' });
    if (!signatureIsValid(pushToken, query)) throw forbiddenError('Bad message-push signature', { reason: 'bad_signature' });
  };

  return {
    /** The console's "verify the URL" handshake: echo `echostr` when the signature is right. */
    handshake(query: PushQuery): string {
      assertSigned(query);
      if (typeof query.echostr !== 'string' || query.echostr.length === 0 || query.echostr.length > 256) {
        throw new ValidationError('echostr is missing', { reason: 'echostr_missing' });
      }
      return query.echostr;
    },

    /** One pushed message (JSON or XML). Returns the verdict it carried, if it was a media check. */
    async receive(query: PushQuery, body: unknown): Promise<MediaCheckVerdict | null> {
      assertSigned(query);
      const message = typeof body === 'string' ? parsePushXml(body) : body;
      if (typeof message !== 'object' || message === null || Array.isArray(message) || Object.keys(message).length === 0) {
        throw new ValidationError('The pushed message is neither JSON nor XML', { reason: 'unreadable_message' });
      }
      if ((message as { Event?: unknown }).Event !== 'wxa_media_check') return null;
      const parsed = mediaCheckEventSchema.safeParse(message);
      if (!parsed.success) throw new ValidationError('A wxa_media_check event without trace_id or result', { reason: 'bad_media_check_event' });
      const { appId } = config();
      if (parsed.data.appid && appId && parsed.data.appid !== appId) {
        strapi.log.warn(`[wechat] a media check verdict for another app (${parsed.data.appid}) was ignored`);
        return null;
      }
      const verdict: MediaCheckVerdict = {
        traceId: parsed.data.trace_id,
        suggest: parsed.data.result.suggest,
        label: parsed.data.result.label,
        appid: parsed.data.appid ?? null,
      };
      // Awaited: the listeners (the community's image check) have applied it before WeChat is told `success`.
      await strapi.eventHub.emit(MEDIA_CHECK_EVENT, verdict);
      return verdict;
    },
  };
};

export type PushService = ReturnType<typeof pushService>;
export default pushService;
