import refreshToken from './refresh-token/schema.json';
import session from './session/schema.json';

export default {
  'refresh-token': { schema: refreshToken },
  session: { schema: session },
};

export const REFRESH_TOKEN_UID = 'plugin::wechat.refresh-token';
export const SESSION_UID = 'plugin::wechat.session';
export const REFRESH_TOKEN_TABLE = refreshToken.collectionName;
export const SESSION_TABLE = session.collectionName;
