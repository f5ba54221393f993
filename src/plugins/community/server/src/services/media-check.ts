import type { Core } from '@strapi/strapi';
import type { PluginServices as WeChatServices } from '../../../../wechat/server/src';
import { serviceUnavailableError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { getService } from '../utils/get-service';

/**
 * WeChat's asynchronous image check (mediaCheckAsync v2, scene 3) of each image of a new post. A post
 * with images is published at once (its text passed); each image is sent to WeChat, which answers a trace
 * id and later pushes the verdict (the wechat plugin's push endpoint emits `wechat.media-check`). A risky
 * image hides the post (hiddenReason media) with a decision by `wechat`, and the author is told. An image
 * WeChat could not take, or judged `review`, puts the post in the moderators' queue; so does a verdict that
 * has not come within mediaCheckTimeoutMinutes.
 */
type Row = Record<string, unknown>;

/** What the posts service emits after creating a post with images. */
export type PostCreatedEvent = { postId: number; documentId: string; userId: number; imageFileIds: number[] };
export type MediaVerdict = { traceId: string; suggest: 'pass' | 'review' | 'risky'; label: number };

export const POST_CREATED_EVENT = 'community.post.created';
export const MEDIA_CHECK_EVENT = 'wechat.media-check';

const mediaCheckService = ({ strapi }: { strapi: Core.Strapi }) => {
  const wechatApi = () => strapi.plugin('wechat').service('wechatApi') as WeChatServices['wechatApi'];

  /** WeChat fetches the image itself: it needs an absolute URL (PUBLIC_URL in production). */
  const absoluteUrl = (url: string): string => {
    if (/^https?:\/\//.test(url)) return url;
    const base = (strapi.config.get('server.url') as string | undefined) || `http://127.0.0.1:${String(strapi.config.get('server.port', 1337))}`;
    return new URL(url, base.endsWith('/') ? base : `${base}/`).toString();
  };

  /** The post's mediaCheck from its images' verdicts: risky if one is, review if one is (or failed), pending while one is. */
  const summarize = (verdicts: string[]): 'pass' | 'review' | 'pending' | 'risky' => {
    if (verdicts.includes('risky')) return 'risky';
    if (verdicts.includes('pending')) return verdicts.some((v) => v === 'review' || v === 'failed') ? 'review' : 'pending';
    if (verdicts.some((v) => v === 'review' || v === 'failed')) return 'review';
    return 'pass';
  };

  const refreshPost = async (postId: number) => {
    const rows = (await strapi.db.query(UIDS.mediaCheck).findMany({ where: { post: { id: postId } }, select: ['verdict'] })) as Row[];
    const mediaCheck = summarize(rows.map((row) => String(row.verdict)));
    await strapi.db.query(UIDS.post).update({ where: { id: postId }, data: { mediaCheck } });
    return mediaCheck;
  };

  return {
    /** Send each image of a new post to WeChat; never throws (the post is already stored). */
    async submit(event: PostCreatedEvent): Promise<void> {
      const fileIds = [...new Set(event.imageFileIds.map(Number).filter((id) => Number.isInteger(id) && id > 0))];
      if (fileIds.length === 0) return;
      const [files, user] = await Promise.all([
        strapi.db.connection(TABLES.files).whereIn('id', fileIds).select('id', 'url') as Promise<Array<{ id: number; url: string }>>,
        strapi.db.connection(TABLES.users).where({ id: event.userId }).first('openid') as Promise<{ openid?: string | null } | undefined>,
      ]);
      const openid = user?.openid ?? null;
      for (const file of files) {
        // The row exists before WeChat is asked, so a verdict pushed back at once finds its post.
        const check = (await strapi.db.query(UIDS.mediaCheck).create({ data: { post: event.postId, fileId: file.id, traceId: null, verdict: 'pending' } })) as Row;
        let traceId: string | null = null;
        if (openid) {
          try {
            traceId = (await wechatApi().checkMediaAsync({ mediaUrl: absoluteUrl(file.url), mediaType: 2, scene: 3, openid })).traceId;
          } catch (error) {
            strapi.log.warn(`[community] mediaCheckAsync failed for post ${event.postId}, the post goes to the moderators: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        await strapi.db.query(UIDS.mediaCheck).update({ where: { id: check.id }, data: traceId ? { traceId } : { verdict: 'failed' } });
      }
      await refreshPost(event.postId);
    },

    /** A verdict WeChat pushed. Unknown or already judged trace ids change nothing (WeChat retries pushes). */
    async judge(verdict: MediaVerdict): Promise<'applied' | 'unknown' | 'repeated'> {
      const check = (await strapi.db.query(UIDS.mediaCheck).findOne({ where: { traceId: verdict.traceId }, populate: { post: { select: ['id'] } } })) as Row | null;
      if (!check) {
        // A verdict can outrun the line that stores its trace id: while a submission is in flight, ask
        // WeChat to push it again (it retries a push that is not answered `success`).
        const inFlight = await strapi.db.query(UIDS.mediaCheck).count({ where: { traceId: { $null: true }, verdict: 'pending' } });
        if (inFlight > 0) throw serviceUnavailableError('That media check is not recorded yet; push it again', { reason: 'unknown_trace_id' });
        return 'unknown';
      }
      if (check.verdict !== 'pending') return 'repeated';
      const { count } = (await strapi.db.query(UIDS.mediaCheck).updateMany({
        where: { id: check.id, verdict: 'pending' },
        data: { verdict: verdict.suggest, label: verdict.label, judgedAt: new Date() },
      })) as { count: number };
      if (count === 0) return 'repeated';
      const postId = Number((check.post as Row | null)?.id ?? 0);
      if (!postId) return 'applied';
      const mediaCheck = await refreshPost(postId);
      if (mediaCheck === 'risky' && verdict.suggest === 'risky') {
        await getService(strapi, 'moderation').hideAutomatically('post', postId, {
          hiddenReason: 'media',
          source: 'wechat',
          note: `WeChat mediaCheckAsync: risky image (label ${verdict.label}, trace ${verdict.traceId})`,
          message: '你的帖子因图片违规已被隐藏',
        });
      }
      return 'applied';
    },
  };
};

export type MediaCheckService = ReturnType<typeof mediaCheckService>;
export default mediaCheckService;
