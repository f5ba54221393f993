import crypto from 'node:crypto';
import { getStrapi } from './strapi';
import { registerSecret } from './audit';

export type TestUser = {
  id: number;
  documentId: string;
  jwt: string;
  openid: string;
  auth: { Authorization: string };
};

type Profile = Partial<{
  nickname: string;
  timezone: string;
  dayStartHour: number;
  pointsBalance: number;
  blocked: boolean;
}>;

/**
 * A mini-program user with the authenticated role and a JWT, created the way the WeChat login does
 * (no password, an openid). The openid is registered as a secret: no response may ever contain it.
 */
export const createUser = async (profile: Profile = {}): Promise<TestUser> => {
  const strapi = getStrapi();
  const suffix = crypto.randomBytes(6).toString('hex');
  const openid = `o-test-${crypto.randomBytes(12).toString('hex')}`;
  registerSecret(openid);
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: `wx_${suffix}`,
    provider: 'wechat',
    confirmed: true,
    blocked: false,
    role: role.id,
    openid,
    nickname: profile.nickname ?? `tester-${suffix}`,
    ...profile,
  });
  const jwt: string = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { id: user.id, documentId: user.documentId, jwt, openid, auth: { Authorization: `Bearer ${jwt}` } };
};
