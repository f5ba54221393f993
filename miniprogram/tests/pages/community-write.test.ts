/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type RenderedPage, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { boards, createdPost, docId, muted, NOW, post, refusal, risky, tooMany, uploaded } from '../helpers/community-fixtures';

/**
 * 发帖: the boards I may post on, counters against the limits, images uploaded one at a time with their
 * progress and a retry, 匿名 and a linked habit, and every answer: published, pending (审核中), 400
 * 内容含有违规信息 on its field, 403 muted until when, 429, no network. The draft survives each refusal.
 */

type PendingUpload = { filePath: string; name: string; header: Record<string, string>; progress?: (res: { progress: number }) => void; success: (res: { statusCode: number; data: string }) => void };

let double: WxDouble;
let ui: UiCalls;
let create: (call: WxCall) => WxAnswer | 'fail';
let uploads: PendingUpload[];
let chosen: string[];

const habitsAnswer = {
  data: [
    { id: 1, documentId: docId('habit', 1), title: '早起' },
    { id: 2, documentId: docId('habit', 2), title: '跑步' },
  ],
  meta: { pagination: { page: 1, pageSize: 25, pageCount: 1, total: 2 } },
};

beforeEach(() => {
  create = () => ok(createdPost(post(1, { mine: true }), 'published'), 201);
  ({ double, ui } = installApp(
    (call) => {
      if (call.path === '/api/community/boards') return ok({ data: boards(), meta: {} });
      if (call.path.startsWith('/api/habits')) return ok(habitsAnswer);
      if (call.method === 'POST' && call.path === '/api/community/posts') return create(call);
      return { status: 404, body: null };
    },
    { now: () => NOW },
  ));
  uploads = [];
  chosen = [];
  Object.assign((globalThis as unknown as { wx: object }).wx, {
    chooseMedia: (option: { count: number; success: (res: { tempFiles: Array<{ tempFilePath: string }> }) => void }) =>
      option.success({ tempFiles: chosen.slice(0, option.count).map((tempFilePath) => ({ tempFilePath })) }),
    uploadFile: (option: PendingUpload) => {
      uploads.push(option);
      return { onProgressUpdate: (listener: (res: { progress: number }) => void) => (option.progress = listener) };
    },
    previewImage: () => undefined,
  });
});

const open = async (query: Record<string, string> = { board: 'campus' }): Promise<RenderedPage> => {
  const page = renderPage('community-write');
  page.instance.onLoad(query);
  await settle();
  return page;
};

const write = async (page: RenderedPage, content: string, title = '') => {
  page.instance.onTitle({ detail: { value: title } });
  page.instance.onContent({ detail: { value: content } });
  await settle();
};

const posted = () => double.calls.filter((call) => call.method === 'POST' && call.path === '/api/community/posts').map((call) => call.body);

describe('the write page', () => {
  it('offers only the boards I may post on, with the one I came from chosen', async () => {
    const page = await open();
    expect(page.instance.data.boardNames).toEqual(['校园', '打卡圈']);
    expect(textOf(page, '.board-name')).toBe('校园');
    const elsewhere = await open({ board: 'notice' });
    expect(textOf(elsewhere, '.board-name')).toBe('选择版块');
  });

  it('counts title and text against the limits and will not send past them', async () => {
    const page = await open();
    await write(page, '字'.repeat(2001), '标题');
    expect(textOf(page, '.title-count')).toBe('2/60');
    expect(textOf(page, '.content-count')).toBe('2001/2000');
    expect(hasClass(page.querySelector('.content-count'), 'over')).toBe(true);
    expect(textOf(page, '.blocker')).toBe('正文最多 2000 字');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(posted()).toEqual([]);
    expect(ui.toasts).toEqual(['正文最多 2000 字']);
  });

  it('uploads images one at a time with progress, retries a failed one, and sends them in the order chosen', async () => {
    chosen = ['wxfile://a.jpg', 'wxfile://b.jpg', 'wxfile://c.jpg'];
    const page = await open();
    await write(page, '今天的早餐');
    const adding = page.instance.addImages();
    await settle();
    expect(uploads.map((u) => u.filePath)).toEqual(['wxfile://a.jpg']);
    expect(uploads[0]).toMatchObject({ name: 'file', header: { Authorization: 'Bearer jwt-test' } });
    uploads[0].progress?.({ progress: 40 });
    await settle();
    expect(page.querySelectorAll('.image-caption').map((node) => node.dom.textContent)).toEqual(['40%', '等待上传', '等待上传']);
    expect(textOf(page, '.blocker')).toBe('图片上传中…');
    uploads[0].success({ statusCode: 201, data: JSON.stringify(uploaded(1)) });
    await settle();
    expect(uploads.map((u) => u.filePath)).toEqual(['wxfile://a.jpg', 'wxfile://b.jpg']);
    uploads[1].success({ statusCode: 500, data: JSON.stringify({ data: null, error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error', details: {} } }) });
    await settle();
    uploads[2].success({ statusCode: 201, data: JSON.stringify(uploaded(3)) });
    await adding;
    expect(page.querySelectorAll('.image-caption').map((node) => node.dom.textContent)).toEqual(['上传失败，点击重试']);
    expect(textOf(page, '.blocker')).toBe('有图片上传失败：点击重试或删除');
    await tap(page.querySelectorAll('.image')[1]);
    await settle();
    expect(uploads.map((u) => u.filePath)).toEqual(['wxfile://a.jpg', 'wxfile://b.jpg', 'wxfile://c.jpg', 'wxfile://b.jpg']);
    uploads[3].success({ statusCode: 201, data: JSON.stringify(uploaded(2)) });
    await settle();
    expect(page.instance.data.check).toMatchObject({ canSubmit: true });
    await tap(page.querySelector('.submit'));
    await settle();
    expect(posted()).toEqual([{ board: 'campus', content: '今天的早餐', images: [1, 2, 3].map((n) => docId('image', n)) }]);
  });

  it('chooses at most 9 images in all, and a removed one frees its place', async () => {
    chosen = Array.from({ length: 12 }, (_, i) => `wxfile://${i}.jpg`);
    const page = await open();
    const adding = page.instance.addImages();
    await settle();
    expect(page.querySelectorAll('.image-picture')).toHaveLength(9);
    expect(page.querySelector('.image-add')).toBeUndefined();
    for (let i = 0; i < 9; i += 1) {
      uploads[i].success({ statusCode: 201, data: JSON.stringify(uploaded(i + 1)) });
      await settle();
    }
    await adding;
    await tap(page.querySelectorAll('.image-remove')[0]);
    expect(page.querySelectorAll('.image-picture')).toHaveLength(8);
    expect(textOf(page, '.image-add-text')).toBe('8/9');
  });

  it('posts anonymously with a habit linked, and opens the post when it is published', async () => {
    const page = await open();
    await write(page, '连续打卡 30 天', '一个月了');
    page.instance.onAnonymous({ detail: { value: true } });
    page.instance.onHabit({ detail: { value: '2' } });
    await settle();
    expect(textOf(page, '.hint')).toBe('其他人看到的作者是「匿名用户」');
    expect(textOf(page, '.habit-name')).toBe('跑步');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(posted()).toEqual([{ board: 'campus', title: '一个月了', content: '连续打卡 30 天', anonymous: true, link: { kind: 'habit', documentId: docId('habit', 2) } }]);
    expect(ui.toasts).toEqual(['发布成功']);
    expect(ui.redirects).toEqual([`/pages/community-post/index?id=${docId('post', 1)}`]);
  });

  it('says 审核中 when the post waits for a moderator', async () => {
    create = () => ok(createdPost(post(1, { mine: true, status: 'pending' }), 'pending'), 201);
    const page = await open();
    await write(page, '等审核');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.outcome-title')).toBe('审核中');
    await tap(page.querySelector('.outcome-mine'));
    expect(ui.redirects).toEqual(['/pages/community-mine/index']);
  });

  it('marks the risky field with 内容含有违规信息 and keeps the draft', async () => {
    create = () => risky('title');
    const page = await open();
    await write(page, '正文', '违规标题');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.refusal')).toBe('内容含有违规信息，请修改标题后再发');
    expect(page.querySelectorAll('.field-risky')).toHaveLength(1);
    expect(page.instance.data.form).toMatchObject({ title: '违规标题', content: '正文' });
  });

  it('says until when I am muted, and words a closed board, 429 and no network', async () => {
    create = () => muted();
    const page = await open();
    await write(page, '还能发吗');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.muted-banner')).toBe('你已被禁言至 12月10日 08:00，期间不能发帖和评论');
    const cases: Array<[WxAnswer | 'fail', string]> = [
      [refusal(403, 'ForbiddenError', 'Only members may post here', { reason: 'membership_required' }), '这个版块仅会员可以发帖'],
      [tooMany('发帖太频繁，请稍后再试', 300), '发帖太频繁，请稍后再试（300 秒后可再试）'],
      ['fail', '网络不给力，请稍后重试'],
    ];
    for (const [answer, message] of cases) {
      create = () => answer;
      await tap(page.querySelector('.submit'));
      await settle();
      expect(textOf(page, '.refusal')).toBe(message);
      expect(page.querySelector('.muted-banner')).toBeUndefined();
    }
    expect(page.instance.data.form).toMatchObject({ content: '还能发吗' });
  });

  it('shows the error with a retry when the boards cannot be read', async () => {
    const page = renderPage('community-write');
    double.handler = () => 'fail';
    page.instance.onLoad({});
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('网络不给力，请稍后重试');
  });
});
