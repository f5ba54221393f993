import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { RISKY_MEDIA_MARKER, pushSignature } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { getService as wechatService } from '../../src/plugins/wechat/server/src/utils/get-service';
import { getService } from '../../src/plugins/community/server/src/utils/get-service';
import { createBoard, createImageFile, createPost, type TestBoard } from '../helpers/community';
import { eventually } from '../helpers/leaderboard';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { fakeWeChat, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../helpers/wechat';

/**
 * WeChat's image check (mediaCheckAsync v2): each image of a new post is sent to WeChat, which answers a
 * trace id and pushes its verdict later to the message-push endpoint, signed with the push token. A risky
 * image hides the post; an unsigned or wrongly signed push changes nothing.
 */
const PUSH_TOKEN = `tok${crypto.randomBytes(8).toString('hex')}`;
let board: TestBoard;

beforeAll(async () => {
  const fake = await setupWeChat({ WECHAT_PUSH_TOKEN: PUSH_TOKEN });
  const { port } = getStrapi().server.httpServer.address() as AddressInfo;
  fake.setPushTarget({ url: `http://127.0.0.1:${port}/api/wechat/push`, token: PUSH_TOKEN });
  board = await createBoard();
});
afterAll(teardownWeChat);

const signed = (token = PUSH_TOKEN) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(crypto.randomInt(1e9));
  return { signature: pushSignature(token, timestamp, nonce), timestamp, nonce };
};
const verdictEvent = (traceId: string, suggest: 'pass' | 'risky' | 'review', label = suggest === 'risky' ? 20002 : 100) => ({
  ToUserName: 'gh_fake',
  FromUserName: 'o-someone',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: WECHAT_APP_ID,
  trace_id: traceId,
  version: 2,
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label },
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
});

const postRow = (id: number) => getStrapi().db.query('plugin::community.post').findOne({ where: { id } });
const checksOf = (postId: number) => getStrapi().db.query('plugin::community.media-check').findMany({ where: { post: { id: postId } }, orderBy: { id: 'asc' } });
const decisionsOn = (postId: number) => getStrapi().db.query('plugin::community.decision').findMany({ where: { targetType: 'post', targetId: postId } });

/** A post's entry in the moderators' pending queue, paging through it (worker databases outlive a run). */
const queued = async (postId: number) => {
  let cursor: string | undefined;
  do {
    const page = await getService(getStrapi(), 'moderation').queue({ kind: 'pending', targetType: 'post', limit: 50, cursor });
    const found = page.items.find((item) => item.id === postId);
    if (found) return found;
    cursor = page.next ?? undefined;
  } while (cursor);
  return undefined;
};

/** What the posts service does after storing a post with images. */
const postWithImages = async (author: TestUser, names: string[]) => {
  const imageFileIds = await Promise.all(names.map((name) => createImageFile(name)));
  const post = await createPost(author, board, { imageFileIds });
  await getStrapi().eventHub.emit('community.post.created', { postId: post.id, documentId: post.documentId, userId: author.id, imageFileIds });
  return post;
};

/** A post with one image whose check was sent (trace id recorded) but whose verdict has not come. */
const awaitingVerdict = async (author: TestUser) => {
  const post = await createPost(author, board, { imageFileIds: [await createImageFile('photo')] });
  const traceId = `trace-${crypto.randomBytes(6).toString('hex')}`;
  await getStrapi().db.query('plugin::community.media-check').create({ data: { post: post.id, fileId: 1, traceId, verdict: 'pending' } });
  await getStrapi().db.query('plugin::community.post').update({ where: { id: post.id }, data: { mediaCheck: 'pending' } });
  return { post, traceId };
};

describe('the message-push endpoint', () => {
  it('answers WeChat’s URL check with the echostr only when it is signed with the push token', async () => {
    const ok = await http().get('/api/wechat/push').query({ ...signed(), echostr: '7364917421' }).expect(200);
    expect(ok.text).toBe('7364917421');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    const forged = await http().get('/api/wechat/push').query({ ...signed('not-the-token'), echostr: '7364917421' }).expect(403);
    expect(forged.body.error.details).toEqual({ reason: 'bad_signature' });
    await http().get('/api/wechat/push').query({ echostr: '1' }).expect(403);
  });

  it('refuses a verdict with a bad signature, and the post, its check and the audit trail stay as they were', async () => {
    const author = await createUser();
    const { post, traceId } = await awaitingVerdict(author);
    for (const query of [signed('wrong-token'), { ...signed(), signature: 'f'.repeat(40) }, {}]) {
      await http().post('/api/wechat/push').query(query).send(verdictEvent(traceId, 'risky')).expect(403);
    }
    // A replayed signature for other parameters is wrong too.
    const stolen = signed();
    await http().post('/api/wechat/push').query({ ...stolen, nonce: `${stolen.nonce}1` }).send(verdictEvent(traceId, 'risky')).expect(403);
    expect(await postRow(post.id)).toMatchObject({ status: 'published', mediaCheck: 'pending', hiddenReason: null });
    expect(await checksOf(post.id)).toEqual([expect.objectContaining({ traceId, verdict: 'pending', label: null })]);
    expect(await decisionsOn(post.id)).toEqual([]);
  });

  it('hides the post on a signed risky verdict (JSON), with a decision by wechat and a word to the author, once', async () => {
    const author = await createUser();
    const { post, traceId } = await awaitingVerdict(author);
    const res = await http().post('/api/wechat/push').query(signed()).send(verdictEvent(traceId, 'risky')).expect(200);
    expect(res.text).toBe('success');
    expect(await postRow(post.id)).toMatchObject({ status: 'hidden', hiddenReason: 'media', mediaCheck: 'risky' });
    expect(await checksOf(post.id)).toEqual([expect.objectContaining({ verdict: 'risky', label: 20002 })]);
    expect(await decisionsOn(post.id)).toEqual([expect.objectContaining({ source: 'wechat', action: 'hide', fromStatus: 'published', toStatus: 'hidden' })]);
    const notes = await getStrapi().db.query('plugin::community.notification').findMany({ where: { user: { id: author.id } } });
    expect(notes).toEqual([expect.objectContaining({ kind: 'hidden', text: '你的帖子因图片违规已被隐藏', targetDocumentId: post.documentId })]);
    // WeChat pushes again when unsure we got it: nothing more happens.
    await http().post('/api/wechat/push').query(signed()).send(verdictEvent(traceId, 'risky')).expect(200);
    expect(await decisionsOn(post.id)).toHaveLength(1);
  });

  it('reads a verdict pushed as XML (plain-text mode) too', async () => {
    const author = await createUser();
    const { post, traceId } = await awaitingVerdict(author);
    const xml =
      `<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><FromUserName><![CDATA[o-someone]]></FromUserName><CreateTime>1733300000</CreateTime>` +
      `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[wxa_media_check]]></Event><appid><![CDATA[${WECHAT_APP_ID}]]></appid>` +
      `<trace_id><![CDATA[${traceId}]]></trace_id><version>2</version><errcode>0</errcode><errmsg><![CDATA[ok]]></errmsg>` +
      `<detail><strategy><![CDATA[content_model]]></strategy><errcode>0</errcode><suggest><![CDATA[risky]]></suggest><label>20006</label><prob>90</prob></detail>` +
      `<result><suggest><![CDATA[risky]]></suggest><label>20006</label></result></xml>`;
    await http().post('/api/wechat/push').query(signed()).set('Content-Type', 'text/xml').send(xml).expect(200);
    expect(await postRow(post.id)).toMatchObject({ status: 'hidden', hiddenReason: 'media' });
    expect(await checksOf(post.id)).toEqual([expect.objectContaining({ verdict: 'risky', label: 20006 })]);
  });

  it('acknowledges other events and refuses a body it cannot read', async () => {
    await http().post('/api/wechat/push').query(signed()).send({ MsgType: 'event', Event: 'subscribe_msg_popup_event' }).expect(200);
    await http().post('/api/wechat/push').query(signed()).set('Content-Type', 'text/xml').send('<html>no</html>').expect(400);
    await http().post('/api/wechat/push').query(signed()).send({ Event: 'wxa_media_check', trace_id: 'x' }).expect(400);
  });
});

describe('the image check of a new post, end to end with the fake WeChat', () => {
  it('sends each image to WeChat (scene 3, the author’s openid, an absolute URL) and hides the post when one is risky', async () => {
    const author = await createUser();
    const post = await postWithImages(author, ['cat', `${RISKY_MEDIA_MARKER}-pic`]);
    const row = await eventually(() => postRow(post.id), (p) => p.status === 'hidden');
    expect(row).toMatchObject({ status: 'hidden', hiddenReason: 'media', mediaCheck: 'risky' });
    // Both verdicts delivered (the pass may land after the risky one).
    const sent = await eventually(
      async () => fakeWeChat().mediaChecks.filter((check) => check.openid === author.openid),
      (checks) => checks.length === 2 && checks.every((check) => check.pushed !== null),
    );
    expect(sent).toHaveLength(2);
    for (const check of sent) {
      expect(check).toMatchObject({ scene: 3, pushed: 200 });
      expect(check.mediaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/.+\.png$/);
    }
    expect((await checksOf(post.id)).map((check: { verdict: string }) => check.verdict).sort()).toEqual(['pass', 'risky']);
    expect(await decisionsOn(post.id)).toEqual([expect.objectContaining({ source: 'wechat', action: 'hide' })]);
  });

  it('keeps a post whose images pass, marked checked', async () => {
    const author = await createUser();
    const post = await postWithImages(author, ['sunrise', 'garden']);
    const row = await eventually(() => postRow(post.id), (p) => p.mediaCheck === 'pass');
    expect(row).toMatchObject({ status: 'published', mediaCheck: 'pass' });
    expect(await decisionsOn(post.id)).toEqual([]);
  });

  it('sends a post whose image WeChat would not take to the moderators’ queue, still published', async () => {
    const author = await createUser();
    fakeWeChat().failNext('media_check_async', 45009);
    const post = await postWithImages(author, ['busy']);
    const row = await eventually(() => postRow(post.id), (p) => p.mediaCheck === 'review');
    expect(row).toMatchObject({ status: 'published', mediaCheck: 'review' });
    expect(await queued(post.id)).toMatchObject({ reasons: ['media_review'] });
    // A moderator looks and keeps it: the image passes and the post leaves the queue.
    const moderator = { id: 1, name: 'Mo' };
    await getService(getStrapi(), 'moderation').decide('post', post.documentId, { action: 'approve' }, moderator);
    expect(await postRow(post.id)).toMatchObject({ status: 'published', mediaCheck: 'pass' });
    expect(await queued(post.id)).toBeUndefined();
  });
});

describe('a verdict that does not come', () => {
  it('puts the post in the moderators’ queue once the timeout has passed (30 minutes)', async () => {
    const author = await createUser();
    const { post: late } = await awaitingVerdict(author);
    const { post: recent } = await awaitingVerdict(author);
    await getStrapi().db.query('plugin::community.post').update({ where: { id: late.id }, data: { createdAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await queued(late.id)).toMatchObject({ status: 'published', reasons: ['media_unjudged'] });
    expect(await queued(recent.id)).toBeUndefined();
  });
});

describe('the client', () => {
  it('asks mediaCheckAsync v2 with the access token and returns the trace id; WeChat’s errors are errors', async () => {
    const api = wechatService(getStrapi(), 'wechatApi');
    const { traceId } = await api.checkMediaAsync({ mediaUrl: 'https://example.com/a.png', mediaType: 2, scene: 3, openid: 'o-client-test' });
    expect(fakeWeChat().mediaChecks.find((check) => check.traceId === traceId)).toMatchObject({ mediaUrl: 'https://example.com/a.png', scene: 3 });
    await expect(api.checkMediaAsync({ mediaUrl: 'https://example.com/a.png', mediaType: 2, scene: 3, openid: '' })).rejects.toMatchObject({ name: 'WeChatApiError', errcode: 40003 });
  });
});
