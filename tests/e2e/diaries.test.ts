import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { saveRules } from '../helpers/settings';
import { createUser, type TestUser } from '../helpers/users';

/** Diaries over HTTP: one per local date, drafts, the first published diary of a day earns points once. */
const clock = () => getService(getStrapi(), 'clock');
const ledger = () => getService(getStrapi(), 'ledger');

const write = (user: TestUser, data: Record<string, unknown>) => http().post('/api/diaries').set(user.auth).send({ data });
const diaryEntries = async (user: TestUser) =>
  (await ledger().records(user.id, 1, 100)).data.filter((entry) => entry.sourceType === 'diary');

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('one diary per local date', () => {
  it('answers a second diary for the same date with 409, and edits go to the first', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const first = await write(user, { content: 'Rode my bike', mood: 'happy' }).expect(201);
    expect(first.body.data.localDate).toBe('2026-11-20');
    const second = await write(user, { content: 'Again' }).expect(409);
    expect(second.body.error.message).toMatch(/edit it instead/);
    // The answer names the diary that holds the date, so the client can open it.
    expect(second.body.error.details).toEqual({
      reason: 'diary_exists',
      diary: { id: first.body.data.id, documentId: first.body.data.documentId, localDate: '2026-11-20', isDraft: first.body.data.isDraft },
    });
    // A draft holds its date too, and is named the same way; another user's diary never is.
    const other = await createUser();
    const draft = await write(other, { content: 'half written', isDraft: true, localDate: '2026-11-18' }).expect(201);
    const onDraft = await write(other, { content: 'again', localDate: '2026-11-18' }).expect(409);
    expect(onDraft.body.error.details.diary).toEqual({ id: draft.body.data.id, documentId: draft.body.data.documentId, localDate: '2026-11-18', isDraft: true });
    const edited = await http().put(`/api/diaries/${first.body.data.documentId}`).set(user.auth).send({ data: { content: 'Rode my bike to school' } }).expect(200);
    expect(edited.body.data.content).toBe('Rode my bike to school');
  });

  it('lets many concurrent first writes of a date make exactly one diary', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => write(user, { content: `attempt ${i}` })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = answers.find((a) => a.status === 201)!.body.data.documentId;
    for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body.error.details.diary.documentId).toBe(winner);
    expect(await diaryEntries(user)).toHaveLength(1);
    expect((await ledger().balance(user.id)).balance).toBe(10);
  });

  it('refuses a future date and a date that does not exist', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const future = await write(user, { content: 'tomorrow', localDate: '2026-11-21' }).expect(400);
    expect(future.body.error.details.field).toBe('localDate');
    await write(user, { content: 'no such day', localDate: '2026-02-30' }).expect(400);
  });

  it("puts 23:59 and 00:01 Shanghai time on different days (the user's local day)", async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T15:59:00Z');
    expect((await write(user, { content: 'late' }).expect(201)).body.data.localDate).toBe('2026-11-20');
    clock().setNow('2026-11-20T16:01:00Z');
    expect((await write(user, { content: 'early' }).expect(201)).body.data.localDate).toBe('2026-11-21');
  });
});

describe('diary points', () => {
  it('the first published diary of a local day earns the configured points once', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const diary = await write(user, { content: 'day one' }).expect(201);
    expect(diary.body.data.pointsAwarded).toBe(10);
    // Deleting and writing again the same day earns nothing more.
    await http().delete(`/api/diaries/${diary.body.data.documentId}`).set(user.auth).expect(204);
    const again = await write(user, { content: 'day one, again' }).expect(201);
    expect(again.body.data.pointsAwarded).toBe(0);
    // Nor does a backdated diary written the same day.
    const backdated = await write(user, { content: 'forgot yesterday', localDate: '2026-11-19' }).expect(201);
    expect(backdated.body.data.pointsAwarded).toBe(0);
    expect(await diaryEntries(user)).toHaveLength(1);
    // The next local day earns again.
    clock().setNow('2026-11-21T04:00:00Z');
    expect((await write(user, { content: 'day two' }).expect(201)).body.data.pointsAwarded).toBe(10);
    const { balance } = await ledger().balance(user.id);
    expect(balance).toBe(20);
    expect(balance).toBe(await ledger().ledgerSum(user.id));
  });

  it('a draft earns nothing until it is published, then earns once', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const draft = await write(user, { content: 'half written', isDraft: true }).expect(201);
    expect(draft.body.data.pointsAwarded).toBe(0);
    expect(await diaryEntries(user)).toHaveLength(0);
    const id = draft.body.data.documentId;
    const published = await http().put(`/api/diaries/${id}`).set(user.auth).send({ data: { isDraft: false } }).expect(200);
    expect(published.body.data.pointsAwarded).toBe(10);
    // Back to draft and published again: still once.
    await http().put(`/api/diaries/${id}`).set(user.auth).send({ data: { isDraft: true } }).expect(200);
    const republished = await http().put(`/api/diaries/${id}`).set(user.auth).send({ data: { isDraft: false } }).expect(200);
    expect(republished.body.data.pointsAwarded).toBe(10);
    expect(await diaryEntries(user)).toHaveLength(1);
  });

  it('follows the editors\' setting, and the points cannot be sent by the client', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    const refused = await write(user, { content: 'give me points', pointsAwarded: 1000 }).expect(400);
    expect(refused.body.error.details.field).toBe('pointsAwarded');
    await saveRules({ pointsPerDiary: 3 });
    try {
      expect((await write(user, { content: 'three points' }).expect(201)).body.data.pointsAwarded).toBe(3);
    } finally {
      await saveRules({ pointsPerDiary: 10 });
    }
  });
});

describe('GET /api/diaries', () => {
  it('lists the caller\'s diaries of a month, newest date first, with pagination', async () => {
    const user = await createUser();
    const other = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    for (const day of ['2026-10-31', '2026-11-02', '2026-11-05', '2026-11-19']) await write(user, { content: day, localDate: day }).expect(201);
    await write(other, { content: 'not yours', localDate: '2026-11-03' }).expect(201);

    const page1 = await http().get('/api/diaries?month=2026-11&page=1&pageSize=2').set(user.auth).expect(200);
    expect(page1.body.data.map((d: { localDate: string }) => d.localDate)).toEqual(['2026-11-19', '2026-11-05']);
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    const page2 = await http().get('/api/diaries?month=2026-11&page=2&pageSize=2').set(user.auth).expect(200);
    expect(page2.body.data.map((d: { localDate: string }) => d.localDate)).toEqual(['2026-11-02']);
    const all = await http().get('/api/diaries').set(user.auth).expect(200);
    expect(all.body.meta.pagination.total).toBe(4);
    expect(all.body.data[0].user).toBeUndefined();
  });

  it('answers a bad month or page with 400', async () => {
    const user = await createUser();
    for (const query of ['month=2026-13', 'month=november', 'page=0', 'pageSize=1000', 'filters[nope][$eq]=1']) {
      const res = await http().get(`/api/diaries?${query}`).set(user.auth).expect(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });
});

describe('diary streak in /api/me/stats', () => {
  it('counts consecutive days with a published diary, ending today or yesterday', async () => {
    const user = await createUser();
    clock().setNow('2026-11-20T04:00:00Z');
    for (const day of ['2026-11-15', '2026-11-17', '2026-11-18', '2026-11-19']) await write(user, { content: day, localDate: day }).expect(201);
    await write(user, { content: 'draft today', isDraft: true }).expect(201);
    const stats = await http().get('/api/me/stats').set(user.auth).expect(200);
    expect(stats.body.data.diaries).toEqual({ consecutiveDays: 3, totalDays: 4 });
  });
});
