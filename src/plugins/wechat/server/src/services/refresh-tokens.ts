import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { unauthorizedError } from '../../../../../utils/errors';
import type { WeChatConfig } from '../config';
import { REFRESH_TOKEN_TABLE } from '../content-types';
import { getService } from '../utils/get-service';

/**
 * Refresh tokens: random, stored only as SHA-256 hashes, one family per sign-in.
 * - rotate: the presented token is spent and a new one of the same family issued, atomically;
 * - a lost answer: the same token presented again within `refreshRetryGraceSeconds` (30 s) of its
 *   rotation, while the successor it got is still unused, gets that same successor pair again. The pair is
 *   kept for this on the spent row encrypted with DATA_ENCRYPTION_KEY (AES-256-GCM, the data cipher), so a
 *   database dump alone never yields a usable token; it is wiped when the family rotates again or is revoked;
 * - reuse: presenting a spent token outside that window, or after its successor was used, revokes the
 *   whole family, because either the client or a thief holds a copy that should not exist;
 * - logout revokes the family; deleting the account revokes every family of the user.
 * Every refusal says why in `error.details.reason`: `invalid` (unknown), `expired`, `revoked` (logged
 * out, account deleted, or the family was revoked earlier), `reused`.
 * Knex rather than the Document Service: rotation must be one locked read and conditional UPDATEs in a
 * transaction, so that concurrent refreshes with one token are answered one after the other.
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
  successor_cipher: string | null;
};

export type Rotation = { userId: number; refreshToken: string; jwt: string };
export type RefreshRefusal = 'invalid' | 'expired' | 'revoked' | 'reused';

const REFUSALS: Record<RefreshRefusal, string> = {
  invalid: 'Invalid refresh token: sign in again with wx.login',
  expired: 'The refresh token has expired: sign in again with wx.login',
  revoked: 'This refresh token was revoked (logged out, or its sign-in was ended): sign in again with wx.login',
  reused: 'This refresh token was already used; every token of this sign-in is now revoked: sign in again with wx.login',
};

const refreshTokensService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::wechat') as WeChatConfig;
  const knex = (): Knex => strapi.db.connection;
  const cipher = () => getService(strapi, 'dataCipher');

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

  const revokeFamily = async (db: Knex | Knex.Transaction, familyId: string) => {
    await db(REFRESH_TOKEN_TABLE).where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: new Date() });
    await db(REFRESH_TOKEN_TABLE).where({ family_id: familyId }).whereNotNull('successor_cipher').update({ successor_cipher: null });
  };

  /** The successor pair of a token rotated moments ago whose answer was lost, or null when that does not apply. */
  const lostAnswer = async (trx: Knex.Transaction, row: TokenRow): Promise<Rotation | null> => {
    const graceMs = config().refreshRetryGraceSeconds * 1000;
    if (!row.successor_cipher || !row.rotated_at || Date.now() - new Date(row.rotated_at).getTime() > graceMs) return null;
    let pair: { refreshToken: string; jwt: string };
    try {
      pair = JSON.parse(cipher().decrypt(row.successor_cipher)) as { refreshToken: string; jwt: string };
    } catch {
      return null; // written under another DATA_ENCRYPTION_KEY: no replay, the ordinary rule applies
    }
    const successor: Pick<TokenRow, 'rotated_at' | 'revoked_at'> | undefined = await trx(REFRESH_TOKEN_TABLE)
      .where({ token_hash: hashOf(pair.refreshToken) })
      .first('rotated_at', 'revoked_at');
    // Once the client has used the successor, the old token has no business coming back.
    if (!successor || successor.rotated_at || successor.revoked_at) return null;
    return { userId: Number(row.user_id), ...pair };
  };

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

    /** Spend `token` for a new pair (`accessTokenFor` signs the access token), or refuse with 401 and a reason. */
    async rotate(token: string, accessTokenFor: (userId: number) => string): Promise<Rotation> {
      const outcome = await knex().transaction(async (trx): Promise<Rotation | RefreshRefusal> => {
        const query = trx(REFRESH_TOKEN_TABLE).where({ token_hash: hashOf(token) });
        // Concurrent refreshes with one token wait here for each other (SQLite runs one writer anyway), so
        // a second one sees the first one's rotation and gets its answer.
        const row: TokenRow | undefined = await (isPostgres(knex()) ? query.forUpdate() : query).first();
        if (!row) return 'invalid';
        if (row.revoked_at) return 'revoked';
        if (row.rotated_at) {
          const replay = await lostAnswer(trx, row);
          if (replay) return replay;
          await revokeFamily(trx, row.family_id);
          return 'reused';
        }
        if (new Date(row.expires_at).getTime() <= Date.now()) return 'expired';
        const userId = Number(row.user_id);
        const refreshToken = await insert(trx, userId, row.family_id);
        const jwt = accessTokenFor(userId);
        const spent = await trx(REFRESH_TOKEN_TABLE)
          .where({ id: row.id })
          .whereNull('rotated_at')
          .whereNull('revoked_at')
          .update({ rotated_at: new Date(), updated_at: new Date(), successor_cipher: cipher().encrypt(JSON.stringify({ refreshToken, jwt })) });
        if (spent === 0) throw new Error('refresh token changed under its row lock');
        // The older tokens of the family can never be answered again: their successors are spent.
        await trx(REFRESH_TOKEN_TABLE).where({ family_id: row.family_id }).whereNot({ id: row.id }).whereNotNull('successor_cipher').update({ successor_cipher: null });
        return { userId, refreshToken, jwt };
      });
      if (typeof outcome === 'string') throw unauthorizedError(REFUSALS[outcome], { reason: outcome });
      return outcome;
    },

    /** Logout: the family of this token stops working. Unknown tokens are ignored (logout is idempotent). */
    async revoke(token: string): Promise<void> {
      const row: TokenRow | undefined = await knex()(REFRESH_TOKEN_TABLE).where({ token_hash: hashOf(token) }).first();
      if (row) await revokeFamily(knex(), row.family_id);
    },

    async revokeAllOf(userId: number): Promise<void> {
      await knex()(REFRESH_TOKEN_TABLE).where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: new Date() });
      await knex()(REFRESH_TOKEN_TABLE).where({ user_id: userId }).whereNotNull('successor_cipher').update({ successor_cipher: null });
    },
  };
};

export type RefreshTokensService = ReturnType<typeof refreshTokensService>;
export default refreshTokensService;
