import type { Core } from '@strapi/strapi';
import { TABLES } from '../content-types';

/**
 * WeChat's msgSecCheck (v2, scene 2) of a text the coach reads or writes, with the user's openid: `true` when
 * WeChat finds it risky. No openid, or WeChat unreachable: not risky (the coach has no moderator to wait for;
 * the miss is logged), unlike community posts, which wait in the moderation queue.
 */
const textCheckService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async isRisky(userId: number | null, content: string): Promise<boolean> {
    if (!userId) return false;
    const row = await strapi.db.connection(TABLES.users).where({ id: userId }).first('openid');
    const openid = (row?.openid as string | null | undefined) ?? null;
    if (!openid) return false;
    try {
      const wechatApi = strapi.plugin('wechat').service('wechatApi') as { checkText(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: string }> };
      return (await wechatApi.checkText({ content: content.slice(0, 2500), openid, scene: 2 })).suggest === 'risky';
    } catch (error) {
      strapi.log.warn(`[ai-coach] msgSecCheck unavailable, the text is let through: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  },
});

export type TextCheckService = ReturnType<typeof textCheckService>;
export default textCheckService;
