import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { forbiddenError, serviceUnavailableError, unauthorizedError } from '../../../../../utils/errors';
import type { WeChatConfig } from '../config';
import { SESSION_TABLE } from '../content-types';
import { getService } from '../utils/get-service';
import type { LoginInput } from '../validation/auth';
import type { WeChatSession } from './wechat-api';
import { toHttpError } from './wechat-errors';
import type { ProfileView, UserRow } from './profile';

export const USER_UID = 'plugin::users-permissions.user';

export type LoginResult = { jwt: string; refreshToken: string; user: ProfileView; ignored?: string[] };

/**
 * Sign-in with WeChat: wx.login code -> code2Session -> one account per WeChat identity (unionid when
 * WeChat gives one, else openid) -> an access token and a refresh token. The session key WeChat hands
 * us is kept encrypted for server-side use and never leaves this service.
 */
const accountsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;
  // users-permissions' own table: the query engine, as users-permissions itself does.
  const users = () => strapi.db.query(USER_UID);

  const assertConfigured = () => {
    const { appId, appSecret } = config();
    if (!appId || !appSecret) {
      throw serviceUnavailableError(
        'WeChat sign-in is not configured on this server: set WECHAT_APP_ID and WECHAT_APP_SECRET, or WECHAT_MODE=fake for local development',
        { reason: 'wechat_not_configured' },
      );
    }
  };

  const findByIdentity = async (session: WeChatSession): Promise<UserRow | null> => {
    if (session.unionid) {
      const byUnion = await users().findOne({ where: { unionid: session.unionid } });
      if (byUnion) return byUnion;
    }
    return users().findOne({ where: { openid: session.openid } });
  };

  const createAccount = async (session: WeChatSession): Promise<UserRow> => {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    if (!role) throw new Error('users-permissions has no authenticated role');
    // No e-mail and no password: this account can only ever sign in through WeChat.
    const created = await strapi.documents(USER_UID).create({
      data: {
        username: `wx_${crypto.randomBytes(8).toString('hex')}`,
        provider: 'wechat',
        confirmed: true,
        blocked: false,
        role: role.documentId,
        openid: session.openid,
        unionid: session.unionid ?? null,
      },
    } as never);
    return (await users().findOne({ where: { id: (created as { id: number }).id } })) as UserRow;
  };

  /** Concurrent first logins of one person race to create; the unique openid lets exactly one win. */
  const findOrCreate = async (session: WeChatSession): Promise<UserRow> => {
    const existing = await findByIdentity(session);
    if (existing) return existing;
    try {
      return await createAccount(session);
    } catch (error) {
      if (!isUniqueViolation(error) && !(error instanceof errors.ValidationError && /unique/i.test(error.message))) throw error;
      const winner = await findByIdentity(session);
      if (!winner) throw error;
      return winner;
    }
  };

  const saveSessionKey = async (userId: number, sessionKey: string) => {
    const now = new Date();
    const cipher = getService(strapi, 'dataCipher').encrypt(sessionKey);
    // Upsert on the unique user_id: one live session key per user, replaced at each login.
    await strapi.db
      .connection(SESSION_TABLE)
      .insert({
        document_id: crypto.randomBytes(12).toString('hex'),
        user_id: userId,
        session_key_cipher: cipher,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .onConflict('user_id')
      .merge(['session_key_cipher', 'updated_at']);
  };

  const issueTokens = async (userId: number) => ({
    jwt: strapi.plugin('users-permissions').service('jwt').issue({ id: userId }) as string,
    refreshToken: await getService(strapi, 'refreshTokens').issue(userId),
  });

  return {
    async login(input: LoginInput): Promise<LoginResult> {
      assertConfigured();
      let session: WeChatSession;
      try {
        session = await getService(strapi, 'wechatApi').code2Session(input.code);
      } catch (error) {
        throw toHttpError(strapi, error, 'login');
      }
      // One WeChat identity signing in over and over is a script, not a person.
      const perUser = await getService(strapi, 'rateLimits').consume('login-user', session.unionid ?? session.openid);
      if (!perUser.allowed) {
        throw new errors.RateLimitError(`Too many sign-ins of this account; retry in ${perUser.retryAfterSeconds} s`, { retryAfterSeconds: perUser.retryAfterSeconds });
      }

      let user = await findOrCreate(session);
      if (user.blocked) throw forbiddenError('This account is blocked; contact support');
      const profile = getService(strapi, 'profile');
      if (user.deletedAt && profile.isPastGrace(user.deletedAt)) {
        // Past the grace period but not yet purged: purge now, then this is a brand-new account.
        await profile.purgeAccount(user.id);
        user = await findOrCreate(session);
      }

      await saveSessionKey(user.id, session.sessionKey);
      await users().update({
        where: { id: user.id },
        data: {
          lastLoginAt: new Date(),
          // Signing in within the grace period restores a deleted account. Written only then: the
          // leaderboards re-place a user whose deletedAt is written, which an ordinary sign-in must not cost.
          ...(user.deletedAt ? { deletedAt: null } : {}),
          ...(session.unionid && !user.unionid ? { unionid: session.unionid } : {}),
        },
      });

      const { nickname, avatar } = input;
      const ignored: string[] = [];
      if (nickname !== undefined || avatar !== undefined) {
        // A nickname WeChat's content check rejects is left out rather than failing the sign-in.
        const applied = await profile.applyLoginProfile(user.id, session.openid, { nickname, avatar });
        ignored.push(...applied.ignored);
      }
      const fresh = (await users().findOne({ where: { id: user.id } })) as UserRow;
      return { ...(await issueTokens(user.id)), user: profile.view(fresh), ...(ignored.length > 0 ? { ignored } : {}) };
    },

    async refresh(refreshToken: string): Promise<{ jwt: string; refreshToken: string }> {
      const tokens = getService(strapi, 'refreshTokens');
      const ownerId = await tokens.ownerOf(refreshToken);
      if (ownerId !== null) {
        const verdict = await getService(strapi, 'rateLimits').consume('refresh-user', String(ownerId));
        if (!verdict.allowed) {
          throw new errors.RateLimitError(`Too many refreshes; retry in ${verdict.retryAfterSeconds} s`, {
            retryAfterSeconds: verdict.retryAfterSeconds,
          });
        }
        const owner = (await users().findOne({ where: { id: ownerId } })) as UserRow | null;
        if (owner?.blocked) throw forbiddenError('This account is blocked; contact support');
        if (!owner || owner.deletedAt) {
          throw unauthorizedError('This account was deleted: sign in again with wx.login to restore it', { reason: 'account_deleted' });
        }
      }
      const { jwt, refreshToken: next } = await tokens.rotate(refreshToken, (userId) => strapi.plugin('users-permissions').service('jwt').issue({ id: userId }));
      return { jwt, refreshToken: next };
    },

    async logout(refreshToken: string): Promise<void> {
      await getService(strapi, 'refreshTokens').revoke(refreshToken);
    },

    async bindPhone(userId: number, code: string): Promise<ProfileView> {
      assertConfigured();
      let phone: { phoneNumber: string; countryCode: string };
      try {
        phone = await getService(strapi, 'wechatApi').getPhoneNumber(code);
      } catch (error) {
        throw toHttpError(strapi, error, 'phone');
      }
      return getService(strapi, 'profile').setPhone(userId, phone);
    },
  };
};

export type AccountsService = ReturnType<typeof accountsService>;
export default accountsService;
