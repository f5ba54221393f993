import { createApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { ApiError, NetworkError } from '../../api/errors';
import type { HttpResponse } from '../../platform/types';
import { FakeServer } from '../helpers/fake-server';
import { installWx, type WxCall, type WxDouble } from '../helpers/wx-double';
import { docId, feedPage, likeAnswer, muted, notificationsPage, post, tooMany, uploaded } from '../helpers/community-fixtures';

/** api/endpoints/community.ts: each call's method, path, query and body, and the image upload around wx.uploadFile. */

let server: FakeServer;
let wxDouble: WxDouble;
let api: Api;
let sent: WxCall[];

beforeEach(() => {
  server = new FakeServer();
  sent = [];
  server.override = (call) => {
    if (!call.path.startsWith('/api/community')) return undefined;
    sent.push(call);
    if (call.path.startsWith('/api/community/notifications?')) return { status: 200, body: notificationsPage([], 0) };
    if (call.path.includes('/like')) return { status: 200, body: likeAnswer(call.method === 'PUT', 3) };
    if (call.path === '/api/community/posts' && call.method === 'POST') return muted();
    return { status: 200, body: feedPage([post(1)], 'next-1') };
  };
  wxDouble = installWx(server.handle);
  api = createApi(new ApiClient({ baseUrl: 'http://api.test', platform: wxDouble.platform() }));
});

const request = (call: WxCall) => `${call.method} ${call.path}`;

describe('the community calls', () => {
  it('read feeds by cursor, leaving the cursor out of a first page', async () => {
    await api.community.feed('campus');
    await api.community.feed('campus', { sort: 'hot', cursor: 'abc+/=' });
    await api.community.following({ cursor: null });
    await api.community.myPosts({ status: 'rejected', cursor: 'c2', limit: 10 });
    await api.community.comments(docId('post'), { cursor: 'c3' });
    await api.community.replies(docId('comment'));
    await api.community.notifications({ cursor: 'n1' });
    expect(sent.map(request)).toEqual([
      'GET /api/community/boards/campus/posts?sort=newest',
      'GET /api/community/boards/campus/posts?sort=hot&cursor=abc%2B%2F%3D',
      'GET /api/community/feed/following',
      'GET /api/community/me/posts?status=rejected&cursor=c2&limit=10',
      `GET /api/community/posts/${docId('post')}/comments?order=newest&cursor=c3`,
      `GET /api/community/comments/${docId('comment')}/replies`,
      'GET /api/community/notifications?cursor=n1',
    ]);
    expect(sent[0].headers.Authorization).toBe('Bearer jwt-1');
  });

  it('like and follow with PUT, take them back with DELETE', async () => {
    expect((await api.community.likePost(docId('post'), true)).data).toEqual({ liked: true, likeCount: 3 });
    expect((await api.community.likePost(docId('post'), false)).data).toEqual({ liked: false, likeCount: 3 });
    await api.community.likeComment(docId('comment'), true);
    await api.community.likeComment(docId('comment'), false);
    await api.community.follow(docId('user'), true);
    await api.community.follow(docId('user'), false);
    expect(sent.map(request)).toEqual([
      `PUT /api/community/posts/${docId('post')}/like`,
      `DELETE /api/community/posts/${docId('post')}/like`,
      `PUT /api/community/comments/${docId('comment')}/like`,
      `DELETE /api/community/comments/${docId('comment')}/like`,
      `PUT /api/community/users/${docId('user')}/follow`,
      `DELETE /api/community/users/${docId('user')}/follow`,
    ]);
  });

  it('send flat bodies for posts, comments, reports and marking read', async () => {
    await api.community.comment(docId('post'), { content: '好', replyTo: docId('comment') });
    await api.community.report({ targetType: 'post', targetDocumentId: docId('post'), reason: 'spam' });
    await api.community.markRead([docId('notice')]);
    await api.community.markRead();
    await api.community.removePost(docId('post'));
    await api.community.removeComment(docId('comment'));
    expect(sent.map((call) => [request(call), call.body])).toEqual([
      [`POST /api/community/posts/${docId('post')}/comments`, { content: '好', replyTo: docId('comment') }],
      ['POST /api/community/reports', { targetType: 'post', targetDocumentId: docId('post'), reason: 'spam' }],
      ['POST /api/community/notifications/read', { ids: [docId('notice')] }],
      ['POST /api/community/notifications/read', {}],
      [`DELETE /api/community/posts/${docId('post')}`, undefined],
      [`DELETE /api/community/comments/${docId('comment')}`, undefined],
    ]);
  });

  it('fails a post refused as muted with the reason and the end of the mute', async () => {
    const error = await api.community.createPost({ board: 'campus', content: '早起' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).reason).toBe('muted');
    expect((error as ApiError).details.until).toBe('2026-12-10T00:00:00.000Z');
  });
});

describe('uploading an image', () => {
  type Upload = { url: string; filePath: string; field: string; headers: Record<string, string>; onProgress?: (percent: number) => void };

  it('sends the file as multipart "file" with the token and reports progress', async () => {
    await api.habits.list();
    const seen: Upload[] = [];
    const progress: number[] = [];
    const upload = async (request: Upload): Promise<HttpResponse> => {
      seen.push(request);
      request.onProgress?.(30);
      request.onProgress?.(100);
      return { status: 201, headers: {}, body: uploaded(1) };
    };
    const answer = await api.community.uploadImage('wxfile://tmp/1.jpg', { upload, onProgress: (p) => progress.push(p) });
    expect(answer.data.documentId).toBe(docId('image', 1));
    expect(seen.map(({ url, filePath, field, headers }) => ({ url, filePath, field, headers }))).toEqual([
      { url: 'http://api.test/api/community/images', filePath: 'wxfile://tmp/1.jpg', field: 'file', headers: { Authorization: 'Bearer jwt-1' } },
    ]);
    expect(progress).toEqual([30, 100]);
  });

  it('refreshes once on 401 and sends again with the new token', async () => {
    await api.habits.list();
    server.expireAccessToken();
    const tokens: string[] = [];
    const upload = async (request: Upload): Promise<HttpResponse> => {
      tokens.push(request.headers.Authorization);
      return request.headers.Authorization === `Bearer ${server.jwt}` ? { status: 201, headers: {}, body: uploaded(2) } : { status: 401, headers: {}, body: null };
    };
    await api.community.uploadImage('wxfile://tmp/2.jpg', { upload });
    expect(tokens).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    expect(server.refreshCalls).toBe(1);
  });

  it('fails at once on 429 with the seconds to wait, and with NetworkError when no answer came', async () => {
    const limited = tooMany('上传太频繁，请稍后再试', 90);
    const error = await api.community
      .uploadImage('wxfile://tmp/3.jpg', { upload: async () => ({ status: 429, headers: {}, body: limited.body }) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, message: '上传太频繁，请稍后再试', retryAfterSeconds: 90 });
    const offline = await api.community
      .uploadImage('wxfile://tmp/4.jpg', { upload: () => Promise.reject(new NetworkError('uploadFile:fail')) })
      .catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(NetworkError);
  });

  it('goes through wx.uploadFile by default, hearing its progress', async () => {
    await api.habits.list();
    const progress: number[] = [];
    Object.assign(globalThis as unknown as { wx: object }, {
      wx: {
        ...(globalThis as unknown as { wx: object }).wx,
        uploadFile: (option: { name: string; success: (res: { statusCode: number; data: string }) => void }) => {
          const listeners: Array<(res: { progress: number }) => void> = [];
          setTimeout(() => {
            listeners.forEach((listener) => listener({ progress: 55 }));
            option.success({ statusCode: 201, data: JSON.stringify(uploaded(5)) });
          }, 0);
          return { onProgressUpdate: (listener: (res: { progress: number }) => void) => listeners.push(listener) };
        },
      },
    });
    const answer = await api.community.uploadImage('wxfile://tmp/5.jpg', { onProgress: (p) => progress.push(p) });
    expect(answer.data.url).toContain('/uploads/community/5.jpg');
    expect(progress).toEqual([55]);
  });
});
