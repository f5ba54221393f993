import { postBody, withChosen, uploadDone } from '../../logic/community-write';
import { reportBody } from '../../logic/community-report';
import { shapeChecker, type Exchange } from './shape-check';
import {
  boards,
  comment,
  createdComment,
  createdPost,
  docId,
  feedPage,
  image,
  likeAnswer,
  locked,
  muted,
  notFound,
  notification,
  notificationsPage,
  post,
  refusal,
  repliesPage,
  reply,
  risky,
  thread,
  threadsPage,
  tooMany,
  unauthorized,
  uploaded,
} from '../helpers/community-fixtures';
import type { WxAnswer } from '../helpers/wx-double';

/**
 * The community pages are tested against made-up answers (tests/helpers/community-fixtures.ts) while the
 * server side is built from the same contract. These hold every fixture, and every body the pages send,
 * to the API document (miniprogram/api/openapi.json) the client's types come from, so the page tests
 * cannot drift from what the server promises.
 */

const check = shapeChecker();
const POST = docId('post', 1);
const COMMENT = docId('comment', 1);

const exchange = (method: string, path: string, answer: WxAnswer | { status: number; body: unknown }, requestBody?: unknown): Exchange => ({
  method,
  path,
  requestBody,
  status: answer.status,
  responseBody: answer.body ?? null,
});
const okAnswer = (body: unknown, status = 200) => ({ status, body });

const richPost = post(1, {
  images: [image(1), image(2)],
  link: { kind: 'habit', documentId: docId('habit'), title: '早起', localDate: null, currentStreak: 12, longestStreak: 21, totalCheckIns: 112 },
});
const anonymousPost = post(2, { author: { documentId: null, nickname: '匿名用户', avatar: null, anonymous: true } });
const myPosts = [post(3, { mine: true, status: 'pending' }), post(4, { mine: true, status: 'rejected', moderationNote: '含有广告' }), post(5, { mine: true, status: 'hidden', moderationNote: '被举报' })];
const slots = uploadDone(withChosen([], ['a.jpg'], () => 'k'), 'k', docId('image', 1));

const THREADS = [thread(1, [reply(2, 1), reply(3, 1, { replyToName: '评论者2', mine: true, status: 'pending' })], { replyCount: 5 }), thread(5)];

const exchanges: Array<[string, Exchange]> = [
  ['boards', exchange('GET', '/api/community/boards', okAnswer({ data: boards(), meta: {} }))],
  ['a board feed with pinned posts', exchange('GET', '/api/community/boards/campus/posts', okAnswer(feedPage([richPost, anonymousPost], 'next', [post(9, { pinned: true })])))],
  ['a missing board', exchange('GET', '/api/community/boards/gone/posts', notFound())],
  ['the following feed', exchange('GET', '/api/community/feed/following', okAnswer(feedPage([post(6)])))],
  ['the following feed signed out', exchange('GET', '/api/community/feed/following', unauthorized())],
  ['my posts in every status', exchange('GET', '/api/community/me/posts', okAnswer(feedPage(myPosts)))],
  ['a post', exchange('GET', `/api/community/posts/${POST}`, okAnswer({ data: richPost, meta: {} }))],
  ['a post that is gone', exchange('GET', `/api/community/posts/${POST}`, notFound())],
  ['a post deleted', exchange('DELETE', `/api/community/posts/${POST}`, { status: 204, body: null })],
  ['an image uploaded', exchange('POST', '/api/community/images', okAnswer(uploaded(1), 201))],
  ['an image refused for a muted writer', exchange('POST', '/api/community/images', muted())],
  ['an image over the budget', exchange('POST', '/api/community/images', tooMany('上传太频繁，请稍后再试'))],
  [
    'a post published',
    exchange('POST', '/api/community/posts', okAnswer(createdPost(post(1, { mine: true }), 'published'), 201), postBody({ board: 'campus', title: '标题', content: '内容', anonymous: true, habit: docId('habit') }, slots)),
  ],
  ['a post pending', exchange('POST', '/api/community/posts', okAnswer(createdPost(post(1, { mine: true, status: 'pending' }), 'pending'), 201), postBody({ board: 'campus', title: '', content: '内容', anonymous: false, habit: '' }, []))],
  ['a risky post', exchange('POST', '/api/community/posts', risky('title'), { board: 'campus', content: '内容' })],
  ['a post by a muted writer', exchange('POST', '/api/community/posts', muted(), { board: 'campus', content: '内容' })],
  ['a post on a closed board', exchange('POST', '/api/community/posts', refusal(403, 'ForbiddenError', '这个版块仅会员可以发帖', { reason: 'membership_required' }), { board: 'vip', content: '内容' })],
  ['a post over the budget', exchange('POST', '/api/community/posts', tooMany(), { board: 'campus', content: '内容' })],
  ['a like', exchange('PUT', `/api/community/posts/${POST}/like`, okAnswer(likeAnswer(true, 5)))],
  ['a like taken back', exchange('DELETE', `/api/community/posts/${POST}/like`, okAnswer(likeAnswer(false, 4)))],
  ['a comment like', exchange('PUT', `/api/community/comments/${COMMENT}/like`, okAnswer(likeAnswer(true, 1)))],
  ['threads', exchange('GET', `/api/community/posts/${POST}/comments`, okAnswer(threadsPage(THREADS, 'c1')))],
  [
    'a deleted comment kept for its replies (该评论已删除, no author)',
    exchange('GET', `/api/community/posts/${POST}/comments`, okAnswer(threadsPage([thread(1, [reply(2, 1)], { deleted: true, content: '该评论已删除', author: null })]))),
  ],
  ['more replies', exchange('GET', `/api/community/comments/${COMMENT}/replies`, okAnswer(repliesPage([reply(4, 1)], null)))],
  ['a reply', exchange('POST', `/api/community/posts/${POST}/comments`, okAnswer(createdComment(reply(7, 1, { mine: true, replyToName: '评论者2' })), 201), { content: '加油', replyTo: docId('comment', 2) })],
  ['a comment pending', exchange('POST', `/api/community/posts/${POST}/comments`, okAnswer(createdComment(comment(8, { mine: true, status: 'pending' }), 'pending'), 201), { content: '求审核' })],
  ['a comment on a locked post', exchange('POST', `/api/community/posts/${POST}/comments`, locked(), { content: '来晚了' })],
  ['a risky comment', exchange('POST', `/api/community/posts/${POST}/comments`, risky(), { content: '违规' })],
  ['a comment deleted', exchange('DELETE', `/api/community/comments/${COMMENT}`, { status: 204, body: null })],
  ['a follow', exchange('PUT', `/api/community/users/${docId('user')}/follow`, okAnswer({ data: { following: true }, meta: {} }))],
  ['a report', exchange('POST', '/api/community/reports', okAnswer({ data: { reported: true }, meta: {} }), reportBody('comment', COMMENT, 'abuse', '骂人'))],
  ['a report over the budget', exchange('POST', '/api/community/reports', tooMany('举报太频繁，请稍后再试'), reportBody('post', POST, 'spam', ''))],
  ['notifications', exchange('GET', '/api/community/notifications', okAnswer(notificationsPage([notification(1), notification(2, { kind: 'muted', postDocumentId: null, targetType: null, targetDocumentId: null, actorName: null })], 1, 'n2')))],
  ['the unread count', exchange('GET', '/api/community/notifications/unread-count', okAnswer({ data: { unread: 3 }, meta: {} }))],
  ['one notification read', exchange('POST', '/api/community/notifications/read', okAnswer({ data: { unread: 2 }, meta: {} }), { ids: [docId('notice', 1)] })],
  ['every notification read', exchange('POST', '/api/community/notifications/read', okAnswer({ data: { unread: 0 }, meta: {} }), {})],
];

describe('the community fixtures and requests match the API document', () => {
  it.each(exchanges)('%s', (_name, each) => {
    expect(check(each)).toEqual([]);
  });
});
