import { wxUploadFile } from '../../platform/upload';
import type { ApiClient } from '../client';
import { apiErrorFrom } from '../errors';
import type { SuccessBody } from '../paths';

/**
 * POST /api/me/avatar: the image chosen with `<button open-type="chooseAvatar">` (a local temp file),
 * sent as multipart/form-data in the field "file"; answers the account with its new avatar URL. A file
 * upload cannot go through wx.request, so this is the one call outside ApiClient.request: same token,
 * same single refresh on 401; the answer is typed from the API document.
 */
type AvatarAnswer = SuccessBody<'/api/me/avatar', 'post'>;

export const uploadAvatar = async (client: ApiClient, filePath: string, upload = wxUploadFile): Promise<AvatarAnswer> => {
  for (let renewed = false; ; renewed = true) {
    const token = await client.session.accessToken();
    const res = await upload({ url: `${client.baseUrl}/api/me/avatar`, filePath, field: 'file', headers: { Authorization: `Bearer ${token}` } });
    if (res.status >= 200 && res.status < 300) {
      const answer = res.body as AvatarAnswer;
      client.session.setUser(answer.data);
      return answer;
    }
    if (res.status === 401 && !renewed) {
      await client.session.renew(token);
      continue;
    }
    throw apiErrorFrom(res.status, res.headers, res.body, client.platform.now());
  }
};
