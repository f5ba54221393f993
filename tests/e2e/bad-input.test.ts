import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { capturedLogLines, registerSecret } from '../helpers/audit';

/**
 * Bad input gets a 4xx in Strapi's error envelope with a message a mini-program developer can act on,
 * and nothing is written. A 500 is a bug.
 */
let user: TestUser;
let habitId: string;

const expectEnvelope = (body: unknown, status: number) => {
  expect(body).toMatchObject({ data: null, error: { status, name: expect.any(String), message: expect.any(String) } });
};

const habitCount = async () => {
  const rows = await getStrapi().db.connection('habits').where({ user_id: user.id }).count<{ n: number }[]>({ n: '*' });
  return Number(rows[0].n);
};

beforeAll(async () => {
  await setupStrapi();
  user = await createUser();
  const res = await http().post('/api/habits').set(user.auth).send({ data: { title: 'Stretch' } }).expect(201);
  habitId = res.body.data.documentId;
});
afterAll(teardownStrapi);

describe('bad bodies are refused with 400 and nothing is written', () => {
  const cases: Array<[string, unknown]> = [
    ['a title of the wrong type', { data: { title: 12345 } }],
    ['a missing required field', { data: { description: 'no title' } }],
    ['an empty title', { data: { title: '' } }],
    ['an unknown field', { data: { title: 'ok', isAdmin: true } }],
    ['a huge string', { data: { title: 'x'.repeat(100_000) } }],
    ['an enum value out of range', { data: { title: 'ok', frequencyType: 'hourly' } }],
    ['a number out of range', { data: { title: 'ok', timesPerWeek: 9 } }],
    ['a negative number', { data: { title: 'ok', goalValue: -5 } }],
    ['an invalid date', { data: { title: 'ok', startDate: '2026-02-31' } }],
    ['a malformed colour', { data: { title: 'ok', color: 'red; drop table' } }],
    ['no data wrapper', { title: 'ok' }],
    ['data as an array', { data: [{ title: 'ok' }] }],
    ['data as a string', { data: 'title=ok' }],
    ['a relation to a record that does not exist', { data: { title: 'ok', template: 'doesnotexist000000000000' } }],
    ['a relation given as a number', { data: { title: 'ok', template: 1 } }],
  ];

  it.each(cases)('refuses %s', async (_name, body) => {
    const before = await habitCount();
    const res = await http().post('/api/habits').set(user.auth).send(body as object);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectEnvelope(res.body, res.status);
    expect(await habitCount()).toBe(before);
  });

  it('says which field is wrong', async () => {
    const res = await http().post('/api/habits').set(user.auth).send({ data: { title: 'ok', timesPerWeek: 9 } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('timesPerWeek');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await http()
      .post('/api/habits')
      .set(user.auth)
      .set('Content-Type', 'application/json')
      .send('{"data": {"title": "unterminated"');
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 400);
  });

  it('does not log the raw body of a malformed request, which may hold a secret', async () => {
    const secret = `refresh-${Date.now()}-do-not-log`;
    registerSecret(secret);
    const res = await http()
      .post('/api/habits')
      .set(user.auth)
      .set('Content-Type', 'application/json')
      .send(`{"data": {"title": "${secret}"`);
    expect(res.status).toBe(400);
    const parseErrorLines = capturedLogLines().filter((line) => /JSON/.test(line) && /redacted/.test(line));
    expect(parseErrorLines.length).toBeGreaterThan(0);
    expect(capturedLogLines().some((line) => line.includes(secret))).toBe(false);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const res = await http()
      .post('/api/habits')
      .set(user.auth)
      .send({ data: { title: 'ok', description: 'x'.repeat(2_000_000) } });
    expect(res.status).toBe(413);
    expectEnvelope(res.body, 413);
  });

  it('refuses a bad update without changing the record', async () => {
    const res = await http().put(`/api/habits/${habitId}`).set(user.auth).send({ data: { title: null, kind: 'sometimes' } });
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 400);
    const after = await http().get(`/api/habits/${habitId}`).set(user.auth).expect(200);
    expect(after.body.data.title).toBe('Stretch');
    expect(after.body.data.kind).toBe('build');
  });
});

describe('bad ids and queries', () => {
  const badIds = ['999999', 'not-a-document-id', "1' OR '1'='1", '%00', 'a'.repeat(500), '-1', '1.5'];

  it.each(badIds.map((id) => [id.slice(0, 20), id]))('answers 404 for the id %p', async (_label, id) => {
    const res = await http().get(`/api/habits/${encodeURIComponent(id)}`).set(user.auth);
    expect(res.status).toBe(404);
    expectEnvelope(res.body, 404);
  });

  const badQueries = [
    'filters[nope][$eq]=1',
    'filters[title][$fancy]=1',
    'sort=nope:asc',
    'populate=nope',
    'fields[0]=nope',
    'pagination[page]=abc',
    'pagination[pageSize]=-4',
    'pagination[pageSize]=1000',
    'pagination[page]=0',
    'filters[password][$startsWith]=a',
  ];

  it.each(badQueries)('answers 400 for the query %p', async (query) => {
    const res = await http().get(`/api/habits?${query}`).set(user.auth);
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 400);
  });

  it('refuses filtering on private user fields through a relation', async () => {
    const res = await http().get('/api/check-ins?filters[user][openid][$startsWith]=o').set(user.auth);
    expect(res.status).toBe(400);
  });

  it('answers unknown routes with 404 in the envelope', async () => {
    const res = await http().get('/api/no-such-things');
    expect(res.status).toBe(404);
    expectEnvelope(res.body, 404);
  });
});
