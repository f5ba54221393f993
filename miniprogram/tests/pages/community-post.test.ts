/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type RenderedPage, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import type { CommentThread, CommunityPost } from '../../api/paths';
import {
  comment,
  createdComment,
  docId,
  image,
  likeAnswer,
  locked,
  muted,
  notFound,
  NOW,
  post,
  refusal,
  repliesPage,
  reply,
  risky,
  thread,
  threadsPage,
} from '../helpers/community-fixtures';

/**
 * A post's page: the post (images, linked habit, like, follow, delete or report), its threads with
 * 回复 @name and more replies, the reply box, my comments' deletion (该评论已删除), a locked post, the
 * report sheet, and the refusals: 404, 403 muted / comments_locked, 400 内容含有违规信息.
 */

let double: WxDouble;
let ui: UiCalls;
let previews: Array<{ urls: string[]; current: string }>;
let routes: Array<(call: WxCall) => WxAnswer | 'fail' | undefined>;

const POST_ID = docId('post', 1);
const postPath = `/api/community/posts/${POST_ID}`;

const thePost = (over: Partial<CommunityPost> = {}) =>
  post(1, {
    images: [image(1), image(2), image(3)],
    link: { kind: 'habit', documentId: docId('habit'), title: '早起', localDate: null, currentStreak: 12, longestStreak: 21, totalCheckIns: 112 },
    commentCount: 4,
    ...over,
  });

const theThreads = (): CommentThread[] => [
  thread(1, [reply(2, 1), reply(3, 1, { replyToName: '评论者2', mine: true })], { replyCount: 4 }),
  thread(5, [], { mine: true }),
];

/** The post and its threads unless a test's route answers first. */
const serve = (postAnswer: WxAnswer = ok({ data: thePost(), meta: {} }), threads: CommentThread[] = theThreads()) => (call: WxCall): WxAnswer | 'fail' => {
  for (const route of routes) {
    const answer = route(call);
    if (answer) return answer;
  }
  if (call.method === 'GET' && call.path === postPath) return postAnswer;
  if (call.method === 'GET' && call.path.startsWith(`${postPath}/comments?`)) return ok(threadsPage(threads));
  return notFound();
};

let handler: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  routes = [];
  handler = serve();
  ({ double, ui } = installApp((call) => handler(call), { now: () => NOW }));
  previews = [];
  Object.assign((globalThis as unknown as { wx: object }).wx, { previewImage: (option: { urls: string[]; current: string }) => void previews.push(option) });
});

const open = async (): Promise<RenderedPage> => {
  const page = renderPage('community-post');
  page.instance.onLoad({ id: POST_ID });
  await settle();
  return page;
};

const sent = (method: string) => double.calls.filter((call) => call.method === method).map((call) => ({ path: call.path, body: call.body }));
const texts = (page: RenderedPage, selector: string) => page.querySelectorAll(selector).map((node) => (node.dom.textContent ?? '').replace(/\s+/g, ' ').trim());
const threadTexts = (page: RenderedPage) => texts(page, '.thread-text');

describe('the post', () => {
  it('shows the text, the image grid (tap to preview), the shared habit and the counts', async () => {
    const page = await open();
    expect(textOf(page, '.title')).toBe('第 1 篇');
    expect(textOf(page, '.content')).toBe('今天也坚持早起了，第 1 天。');
    expect(textOf(page, '.link-title')).toBe('习惯 · 早起');
    expect(textOf(page, '.comments-head')).toBe('评论 4');
    await tap(page.querySelectorAll('.cell')[2]);
    expect(previews).toEqual([{ urls: [1, 2, 3].map((n) => image(n).url), current: image(3).url }]);
  });

  it('likes at once and puts the like back when refused', async () => {
    routes.push((call) => (call.method === 'PUT' ? muted() : undefined));
    const page = await open();
    expect(textOf(page, '.post-like')).toBe('♡ 1');
    await tap(page.querySelector('.post-like'));
    await settle();
    expect(textOf(page, '.post-like')).toBe('♡ 1');
    expect(ui.toasts).toEqual(['你已被禁言至 12月10日 08:00']);
  });

  it('follows the author, and offers no follow on an anonymous post', async () => {
    routes.push((call) => (call.method === 'PUT' && call.path.endsWith('/follow') ? ok({ data: { following: true }, meta: {} }) : undefined));
    const page = await open();
    await tap(page.querySelector('.follow'));
    await settle();
    expect(sent('PUT')).toEqual([{ path: `/api/community/users/${docId('user', 1)}/follow`, body: undefined }]);
    expect(textOf(page, '.follow')).toBe('已关注');
    handler = serve(ok({ data: thePost({ author: { documentId: null, nickname: '匿名用户', avatar: null, anonymous: true } }), meta: {} }));
    const anonymous = await open();
    expect(textOf(anonymous, '.author')).toBe('匿名用户');
    expect(anonymous.querySelector('.follow')).toBeUndefined();
  });

  it('deletes my own post after asking, and goes back', async () => {
    handler = serve(ok({ data: thePost({ mine: true, status: 'rejected', moderationNote: '广告' }), meta: {} }));
    routes.push((call) => (call.method === 'DELETE' && call.path === postPath ? { status: 204, body: null } : undefined));
    const page = await open();
    expect(textOf(page, '.status')).toBe('未通过：原因：广告');
    expect(page.querySelector('.post-report')).toBeUndefined();
    await tap(page.querySelector('.post-delete'));
    await settle();
    expect(sent('DELETE')).toEqual([{ path: postPath, body: undefined }]);
    expect(ui.navigations).toEqual(['back']);
  });

  it('shows 内容不存在或已被删除 for a post that is gone (or not published), and reads again on retry', async () => {
    handler = serve(notFound());
    const page = await open();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('内容不存在或已被删除');
    expect(page.querySelector('.reply-box')).toBeUndefined();
    handler = serve();
    await tap(page.querySelector('#state')!.querySelector('.state-retry'));
    await settle();
    expect(textOf(page, '.title')).toBe('第 1 篇');
  });
});

describe('its comments', () => {
  it('shows threads with 回复 @name, and reads more replies of a thread once each', async () => {
    routes.push((call) =>
      call.path.startsWith(`/api/community/comments/${docId('comment', 1)}/replies`) ? ok(repliesPage([reply(3, 1), reply(4, 1), reply(6, 1)], null)) : undefined,
    );
    const page = await open();
    expect(threadTexts(page)).toEqual(['评论 1', '评论 5']);
    expect(texts(page, '.reply-text')).toEqual(['评论 2', '回复 @评论者2：评论 3']);
    expect(texts(page, '.more-replies')).toEqual(['展开 2 条回复']);
    await tap(page.querySelector('.more-replies'));
    await settle();
    expect(sent('GET').at(-1)!.path).toBe(`/api/community/comments/${docId('comment', 1)}/replies`);
    expect(texts(page, '.reply-text')).toEqual(['评论 2', '回复 @评论者2：评论 3', '评论 4', '评论 6']);
    expect(page.querySelector('.more-replies')).toBeUndefined();
  });

  it('replies to a comment as 回复 @name and shows the reply in its thread', async () => {
    routes.push((call) =>
      call.method === 'POST' ? ok(createdComment(reply(7, 1, { content: '加油', replyToName: '评论者2', mine: true })), 201) : undefined,
    );
    const page = await open();
    // 回复 buttons in order: comment 1, its replies 2 and 3, comment 5.
    await tap(page.querySelectorAll('.comment-reply')[1]);
    expect(textOf(page, '.reply-target')).toContain('回复 @评论者2');
    expect(page.instance.data.placeholder).toBe('回复 @评论者2');
    page.instance.onDraft({ detail: { value: ' 加油 ' } });
    await tap(page.querySelector('.reply-send'));
    await settle();
    expect(sent('POST')).toEqual([{ path: `${postPath}/comments`, body: { content: '加油', replyTo: docId('comment', 2) } }]);
    expect(texts(page, '.reply-text')).toEqual(['评论 2', '回复 @评论者2：评论 3', '回复 @评论者2：加油']);
    expect(textOf(page, '.comments-head')).toBe('评论 5');
    expect(page.querySelector('.reply-target')).toBeUndefined();
    expect(page.instance.data.draft).toBe('');
  });

  it('says a comment waits for review when the check wants a moderator', async () => {
    routes.push((call) => (call.method === 'POST' ? ok(createdComment(comment(8, { mine: true, status: 'pending' }), 'pending'), 201) : undefined));
    const page = await open();
    page.instance.onDraft({ detail: { value: '求审核' } });
    await page.instance.send();
    expect(ui.toasts).toEqual(['评论已提交，审核中']);
    expect(threadTexts(page)).toEqual(['评论 1', '评论 5']);
  });

  it('keeps the draft and says 内容含有违规信息 when the text is risky, or until when I am muted', async () => {
    routes.push((call) => (call.method === 'POST' ? risky() : undefined));
    const page = await open();
    page.instance.onDraft({ detail: { value: '违规词' } });
    await page.instance.send();
    expect(ui.toasts).toEqual(['内容含有违规信息']);
    expect(page.instance.data.draft).toBe('违规词');
    routes.unshift((call) => (call.method === 'POST' ? muted() : undefined));
    await page.instance.send();
    expect(ui.toasts.at(-1)).toBe('你已被禁言至 12月10日 08:00');
  });

  it('closes the reply box on a locked post, also when the lock comes with a refusal', async () => {
    handler = serve(ok({ data: thePost({ commentsLocked: true }), meta: {} }));
    const lockedPage = await open();
    expect(textOf(lockedPage, '.locked')).toBe('评论已关闭');
    expect(lockedPage.querySelector('.comment-reply')).toBeUndefined();

    handler = serve();
    routes.push((call) => (call.method === 'POST' ? locked() : undefined));
    const page = await open();
    page.instance.onDraft({ detail: { value: '来晚了' } });
    await page.instance.send();
    await settle();
    expect(textOf(page, '.locked')).toBe('评论已关闭');
    expect(ui.toasts).toEqual(['评论已关闭']);
  });

  it('deletes my comment: a thread with replies stays as 该评论已删除, a reply goes', async () => {
    handler = serve(ok({ data: thePost(), meta: {} }), [thread(1, [reply(2, 1), reply(3, 1, { mine: true })], { mine: true })]);
    routes.push((call) => (call.method === 'DELETE' ? { status: 204, body: null } : undefined));
    const page = await open();
    // 删除 buttons in order: comment 1 (mine), its reply 3 (mine).
    await tap(page.querySelectorAll('.comment-delete')[0]);
    await settle();
    expect(threadTexts(page)).toEqual(['该评论已删除']);
    expect(textOf(page, '.thread-author')).toBe('已删除');
    expect(page.querySelectorAll('.comment-delete')).toHaveLength(1);
    await tap(page.querySelectorAll('.comment-delete')[0]);
    await settle();
    expect(texts(page, '.reply-text')).toEqual(['评论 2']);
    expect(sent('DELETE').map((call) => call.path)).toEqual([`/api/community/comments/${docId('comment', 1)}`, `/api/community/comments/${docId('comment', 3)}`]);
    expect(textOf(page, '.comments-head')).toBe('评论 2');
  });

  it('keeps the post when its comments cannot be read, with a retry', async () => {
    routes.push((call) => (call.path.includes('/comments?') ? 'fail' : undefined));
    const page = await open();
    expect(textOf(page, '.title')).toBe('第 1 篇');
    expect(textOf(page, '.comments-error')).toBe('网络不给力，请稍后重试，点击重试');
    routes.length = 0;
    await tap(page.querySelector('.comments-error'));
    await settle();
    expect(threadTexts(page)).toEqual(['评论 1', '评论 5']);
  });
});

describe('the report sheet', () => {
  it('reports a comment with a reason and shows 已举报', async () => {
    routes.push((call) => (call.method === 'POST' && call.path === '/api/community/reports' ? ok({ data: { reported: true }, meta: {} }) : undefined));
    const page = await open();
    await tap(page.querySelectorAll('.comment-report')[0]);
    const sheet = page.querySelector('#report')!;
    expect(textOf(sheet, '.sheet-title')).toBe('举报评论');
    await tap(sheet.querySelectorAll('.reason')[0]);
    await tap(sheet.querySelector('.submit'));
    await settle();
    expect(sent('POST')).toEqual([{ path: '/api/community/reports', body: { targetType: 'comment', targetDocumentId: docId('comment', 1), reason: 'spam' } }]);
    expect(textOf(page.querySelector('#report')!, '.done-text')).toBe('已举报');
  });

  it('says why a report failed and lets it be sent again', async () => {
    routes.push((call) => (call.path === '/api/community/reports' ? refusal(429, 'RateLimitError', '举报太频繁，请稍后再试', { retryAfterSeconds: 600 }, { 'Retry-After': '600' }) : undefined));
    const page = await open();
    await tap(page.querySelector('.post-report'));
    const sheet = page.querySelector('#report')!;
    expect(textOf(sheet, '.sheet-title')).toBe('举报帖子');
    await tap(sheet.querySelectorAll('.reason')[5]);
    await tap(sheet.querySelector('.submit'));
    await settle();
    expect(textOf(page.querySelector('#report')!, '.error')).toBe('举报太频繁，请稍后再试（600 秒后可再试）');
    expect(page.querySelector('#report')!.querySelector('.done')).toBeUndefined();
  });
});
