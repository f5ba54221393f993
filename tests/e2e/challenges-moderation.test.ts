import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';
import { adminRoleId, adminWith, removeAdmins, type TestAdmin } from '../helpers/admin';
import { createTemplate, credit, setNow, type TestTemplate } from '../helpers/challenges';
import { makeVip } from '../helpers/challenges-finish';

/**
 * User-made challenges WeChat's text check wants a person to read wait for the moderators (the same
 * 审核员 role as the community's queue, through the admin API): listed oldest first with their creator;
 * approved ones become joinable by their code, rejected ones stay hidden; every decision is in the
 * moderation audit trail and the creator is told.
 */
const BEFORE_START = '2026-02-20T04:00:00Z';
let template: TestTemplate;
let moderator: TestAdmin;

beforeAll(async () => {
  await setupWeChat();
  template = await createTemplate();
  moderator = await adminWith(await adminRoleId('community-moderator'));
  // Worker databases outlive a run: start from an empty list.
  await getStrapi().db.connection('challenges').where({ review: 'pending' }).update({ review: 'rejected' });
});
afterEach(() => setNow(null));
afterAll(async () => {
  await removeAdmins();
  await teardownWeChat();
});

/** A VIP's challenge whose title the fake WeChat answers `review` for (its text check: 待审). */
const pendingChallenge = async (creator: TestUser, title = '待审的挑战') => {
  const res = await http()
    .post('/api/challenges')
    .set(creator.auth)
    .send({ title, habitTemplate: template.documentId, startDate: '2026-03-01', endDate: '2026-03-21', rule: 'daysOf', targetDays: 14, entryCost: 5 })
    .expect(201);
  return res.body.data as { documentId: string; inviteCode: string; id: number };
};
const pending = async (auth = moderator.auth) => (await http().get('/challenges/moderation/pending').set(auth).expect(200)).body;
const decide = (documentId: string, body: Record<string, unknown>, auth = moderator.auth) =>
  http().post(`/challenges/moderation/${documentId}/decision`).set(auth).send(body);
const byCode = (user: TestUser, code: string) => http().post('/api/challenges/join-by-code').set(user.auth).send({ code });
const notificationsOf = async (user: TestUser) =>
  (await http().get('/api/community/notifications').set(user.auth).expect(200)).body.data as Array<{ kind: string; text: string; targetType: string | null; targetDocumentId: string | null }>;

describe('pending user-made challenges', () => {
  it('are listed for moderators, oldest first, with the creator and the rules; nobody else may see the list', async () => {
    setNow(BEFORE_START);
    const creator = await makeVip(await createUser());
    const first = await pendingChallenge(creator, '待审的挑战一');
    const second = await pendingChallenge(creator, '待审的挑战二');
    const list = await pending();
    expect(list.meta).toEqual({ total: 2 });
    expect(list.data.map((item: { documentId: string }) => item.documentId)).toEqual([first.documentId, second.documentId]);
    expect(list.data[0]).toMatchObject({
      title: '待审的挑战一',
      startDate: '2026-03-01',
      endDate: '2026-03-21',
      entryCost: 5,
      creator: { id: creator.id, nickname: expect.any(String) },
    });
    expect(list.data[0].rules).toContain('14');

    const editor = await adminWith(await adminRoleId('strapi-editor'));
    await http().get('/challenges/moderation/pending').set(editor.auth).expect(403);
    await decide(first.documentId, { action: 'approve' }, editor.auth).expect(403);
    await http().get('/challenges/moderation/pending').set(creator.auth).expect(401);
    await http().get('/challenges/moderation/pending').expect(401);
    for (const made of [first, second]) await decide(made.documentId, { action: 'reject', note: '清理' }).expect(200);
  });

  it('approved: joinable by its code, the creator told, the decision in the audit trail; a second decision is 409', async () => {
    setNow(BEFORE_START);
    const creator = await makeVip(await createUser());
    const made = await pendingChallenge(creator);
    const friend = await createUser();
    await credit(friend, 5);
    await byCode(friend, made.inviteCode).expect(404);

    const approved = await decide(made.documentId, { action: 'approve' }).expect(200);
    expect(approved.body.data).toEqual({ documentId: made.documentId, review: 'published' });
    expect((await byCode(friend, made.inviteCode).expect(200)).body.data).toMatchObject({ status: 'active', entryPaid: 5 });
    expect((await pending()).data.map((item: { documentId: string }) => item.documentId)).not.toContain(made.documentId);

    const conflict = await decide(made.documentId, { action: 'reject', note: '太晚了' }).expect(409);
    expect(conflict.body.error.details).toEqual({ reason: 'not_pending', review: 'published' });
    expect(await notificationsOf(creator)).toEqual([
      expect.objectContaining({ kind: 'approved', targetType: 'challenge', targetDocumentId: made.documentId, text: expect.stringContaining('已通过审核') }),
    ]);
    const trail = await getStrapi().db.connection('community_decisions').where({ target_type: 'challenge', target_id: made.id }).select('action', 'from_status', 'to_status', 'moderator_id');
    expect(trail).toEqual([{ action: 'approve', from_status: 'pending', to_status: 'published', moderator_id: moderator.id }]);
  });

  it('rejected: needs a reason, stays hidden from everyone but its creator, who is told why', async () => {
    setNow(BEFORE_START);
    const creator = await makeVip(await createUser());
    const made = await pendingChallenge(creator);
    expect((await decide(made.documentId, { action: 'reject' }).expect(400)).body.error.details.errors[0].path).toEqual(['note']);
    await decide(made.documentId, { action: 'maybe' }).expect(400);
    await decide('nosuchchallenge000000000', { action: 'approve' }).expect(404);

    await decide(made.documentId, { action: 'reject', note: '标题含有广告' }).expect(200);
    const friend = await createUser();
    await byCode(friend, made.inviteCode).expect(404);
    await http().get(`/api/challenges/${made.documentId}`).set(friend.auth).expect(404);
    await http().get(`/api/challenges/${made.documentId}/board`).set(friend.auth).expect(404);
    expect((await notificationsOf(creator))[0]).toMatchObject({ kind: 'rejected', text: expect.stringContaining('标题含有广告') });
  });
});
