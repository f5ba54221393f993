import type { Core } from '@strapi/strapi';
import type { PluginServices as WeChatServices } from '../../../../wechat/server/src';
import { forbiddenError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';

/**
 * What every community write passes first: the writer is not muted, and WeChat's msgSecCheck v2 (scene 3
 * for posts, 2 for comments, with the author's openid) does not find the text risky.
 *
 * - `pass`: publish at once;
 * - `review`: WeChat wants a person to look: the item waits in the moderators' queue;
 * - `risky`: refused, 400 内容含有违规信息, nothing stored;
 * - WeChat unreachable (or the user has no openid): `unavailable`, the item waits in the queue. It is never
 *   lost and never published unchecked.
 */
export type TextVerdict = 'pass' | 'review' | 'unavailable';
export const RISKY_MESSAGE = '内容含有违规信息';

const gateService = ({ strapi }: { strapi: Core.Strapi }) => {
  const wechatApi = () => (strapi.plugin('wechat').service('wechatApi') as WeChatServices['wechatApi']);

  const openidOf = async (userId: number): Promise<string | null> => {
    const row = await strapi.db.connection(TABLES.users).where({ id: userId }).first('openid');
    return (row?.openid as string | null | undefined) ?? null;
  };

  return {
    /** The end of the mute in force for `userId`, or null. */
    async mutedUntil(userId: number, now = new Date()): Promise<Date | null> {
      const mute = await strapi.db.query(UIDS.mute).findOne({
        where: { user: { id: userId }, until: { $gt: now.toISOString() }, liftedAt: { $null: true } },
        orderBy: { until: 'desc' },
        select: ['until'],
      });
      return mute ? new Date(mute.until as string) : null;
    },

    /** 403 `{ reason: 'muted', until }` while a moderator's mute is in force. */
    async assertNotMuted(userId: number): Promise<void> {
      const until = await this.mutedUntil(userId);
      if (until) throw forbiddenError(`你已被禁言至 ${until.toISOString()}`, { reason: 'muted', until: until.toISOString() });
    },

    /** Check each text field with WeChat; throws 400 when one is risky. */
    async checkText(userId: number, scene: 2 | 3, fields: { title?: string; content: string }): Promise<TextVerdict> {
      const openid = await openidOf(userId);
      if (!openid) return 'unavailable';
      const entries = Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0);
      let results;
      try {
        results = await Promise.all(entries.map(async ([field, content]) => ({ field, ...(await wechatApi().checkText({ content, openid, scene })) })));
      } catch (error) {
        strapi.log.warn(`[community] msgSecCheck unavailable, the item waits for a moderator: ${error instanceof Error ? error.message : String(error)}`);
        return 'unavailable';
      }
      const risky = results.find((result) => result.suggest === 'risky');
      if (risky) throw new ValidationError(RISKY_MESSAGE, { reason: 'content_risky', field: risky.field, label: risky.label });
      return results.some((result) => result.suggest === 'review') ? 'review' : 'pass';
    },
  };
};

export type GateService = ReturnType<typeof gateService>;
export default gateService;
