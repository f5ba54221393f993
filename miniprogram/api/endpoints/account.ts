import type { ApiClient } from '../client';
import type { LoginRequest, ProfileUpdate } from '../paths';

/** The account: sign-in, profile, phone binding, export, deletion, logout. */
export const accountApi = (client: ApiClient) => ({
  /**
   * wx.login + POST /api/wechat/login. Usually implicit (any signed-in call signs in first); after a
   * logout or an account deletion only this signs in again (and restores a deleted account in its grace).
   */
  signIn(profile: Omit<LoginRequest, 'code'> = {}) {
    return client.session.signIn(profile);
  },
  async me() {
    const answer = await client.request('get', '/api/me');
    client.session.setUser(answer.data);
    return answer;
  },
  /** PUT /api/me with any of nickname, avatar, timezone, dayStartHour, region, showInRanking, smokingSettings. */
  async update(changes: ProfileUpdate) {
    const answer = await client.request('put', '/api/me', { body: changes });
    client.session.setUser(answer.data);
    return answer;
  },
  /** The code from `<button open-type="getPhoneNumber">`'s event. */
  async bindPhone(code: string) {
    const answer = await client.request('post', '/api/wechat/phone', { body: { code } });
    client.session.setUser(answer.data);
    return answer;
  },
  /** Everything the user owns, as JSON. */
  export() {
    return client.request('get', '/api/me/export');
  },
  /**
   * Delete the account: every token stops at once; signing in again before `purgeAfter` (30 days)
   * restores it. The local session is forgotten and no call signs in on its own (that would restore it).
   */
  async remove() {
    const answer = await client.request('delete', '/api/me');
    client.session.clear('account_deleted');
    return answer;
  },
  logout() {
    return client.session.logout();
  },
});

export type AccountApi = ReturnType<typeof accountApi>;
