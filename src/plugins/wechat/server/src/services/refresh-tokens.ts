import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { unauthorizedError } from '../../../../../utils/errors';
import type { WeChatConfig } from '../config';
import { REFRESH_TOKEN_TABLE } from '../content-types';

/**
 * Refresh tokens: random, stored only as SHA-256 hashes, one family per sign-in.
 * - rotate: the presented token is spent and a new one of the same family issued, atomically;
 * - reuse: presenting a spent (rotated or revoked) token revokes the whole family, because either the
 *   client or a thief holds a copy that should not exist;
 * - logout revokes the family; deleting the account revokes every family of the user.
 * Knex rather than the Document Service: rotation must be one conditional UPDATE in a transaction,
 * so that two concurrent refreshes with one token cannot both succeed.
 */
const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newToken = () => `rt_${crypto.randomBytes(32).toString('base64url')}`;
const newFamily = () => crypto.randomBytes(16).toString('hex');

type TokenRow = {
  id: number;
  user_id: number;
  family_id: string;
  expires_at: Date | string;
  rotated_at: Date | string | null;
  revoked_at: Date | string | null;
};

export type Rotation = { userId: number; refreshToken: string };

const refreshTokensService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;
  const knex = (): Knex => strapi.db.connection;

  const insert = async (db: Knex | Knex.Transaction, userId: number, familyId: string): Promise<string> => {
    const token = newToken();
    const now = new Date();
    await db(REFRESH_TOKEN_TABLE).insert({
      document_id: crypto.randomBytes(12).toString('hex'),
      token_hash: hashOf(token),
      family_id: familyId,
      user_id: userId,
      expires_at: new Date(now.getTime() + config().refreshTokenTtlDays * 86_400_000),
      created_at: now,
      updated_at: now,
      published_at: now,
    });
    return token;
  };

  const revokeFamily = (db: Knex | Knex.Transaction, familyId: string) =>
    db(REFRESH_TOKEN_TABLE).where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: new Date() });

  return {
    /** A new family for a fresh sign-in. */
    issue(userId: number): Promise<string> {
      return insert(knex(), userId, newFamily());
    },

    /** The user a presented token belongs to, without spending it (for per-user rate limits). */
    async ownerOf(token: string): Promise<number | null> {
      const row = await knex()(REFRESH_TOKEN_TABLE).where({ token_hash: hashOf(token) }).first('user_id');
      return row ? Number(row.user_id) : null;
    },

    async rotate(token: string): Promise<Rotation> {
      const outcome = await knex().transaction(async (trx): Promise<Rotation | 'reused' | 'invalid' | 'expired'> => {
        const row: TokenRow | undefined = await trx(REFRESH_TOKEN_TABLE).where({ token_hash: hashOf(token) }).first();
        if (!row) return 'invalid';
        if (row.rotated_at || row.revoked_at) {
          await revokeFamily(trx, row.family_id);
          return 'reused';
        }
        if (new Date(row.expires_at).getTime() <= Date.now()) return 'expired';
        const spent = await trx(REFRESH_TOKEN_TABLE)
          .where({ id: row.id })
          .whereNull('rotated_at')
          .whereNull('revoked_at')
          .update({ rotated_at: new Date(), updated_at: new Date() });
        if (spent === 0) {
          // A concurrent refresh spent it first: the same token was presented twice.
          await revokeFamily(trx, row.family_id);
          return 'reused';
        }
        return { userId: Number(row.user_id), refreshToken: await insert(trx, Number(row.user_id), row.family_id) };
      });
      if (outcome === 'invalid') throw unauthorizedError('Invalid refresh token: sign in again with wx.login');
      if (outcome === 'expired') throw unauthorizedError('The refresh token has expired: sign in again with wx.login');
      if (outcome === 'reused') {
        throw unauthorizedError('This refresh token was already used; every token of this sign-in is now revoked: sign in again with wx.login');
      }
      return outcome;
    },

    /** Logout: the family of this token stops working. Unknown tokens are ignored (logout is idempotent). */
    async revoke(token: string): Promise<void> {
      const row: TokenRow | undefined = await knex()(REFRESH_TOKEN_TABLE).where({ token_hash: hashOf(token) }).first();
      if (row) await revokeFamily(knex(), row.family_id);
    },

    async revokeAllOf(userId: number): Promise<void> {
      await knex()(REFRESH_TOKEN_TABLE).where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: new Date() });
    },
  };
};

export type RefreshTokensService = ReturnType<typeof refreshTokensService>;
export default refreshTokensService;
