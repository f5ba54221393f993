/**
 * @jest-environment node
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { registerSecret } from '../../../tests/helpers/audit';
import { createBoard, type TestBoard } from '../../../tests/helpers/community';
import { getStrapi, http } from '../../../tests/helpers/strapi';
import { createUser, type TestUser } from '../../../tests/helpers/users';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx, type WxDouble } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * The community pages against the real backend (SQLite, fake WeChat), driven as a person would: write a
 * post with an image (wx.uploadFile bridged to a multipart fetch), see it in the board's feed, like it,
 * read and answer another person's comment with 回复 @name, delete a comment, report one, find a post
 * waiting for review among my posts, read the notifications. Every exchange is held to the API document.
 */

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');

let pages: PageHelpers;
let sim: SimulateHelpers;
let wxDouble: WxDouble;
let api: Api;
let ui: ReturnType<PageHelpers['installUi']>;
let check: ReturnType<typeof shapeChecker>;
let board: TestBoard;
let other: TestUser;
const exchanges: Exchange[] = [];
const problems: string[] = [];
const picture = path.join(os.tmpdir(), `community-pages-${process.pid}.png`);
/** An 8x8 PNG the upload plugin can read. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=', 'base64');

const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });
const person = identityOf('community');
const sent = (method: string, pathname: string) => exchanges.filter((e) => e.method === method && e.path === pathname);

/** wx.uploadFile over fetch: the file from disk as the multipart part `name`; the answer held to the document too. */
const uploadBridge = (option: { url: string; filePath: string; name: string; header: Record<string, string>; success: (res: { statusCode: number; data: string }) => void; fail: (err: { errMsg: string }) => void }) => {
  requests.inFlight += 1;
  void (async () => {
    try {
      const form = new FormData();
      form.append(option.name, new Blob([fs.readFileSync(option.filePath)], { type: 'image/png' }), path.basename(option.filePath));
      const response = await fetch(option.url, { method: 'POST', headers: option.header, body: form });
      const text = await response.text();
      const exchange: Exchange = { method: 'POST', path: new URL(option.url).pathname, requestBody: undefined, status: response.status, responseBody: text ? (JSON.parse(text) as unknown) : null };
      exchanges.push(exchange);
      problems.push(...check(exchange));
      option.success({ statusCode: response.status, data: text });
    } catch (error) {
      option.fail({ errMsg: String(error) });
    } finally {
      requests.inFlight -= 1;
    }
  })();
  return { onProgressUpdate: () => undefined };
};


beforeAll(async () => {
  check = shapeChecker();
  await setupWeChat();
  const strapi = getStrapi();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  board = await createBoard({ name: '校园', sortOrder: -1 });
  other = await createUser({ nickname: '阿强' });
  fs.writeFileSync(picture, PNG);
  const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
  registerSecret(identity.openid);
  if (identity.unionid) registerSecret(identity.unionid);

  installDomGlobals();
  pages = await import('../helpers/page');
  sim = await import('../helpers/simulate');
  wxDouble = installWx(bridge);
  ui = pages.installUi();
  Object.assign((globalThis as unknown as { wx: object }).wx, {
    uploadFile: uploadBridge,
    chooseMedia: (option: { success: (res: { tempFiles: Array<{ tempFilePath: string }> }) => void }) => option.success({ tempFiles: [{ tempFilePath: picture }] }),
    previewImage: () => undefined,
  });
  api = createApi(new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, platform: wxDouble.platform(), devSignInAs: person }));
  setApi(api);
  await api.account.signIn();
  registerIssuedSecrets();
  registerSecret(String(api.session.refreshToken), { fromNow: true });
});

afterAll(async () => {
  setApi(null);
  fs.rmSync(picture, { force: true });
  await teardownWeChat();
});

afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

/** The post the tests share: written through the write page in the first test. */
let postId = '';

describe('the community pages against the real backend', () => {
  it('发帖: a post with an image is published and opened; risky text is refused on its field; review text waits', async () => {
    const write = pages.renderPage('community-write');
    write.instance.onLoad({ board: board.slug });
    await settleLong();
    expect(sim.textOf(write, '.board-name')).toBe('校园');
    write.instance.onTitle({ detail: { value: '早起第一天' } });
    write.instance.onContent({ detail: { value: '六点起床，跑了 3 公里。' } });
    await write.instance.addImages();
    await settleLong();
    expect(sent('POST', '/api/community/images').map((e) => e.status)).toEqual([201]);
    await sim.tap(write.querySelector('.submit'));
    await settleLong();
    const created = sent('POST', '/api/community/posts');
    expect(created.map((e) => e.status)).toEqual([201]);
    postId = (created[0].responseBody as { data: { documentId: string } }).data.documentId;
    expect(ui.redirects.at(-1)).toBe(`/pages/community-post/index?id=${postId}`);

    const risky = pages.renderPage('community-write');
    risky.instance.onLoad({ board: board.slug });
    await settleLong();
    risky.instance.onContent({ detail: { value: '这里有违禁内容' } });
    await sim.tap(risky.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/community/posts').at(-1)!.status).toBe(400);
    expect(sim.textOf(risky, '.refusal')).toBe('内容含有违规信息，请修改正文后再发');

    risky.instance.onContent({ detail: { value: '这篇待审一下' } });
    await sim.tap(risky.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/community/posts').at(-1)!.status).toBe(201);
    expect(sim.textOf(risky, '.outcome-title')).toBe('审核中');
  });

  it('社区 and the feed: the board is listed, the post is on top with its image, and a like counts', async () => {
    const boards = pages.renderPage('community');
    boards.instance.onShow();
    await settleLong();
    expect(boards.querySelectorAll('.board-name').map((node) => node.dom.textContent)).toContain('校园');

    const feed = pages.renderPage('community-feed');
    feed.instance.onLoad({ board: board.slug, name: '校园', canPost: '1' });
    await settleLong();
    const first = feed.querySelectorAll('.card')[0];
    expect(sim.textOf(first, '.title')).toBe('早起第一天');
    expect(first.querySelectorAll('.cell')).toHaveLength(1);
    await sim.tap(first.querySelector('.like'));
    await settleLong();
    expect(sent('PUT', `/api/community/posts/${postId}/like`).map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(feed.querySelectorAll('.card')[0], '.like')).toBe('♥ 1');
    await sim.tap(feed.querySelectorAll('.sort')[1]);
    await settleLong();
    expect(sent('GET', `/api/community/boards/${board.slug}/posts`).map((e) => e.status)).toEqual([200, 200]);
    expect(sim.textOf(feed.querySelectorAll('.card')[0], '.title')).toBe('早起第一天');
  });

  it('帖子: another person’s comment is answered with 回复 @name, my comment deleted, theirs reported', async () => {
    const theirs = await http().post(`/api/community/posts/${postId}/comments`).set(other.auth).send({ content: '加油！' }).expect(201);
    const page = pages.renderPage('community-post');
    page.instance.onLoad({ id: postId });
    await settleLong();
    expect(sim.textOf(page, '.content')).toBe('六点起床，跑了 3 公里。');
    expect(page.querySelectorAll('.thread-text').map((node) => node.dom.textContent)).toEqual(['加油！']);

    await sim.tap(page.querySelectorAll('.comment-reply')[0]);
    page.instance.onDraft({ detail: { value: '谢谢' } });
    await sim.tap(page.querySelector('.reply-send'));
    await settleLong();
    const reply = sent('POST', `/api/community/posts/${postId}/comments`);
    expect(reply.map((e) => [e.status, e.requestBody])).toEqual([[201, { content: '谢谢', replyTo: (theirs.body as { data: { documentId: string } }).data.documentId }]]);
    expect(page.querySelectorAll('.reply-text').map((node) => (node.dom.textContent ?? '').trim())).toEqual(['谢谢']);

    await sim.tap(page.querySelectorAll('.comment-delete')[0]);
    await settleLong();
    expect(exchanges.filter((e) => e.method === 'DELETE' && e.path.startsWith('/api/community/comments/')).map((e) => e.status)).toEqual([204]);
    expect(page.querySelectorAll('.reply-text')).toHaveLength(0);

    await sim.tap(page.querySelectorAll('.comment-report')[0]);
    const sheet = page.querySelector('#report')!;
    await sim.tap(sheet.querySelectorAll('.reason')[0]);
    await sim.tap(sheet.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/community/reports').map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page.querySelector('#report')!, '.done-text')).toBe('已举报');
  });

  it('我的帖子 shows the one waiting for review as 审核中, and 消息 the like and the comment, read on tap and all at once', async () => {
    await http().put(`/api/community/posts/${postId}/like`).set(other.auth).expect(200);
    const mine = pages.renderPage('community-mine');
    mine.instance.onShow();
    await settleLong();
    expect(mine.querySelectorAll('.card').map((card) => sim.textOf(card, '.status'))).toEqual(['审核中', '']);

    const notifications = pages.renderPage('community-notifications');
    notifications.instance.onLoad();
    await settleLong();
    expect(sent('GET', '/api/community/notifications').map((e) => e.status)).toEqual([200]);
    const texts = notifications.querySelectorAll('.text').map((node) => node.dom.textContent ?? '');
    expect(texts.some((text) => text.includes('阿强'))).toBe(true);
    expect(notifications.instance.data.unread).toBe(texts.length);
    await sim.tap(notifications.querySelectorAll('.notification')[0]);
    await settleLong();
    expect(sent('POST', '/api/community/notifications/read').map((e) => [e.status, e.requestBody])).toEqual([[200, { ids: [expect.any(String)] }]]);
    expect(ui.navigations.at(-1)).toBe(`/pages/community-post/index?id=${postId}`);
    expect(notifications.instance.data.unread).toBe(texts.length - 1);
    await sim.tap(notifications.querySelector('.read-all'));
    await settleLong();
    expect(sim.textOf(notifications, '.head-unread')).toBe('没有未读消息');
    expect(notifications.querySelectorAll('.dot')).toHaveLength(0);
  });
});
