import fs from 'node:fs/promises';
import type { Core, UID } from '@strapi/strapi';
import { serviceUnavailableError, ValidationError } from '../../../../../utils/errors';
import type { WeChatConfig } from '../config';
import { REFRESH_TOKEN_TABLE, SESSION_TABLE } from '../content-types';
import { getService } from '../utils/get-service';
import { AVATAR_TYPES, type AvatarType, type AvatarUpload, type ProfileUpdate } from '../validation/auth';
import { toHttpError } from './wechat-errors';
import { addDays, localDayFor } from '../../../../../utils/clock';
import { effectiveTier } from '../../../../gamification/public';

const USER_UID = 'plugin::users-permissions.user';
const DAY_MS = 86_400_000;

export type UserRow = {
  id: number;
  documentId: string;
  username: string;
  openid: string | null;
  unionid: string | null;
  nickname: string | null;
  avatar: string | null;
  timezone: string;
  dayStartHour: number;
  province: string | null;
  city: string | null;
  district: string | null;
  showInRanking: boolean;
  membershipTier: 'free' | 'vip' | 'ai';
  membershipExpiresAt: string | Date | null;
  pointsBalance: number;
  makeupCards: number;
  phoneMasked: string | null;
  smokingSettings: unknown;
  totalCheckInDays: number;
  consecutiveDays: number;
  lastCheckInDate: string | null;
  blocked: boolean;
  deletedAt: string | Date | null;
  lastLoginAt: string | Date | null;
  createdAt: string | Date;
};

/** What a user sees of their own account: an explicit allow-list, never the row itself. */
const VIEW_FIELDS = [
  'id',
  'documentId',
  'nickname',
  'avatar',
  'timezone',
  'dayStartHour',
  'province',
  'city',
  'district',
  'showInRanking',
  'membershipTier',
  'membershipExpiresAt',
  'pointsBalance',
  'makeupCards',
  'phoneMasked',
  'smokingSettings',
  'totalCheckInDays',
  'consecutiveDays',
  'lastCheckInDate',
  'lastLoginAt',
  'createdAt',
] as const;
export type ProfileView = Pick<UserRow, (typeof VIEW_FIELDS)[number]>;

/** Orders are kept (anonymised) when an account is purged: they are the mall's accounting records. */
const ANONYMISE_ON_PURGE: ReadonlySet<string> = new Set(['api::order.order']);

/** What the file's first bytes say it is, whatever the client declared: only these three are avatars. */
const sniffImageType = (head: Buffer): AvatarType | null => {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
};
const EXTENSION: Record<AvatarType, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };

type UploadedFile = { id: number; name: string; url: string };

const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

const profileService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;
  const users = () => strapi.db.query(USER_UID);

  /** Content types whose records belong to one user through a `user` foreign key. */
  const ownedContentTypes = () =>
    Object.values(strapi.contentTypes).filter((contentType) => {
      const owner = (contentType.attributes as Record<string, { type: string; target?: string; useJoinTable?: boolean }>).user;
      return owner?.type === 'relation' && owner.target === USER_UID && owner.useJoinTable === false;
    });

  const contentCheck = async (openid: string | null, nickname: string): Promise<'pass' | 'rejected'> => {
    const { appId, appSecret } = config();
    if (!appId || !appSecret || !openid) {
      throw serviceUnavailableError('Nicknames are checked with WeChat, which is not configured on this server', {
        reason: 'wechat_not_configured',
      });
    }
    try {
      const verdict = await getService(strapi, 'wechatApi').checkText({ content: nickname, openid, scene: 1 });
      return verdict.suggest === 'pass' ? 'pass' : 'rejected';
    } catch (error) {
      throw toHttpError(strapi, error, 'login');
    }
  };

  const service = {
    view(user: UserRow): ProfileView {
      const view = Object.fromEntries(VIEW_FIELDS.map((field) => [field, user[field] ?? null])) as ProfileView;
      // The stored run of days is as of the last check-in; a missed yesterday means it has ended.
      const today = localDayFor(user, new Date());
      const last = user.lastCheckInDate ? String(user.lastCheckInDate).slice(0, 10) : null;
      view.consecutiveDays = last === today || last === addDays(today, -1) ? Number(user.consecutiveDays ?? 0) : 0;
      // A membership past its expiry is free from that instant, before the daily job writes it down.
      view.membershipTier = effectiveTier({ tier: user.membershipTier, expiresAt: user.membershipExpiresAt }, new Date());
      return view;
    },

    isPastGrace(deletedAt: string | Date, now = new Date()): boolean {
      return now.getTime() - new Date(deletedAt).getTime() > config().deletionGraceDays * DAY_MS;
    },

    async find(userId: number): Promise<ProfileView> {
      return service.view((await users().findOne({ where: { id: userId } })) as UserRow);
    },

    async update(user: UserRow, input: ProfileUpdate): Promise<ProfileView> {
      if (input.nickname !== undefined && (await contentCheck(user.openid, input.nickname)) === 'rejected') {
        throw new ValidationError('This nickname is not allowed; choose another', { field: 'nickname' });
      }
      await users().update({ where: { id: user.id }, data: input });
      return service.find(user.id);
    },

    /**
     * POST /api/me/avatar: store the image with Strapi's upload plugin (its configured provider: local
     * public/uploads by default) and point the user's avatar at it. The type is read from the bytes, not
     * from what the client declared. The user's previous uploaded avatar is removed, so each user keeps one.
     * `baseUrl` makes a provider's relative URL (/uploads/...) absolute for the mini-program's <image>.
     */
    async setAvatar(user: UserRow, file: AvatarUpload, baseUrl: string): Promise<ProfileView> {
      const handle = await fs.open(file.filepath, 'r');
      const head = Buffer.alloc(12);
      try {
        await handle.read(head, 0, 12, 0);
      } finally {
        await handle.close();
      }
      const type = sniffImageType(head);
      if (!type) {
        throw new ValidationError(`The avatar must be a JPEG, PNG or WebP image (${AVATAR_TYPES.join(', ')})`, { field: 'file', reason: 'unsupported_type' });
      }
      const name = `avatar-${user.documentId}`;
      const upload = strapi.plugin('upload').service('upload') as {
        upload(input: { data: Record<string, unknown>; files: unknown }): Promise<UploadedFile[]>;
        remove(file: UploadedFile): Promise<unknown>;
      };
      const [stored] = await upload.upload({
        data: { fileInfo: { name: `${name}${EXTENSION[type]}`, alternativeText: 'avatar', caption: null } },
        // The upload plugin reads these formidable fields; the type is the sniffed one.
        files: { ...file, originalFilename: `${name}${EXTENSION[type]}`, mimetype: type },
      });
      const url = /^https?:\/\//.test(stored.url) ? stored.url : `${baseUrl.replace(/\/$/, '')}${stored.url}`;
      await users().update({ where: { id: user.id }, data: { avatar: url } });
      // Earlier avatars of this user (named after them): one stored image per user.
      const earlier = (await strapi.db.query('plugin::upload.file').findMany({
        where: { name: { $startsWith: `${name}.` }, id: { $ne: stored.id } },
      })) as UploadedFile[];
      for (const old of earlier) await upload.remove(old);
      return service.find(user.id);
    },

    /** Profile fields sent with a login: applied when acceptable, reported back when not. */
    async applyLoginProfile(userId: number, openid: string, input: { nickname?: string; avatar?: string }) {
      const data: Record<string, string> = {};
      const ignored: string[] = [];
      if (input.avatar !== undefined) data.avatar = input.avatar;
      if (input.nickname !== undefined) {
        const verdict = await contentCheck(openid, input.nickname).catch(() => 'rejected' as const);
        if (verdict === 'pass') data.nickname = input.nickname;
        else ignored.push('nickname');
      }
      if (Object.keys(data).length > 0) await users().update({ where: { id: userId }, data });
      return { ignored };
    },

    async setPhone(userId: number, phone: { phoneNumber: string; countryCode: string }): Promise<ProfileView> {
      const cipher = getService(strapi, 'dataCipher').encrypt(`+${phone.countryCode} ${phone.phoneNumber}`);
      await users().update({ where: { id: userId }, data: { phoneCipher: cipher, phoneMasked: maskPhone(phone.phoneNumber) } });
      return service.find(userId);
    },

    /** Soft delete: every token stops working now; the data goes after the grace period. */
    async softDelete(userId: number, now = new Date()) {
      await users().update({ where: { id: userId }, data: { deletedAt: now } });
      await getService(strapi, 'refreshTokens').revokeAllOf(userId);
      return { deletedAt: now.toISOString(), purgeAfter: new Date(now.getTime() + config().deletionGraceDays * DAY_MS).toISOString() };
    },

    /** Everything the user owns, as the content API would show it to them (private fields removed). */
    async exportData(userId: number, auth: unknown) {
      const records: Record<string, unknown[]> = {};
      for (const contentType of ownedContentTypes()) {
        // The app's records and what the user wrote in the community (posts, comments, likes, reports ...).
        if (!contentType.uid.startsWith('api::') && !contentType.uid.startsWith('plugin::community.')) continue;
        const entries = await strapi.documents(contentType.uid as UID.ContentType).findMany({
          filters: { user: { id: userId } },
          populate: '*',
          limit: 100_000,
        } as never);
        const sanitized = await strapi.contentAPI.sanitize.output(entries, contentType, { auth } as never);
        records[contentType.info.pluralName] = sanitized as unknown[];
      }
      return { profile: await service.find(userId), records, exportedAt: new Date().toISOString() };
    },

    /** Remove an account and everything it owns, in one transaction. */
    async purgeAccount(userId: number) {
      const knex = strapi.db.connection;
      await knex.transaction(async (trx) => {
        for (const contentType of ownedContentTypes()) {
          const table = contentType.collectionName as string;
          if (ANONYMISE_ON_PURGE.has(contentType.uid)) await trx(table).where({ user_id: userId }).update({ user_id: null });
          else await trx(table).where({ user_id: userId }).delete();
        }
        await trx(REFRESH_TOKEN_TABLE).where({ user_id: userId }).delete();
        await trx(SESSION_TABLE).where({ user_id: userId }).delete();
        await trx('up_users_role_lnk').where({ user_id: userId }).delete();
        await trx('up_users').where({ id: userId }).delete();
      });
    },

    /** The scheduled job: purge every account deleted longer ago than the grace period. */
    async purgeExpired(now = new Date()): Promise<number> {
      const cutoff = new Date(now.getTime() - config().deletionGraceDays * DAY_MS);
      const expired: Array<{ id: number }> = await users().findMany({ where: { deletedAt: { $notNull: true, $lt: cutoff } }, select: ['id'] });
      for (const { id } of expired) await service.purgeAccount(id);
      if (expired.length > 0) strapi.log.info(`[wechat] purged ${expired.length} account(s) deleted before ${cutoff.toISOString()}`);
      return expired.length;
    },
  };
  return service;
};

export type ProfileService = ReturnType<typeof profileService>;
export default profileService;
