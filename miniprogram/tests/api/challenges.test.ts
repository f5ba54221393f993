import { createApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { ApiError, NetworkError } from '../../api/errors';
import { FakeServer } from '../helpers/fake-server';
import { installWx, type WxCall, type WxDouble } from '../helpers/wx-double';
import { badge, boardPage, challenge, detail, docId, entry, envelope, joinRefused, listPage, participation, place } from '../helpers/challenge-fixtures';

/** api/endpoints/challenges.ts: each call's method, path, query and body (the contract of issue 14), and the client's rules around them. */

let server: FakeServer;
let wxDouble: WxDouble;
let api: Api;
let sent: WxCall[];
const C = docId('chal', 1);

beforeEach(() => {
  server = new FakeServer();
  sent = [];
  server.override = (call) => {
    if (!call.path.startsWith('/api/challenges') && !call.path.startsWith('/api/me/challenges') && !call.path.startsWith('/api/me/badges')) return undefined;
    sent.push(call);
    if (call.headers.Authorization !== `Bearer ${server.jwt}`) return { status: 401, body: { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Missing or invalid credentials', details: {} } } };
    const path = call.path.split('?')[0];
    if (path === '/api/challenges' && call.method === 'GET') return { status: 200, body: listPage([challenge(1)], 'c2') };
    if (path.endsWith('/join') || path.endsWith('/leave') || path.endsWith('/join-by-code')) return { status: 200, body: envelope(participation()) };
    if (path.endsWith('/board')) return { status: 200, body: boardPage([entry(1)], 5) };
    if (path.endsWith('/board/me')) return { status: 200, body: envelope(place()) };
    if (path === '/api/me/challenges') return { status: 200, body: envelope([{ challenge: challenge(1, { me: participation() }) }]) };
    if (path === '/api/me/badges') return { status: 200, body: envelope([badge(1)]) };
    if (path === '/api/challenges' && call.method === 'POST') return { status: 201, body: envelope({ ...challenge(9), inviteCode: 'ABCD2345' }) };
    return { status: 200, body: envelope(detail(1)) };
  };
  wxDouble = installWx(server.handle);
  api = createApi(new ApiClient({ baseUrl: 'http://api.test', platform: wxDouble.platform() }));
});

const request = (call: WxCall) => `${call.method} ${call.path}`;

describe('the challenge calls', () => {
  it('read the list by cursor, a challenge, its board and my place, mine and my badges, with the token', async () => {
    const first = await api.challenges.list();
    expect(first.meta.next).toBe('c2');
    await api.challenges.list({ cursor: 'c2+/=', limit: 10 });
    expect((await api.challenges.get(C)).data.rules).toContain('累计打卡满 14 天');
    expect((await api.challenges.board(C, { offset: 0, limit: 10 })).meta.total).toBe(5);
    await api.challenges.board(C);
    expect((await api.challenges.boardMe(C)).data.rank).toBe(12);
    expect((await api.challenges.mine()).data[0].challenge.me?.daysDone).toBe(3);
    await api.challenges.mine('ended');
    expect((await api.challenges.badges()).data[0].name).toBe('早起达人');
    expect(sent.map(request)).toEqual([
      'GET /api/challenges',
      'GET /api/challenges?cursor=c2%2B%2F%3D&limit=10',
      `GET /api/challenges/${C}`,
      `GET /api/challenges/${C}/board?offset=0&limit=10`,
      `GET /api/challenges/${C}/board`,
      `GET /api/challenges/${C}/board/me`,
      'GET /api/me/challenges?status=active',
      'GET /api/me/challenges?status=ended',
      'GET /api/me/badges',
    ]);
    expect(sent.every((call) => call.headers.Authorization === `Bearer ${server.jwt}`)).toBe(true);
  });

  it('join (with or without my habit), leave, join by code and create send the contract’s flat bodies', async () => {
    await api.challenges.join(C);
    await api.challenges.join(C, { habit: docId('habit', 2) });
    await api.challenges.leave(C);
    await api.challenges.joinByCode({ code: 'ABCD2345' });
    await api.challenges.joinByCode({ code: 'ABCD2345', habit: docId('habit', 2) });
    const created = await api.challenges.create({ title: '读书', habitTemplate: docId('tmpl'), startDate: '2026-12-10', endDate: '2026-12-30', rule: 'daysOf', targetDays: 10, entryCost: 20 });
    expect(created.data.inviteCode).toBe('ABCD2345');
    expect(sent.map((call) => [request(call), call.body])).toEqual([
      [`POST /api/challenges/${C}/join`, {}],
      [`POST /api/challenges/${C}/join`, { habit: docId('habit', 2) }],
      [`POST /api/challenges/${C}/leave`, undefined],
      ['POST /api/challenges/join-by-code', { code: 'ABCD2345' }],
      ['POST /api/challenges/join-by-code', { code: 'ABCD2345', habit: docId('habit', 2) }],
      ['POST /api/challenges', { title: '读书', habitTemplate: docId('tmpl'), startDate: '2026-12-10', endDate: '2026-12-30', rule: 'daysOf', targetDays: 10, entryCost: 20 }],
    ]);
  });

  it('fail a refused join with the reason from the envelope', async () => {
    for (const [refuse, status, reason] of [
      [joinRefused.closed, 409, 'join_closed'],
      [joinRefused.full, 409, 'challenge_full'],
      [joinRefused.ended, 409, 'challenge_ended'],
      [joinRefused.points, 400, 'insufficient_points'],
      [joinRefused.membership, 403, 'membership_required'],
      [joinRefused.region, 403, 'region'],
    ] as const) {
      server.override = () => refuse();
      const error = await api.challenges.join(C).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status, reason });
    }
  });

  it('refreshes once on 401, waits a 429 once, and fails with NetworkError when no answer came', async () => {
    await api.challenges.get(C);
    server.expireAccessToken();
    expect((await api.challenges.get(C)).data.documentId).toBe(C);
    expect(server.refreshCalls).toBe(1);

    let limited = 0;
    const answer = server.override;
    server.override = (call) => (call.path.endsWith('/join') && limited++ === 0 ? { status: 429, headers: { 'Retry-After': '2' }, body: { data: null, error: { status: 429, name: 'RateLimitError', message: 'slow down', details: {} } } } : answer?.(call));
    expect((await api.challenges.join(C)).data.status).toBe('active');
    expect(limited).toBe(2);

    server.override = () => 'fail';
    await expect(api.challenges.leave(C)).rejects.toBeInstanceOf(NetworkError);
  });
});
