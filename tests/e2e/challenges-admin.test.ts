import crypto from 'node:crypto';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { contentManager, removeAdmins, superAdmin, type TestAdmin } from '../helpers/admin';
import { createTemplate, join, setNow, type TestTemplate } from '../helpers/challenges';

/**
 * Editors make challenges in the admin panel (issue 14, "an editor creates a challenge in the admin"):
 * over HTTP of the admin API the panel calls, with the form the panel sends (every field, relations as
 * `{ connect, disconnect }`). The browser run of the same story is tests/admin/editor.js (`npm run test:admin`).
 */
const CHALLENGES = 'api::challenge.challenge';
const BEFORE_START = '2026-02-20T04:00:00Z';

let editor: TestAdmin;
let template: TestTemplate;

beforeAll(async () => {
  await setupStrapi();
  editor = await superAdmin();
  template = await createTemplate();
});
afterEach(() => setNow(null));
afterAll(async () => {
  await removeAdmins();
  await teardownStrapi();
});

/** What the admin's edit view sends on Save for a new challenge (captured from the panel, Strapi 5.54). */
const adminForm = (fields: Record<string, unknown> = {}) => ({
  title: '21 天早起挑战',
  description: '21 天里至少 14 天 7 点前起床。',
  cover: null,
  habitTemplate: { connect: [{ id: template.id, documentId: template.documentId, isTemporary: true }], disconnect: [] },
  timezone: 'Asia/Shanghai',
  startDate: '2026-03-01',
  endDate: '2026-03-21',
  joinDeadline: '2026-03-07',
  rule: 'daysOf',
  targetDays: 14,
  perWeek: null,
  weeks: null,
  allowMakeup: false,
  maxParticipants: 100,
  entryCost: 0,
  rewardPoints: 200,
  badge: '早起之星',
  badgeIcon: null,
  topK: 3,
  topPoints: 50,
  visibility: 'everyone',
  region: null,
  isOfficial: true,
  creator: null,
  inviteCode: null,
  review: 'published',
  state: 'open',
  finishedAt: null,
  participantsCount: 0,
  tags: null,
  sortOrder: 0,
  active: true,
  ...fields,
});

/** Titles of this run's refused challenges (the worker's database outlives the file). */
const unique = (title: string) => `${title} ${crypto.randomBytes(4).toString('hex')}`;
const challengesNamed = (title: string) => getStrapi().db.query(CHALLENGES).count({ where: { title } });

type FieldError = { path: string[]; message: string };
const fieldErrorsOf = (body: { error?: { name?: string; details?: { errors?: FieldError[] } } }) => {
  expect(body.error?.name).toBe('ValidationError');
  return (body.error?.details?.errors ?? []).map((error) => ({ field: error.path.join('.'), message: error.message }));
};

describe('an editor creates a challenge in the admin', () => {
  it('saves it with its habit template, and the content API lists it for users to join', async () => {
    setNow(BEFORE_START);
    const created = await contentManager(editor, CHALLENGES).create(adminForm({ title: '早起 from the admin' })).expect(201);
    const documentId = created.body.data.documentId as string;

    const listed = await http().get(`/api/challenges/${documentId}`).expect(200);
    expect(listed.body.data).toMatchObject({
      title: '早起 from the admin', timezone: 'Asia/Shanghai', startDate: '2026-03-01', endDate: '2026-03-21', joinDeadline: '2026-03-07',
      rule: 'daysOf', targetDays: 14, rewardPoints: 200, badge: '早起之星', topK: 3, topPoints: 50, isOfficial: true,
      habitTemplate: { documentId: template.documentId, title: template.title }, joinable: true,
    });
    const user = await createUser();
    await join(user, { documentId }).expect(200);
    expect((await http().get(`/api/challenges/${documentId}`).set(user.auth).expect(200)).body.data).toMatchObject({ participantsCount: 1, me: { status: 'active' } });
  });

  it('refuses a challenge that ends before it starts, naming 结束日期 End date', async () => {
    const title = unique('backwards');
    const res = await contentManager(editor, CHALLENGES).create(adminForm({ title, startDate: '2026-03-21', endDate: '2026-03-01', joinDeadline: null })).expect(400);
    expect(fieldErrorsOf(res.body)).toEqual([{ field: 'endDate', message: expect.stringContaining('is before the start date') }]);
    expect(await challengesNamed(title)).toBe(0);
  });

  it.each([
    ['a daysOf target longer than the window', { rule: 'daysOf', targetDays: 22 }, 'targetDays', 'do not fit the 21 days'],
    ['a streak longer than the window', { rule: 'streak', targetDays: 30 }, 'targetDays', 'do not fit the 21 days'],
    ['a weekly challenge whose weeks do not fit', { rule: 'weekly', perWeek: 3, weeks: 4 }, 'weeks', '4 weeks do not fit'],
    ['a weekly challenge without its check-ins per week', { rule: 'weekly', perWeek: null, weeks: 3 }, 'perWeek', 'needs Per week'],
    ['a join deadline after the end', { joinDeadline: '2026-03-22' }, 'joinDeadline', 'is after the end date'],
    ['a region challenge without a region', { visibility: 'region', region: null }, 'region', 'needs the region'],
    ['a time zone that does not exist', { timezone: 'Asia/Beijing' }, 'timezone', 'not an IANA time zone'],
  ])('refuses %s, under the field it is about', async (_case, fields, field, message) => {
    const title = unique(`impossible ${field}`);
    const res = await contentManager(editor, CHALLENGES).create(adminForm({ title, ...fields })).expect(400);
    expect(fieldErrorsOf(res.body)).toEqual([{ field, message: expect.stringContaining(message) }]);
    expect(await challengesNamed(title)).toBe(0);
  });

  it('takes a weekly challenge whose weeks fit, and a region challenge with its region', async () => {
    await contentManager(editor, CHALLENGES).create(adminForm({ title: 'three weeks', rule: 'weekly', perWeek: 3, weeks: 3 })).expect(201);
    await contentManager(editor, CHALLENGES).create(adminForm({ title: 'in Hangzhou', visibility: 'region', region: '杭州市' })).expect(201);
  });
});

describe('an editor edits a challenge in the admin', () => {
  it('saves a change without touching the template link, the participants count or the state the plugin keeps', async () => {
    setNow(BEFORE_START);
    const created = await contentManager(editor, CHALLENGES).create(adminForm({ title: 'before the edit' })).expect(201);
    const documentId = created.body.data.documentId as string;
    const opened = (await contentManager(editor, CHALLENGES).findOne(documentId).expect(200)).body.data as Record<string, unknown>;
    // Someone joins while the editor has the form open.
    await join(await createUser(), { documentId }).expect(200);

    // The panel sends back every value it loaded, and an untouched relation as { connect: [], disconnect: [] }.
    await contentManager(editor, CHALLENGES)
      .update(documentId, { ...opened, title: 'after the edit', habitTemplate: { connect: [], disconnect: [] }, participantsCount: 0, state: 'open' })
      .expect(200);

    const row = await getStrapi().db.query(CHALLENGES).findOne({ where: { documentId }, populate: ['habitTemplate'] });
    expect(row).toMatchObject({ title: 'after the edit', participantsCount: 1, state: 'open', habitTemplate: { id: template.id } });
  });

  it('unlinks the habit template when the editor removes it', async () => {
    const created = await contentManager(editor, CHALLENGES).create(adminForm({ title: 'template removed' })).expect(201);
    const documentId = created.body.data.documentId as string;
    await contentManager(editor, CHALLENGES)
      .update(documentId, { title: 'template removed', habitTemplate: { connect: [], disconnect: [{ id: template.id, documentId: template.documentId }] } })
      .expect(200);
    expect(await getStrapi().db.query(CHALLENGES).findOne({ where: { documentId }, populate: ['habitTemplate'] })).toMatchObject({ habitTemplate: null });
  });

  it('refuses an edit that moves the end before the start, and keeps the challenge as it was', async () => {
    const created = await contentManager(editor, CHALLENGES).create(adminForm({ title: 'kept as it was' })).expect(201);
    const documentId = created.body.data.documentId as string;
    const res = await contentManager(editor, CHALLENGES).update(documentId, { endDate: '2026-02-01' }).expect(400);
    expect(fieldErrorsOf(res.body)).toEqual([{ field: 'endDate', message: expect.stringContaining('is before the start date') }]);
    expect(await getStrapi().db.query(CHALLENGES).findOne({ where: { documentId } })).toMatchObject({ endDate: '2026-03-21' });
  });
});
