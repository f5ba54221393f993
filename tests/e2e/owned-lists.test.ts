import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { checkIn, newHabit } from '../helpers/habits';
import { createUser, type TestUser } from '../helpers/users';

/**
 * An owner's list with a plain query runs as one statement (src/utils/owned-list.ts); everything else
 * takes the Document Service. Both must answer alike, field for field, page for page: each request here
 * is sent twice, with the fast path on and off, and the answers compared whole.
 */
const clock = () => getService(getStrapi(), 'clock');
const rest = () => getStrapi().config.get('api.rest') as Record<string, unknown>;
const setFastPath = (on: boolean) => getStrapi().config.set('api.rest', { ...rest(), ownedListFastPath: on });

/** Counts the SQL statements a request runs (knex's query events, which the fast path's pooled statements skip). */
const statementsOf = async (send: () => Promise<unknown>) => {
  const knex = getStrapi().db.connection;
  let count = 0;
  const onQuery = () => (count += 1);
  knex.on('query', onQuery);
  try {
    await send();
  } finally {
    knex.off('query', onQuery);
  }
  return count;
};

const bothWays = async (user: TestUser, url: string) => {
  setFastPath(false);
  const generic = await http().get(url).set(user.auth);
  setFastPath(true);
  const fast = await http().get(url).set(user.auth);
  expect({ url, status: fast.status }).toEqual({ url, status: generic.status });
  expect(fast.body).toEqual(generic.body);
  return fast;
};

let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  // The AI teacher's comment on a published diary would land between the two reads compared: no nudge here.
  await setupStrapi({ AI_COACH_DIARY_COMMENT_NUDGE_MS: '0' });
  owner = await createUser({ timezone: 'Asia/Shanghai' });
  other = await createUser({ timezone: 'Asia/Shanghai' });
  clock().setNow('2026-11-20T04:00:00Z');
  const habits: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    habits.push(await newHabit(owner, { title: `习惯 ${i}`, reminderTimes: ['08:00'], reminderEnabled: i % 2 === 0 }));
  }
  await newHabit(other, { title: 'not yours' });
  await checkIn(owner, habits[0], { note: '第一天' }).expect(201);
  await checkIn(owner, habits[1]).expect(201);
  await checkIn(other, (await http().get('/api/habits').set(other.auth)).body.data[0].documentId).expect(201);
  for (const [day, mood] of [['2026-11-18', 'happy'], ['2026-11-19', 'calm'], ['2026-10-31', 'sad']]) {
    await http().post('/api/diaries').set(owner.auth).send({ data: { localDate: day, content: `日记 ${day}`, mood, isDraft: day === '2026-11-19' } }).expect(201);
  }
  await http().post('/api/tasks').set(owner.auth).send({ data: { title: '读书 20 分钟' } }).expect(201);
});
afterAll(async () => {
  setFastPath(true);
  clock().setNow(null);
  await teardownStrapi();
});

describe("an owner's list answers the same by either path", () => {
  it.each([
    '/api/habits',
    '/api/habits?pagination[page]=2&pagination[pageSize]=3',
    '/api/habits?pagination[page]=3&pagination[pageSize]=3',
    '/api/habits?pagination[page]=9&pagination[pageSize]=3',
    '/api/habits?sort=title:desc',
    '/api/habits?filters[reminderEnabled]=true',
    '/api/habits?filters[title][$eq]=习惯 3',
    '/api/check-ins',
    '/api/diaries',
    '/api/diaries?month=2026-11',
    '/api/diaries?month=2026-10&pagination[pageSize]=1',
    '/api/tasks',
    '/api/orders',
  ])('%s', async (url) => {
    const answer = await bothWays(owner, url);
    expect(answer.status).toBe(200);
  });

  it("shows another user none of the owner's records", async () => {
    const answer = await bothWays(other, '/api/habits');
    expect(answer.body.data.map((h: { title: string }) => h.title)).toEqual(['not yours']);
  });

  it('answers a query it does not handle itself (populate, $or, private fields) by the generic path, errors included', async () => {
    await bothWays(owner, '/api/habits?filters[$or][0][title]=习惯 1&filters[$or][1][title]=习惯 2');
    await bothWays(owner, '/api/check-ins?populate=habit');
    const refused = await bothWays(owner, '/api/habits?sort=user:asc');
    expect(refused.status).toBe(400);
  });
});

describe('the fast path', () => {
  it('answers a plain list in one statement, where the Document Service runs several', async () => {
    setFastPath(false);
    const generic = await statementsOf(() => http().get('/api/habits').set(owner.auth));
    setFastPath(true);
    const fast = await statementsOf(() => http().get('/api/habits').set(owner.auth));
    // Both count the caller's user read; on PostgreSQL the fast path's prepared statement bypasses knex and is not counted at all.
    expect(fast).toBeLessThan(generic);
  });

  it('steps aside once a Document Service middleware that may see reads is registered', async () => {
    const seen: string[] = [];
    const strapi = getStrapi();
    strapi.documents.use(async (context, next) => {
      if (context.action === 'findMany' && context.uid === 'api::habit.habit') seen.push(context.action);
      return next();
    });
    await http().get('/api/habits').set(owner.auth).expect(200);
    expect(seen).toEqual(['findMany']);
  });
});
