import { documentsRoute as documents, shapeChecker, type Exchange } from './shape-check';
import { badge, boardPage, challenge, codeRefused, created, createRefused, detail, docId, entry, envelope, joinRefused, listPage, notFound, participation, place, template, templatesPage } from '../helpers/challenge-fixtures';
import { emptyChallengeForm, newChallengeBody } from '../../logic/challenge-create';
import type { WxAnswer } from '../helpers/wx-double';

/**
 * The challenge pages are tested against made-up answers (tests/helpers/challenge-fixtures.ts). These
 * hold every fixture, and every body the pages send, to the API document (miniprogram/api/openapi.json);
 * a route the document lacks fails.
 */

const C = docId('chal', 1);
const exchange = (method: string, path: string, answer: WxAnswer | { status: number; body: unknown }, requestBody?: unknown): Exchange => ({
  method,
  path,
  requestBody,
  status: answer.status,
  responseBody: answer.body ?? null,
});
const okAnswer = (body: unknown, status = 200) => ({ status, body });

const joined = participation({ entryPaid: 50 });
const finished = participation({ status: 'completed', daysDone: 14, reachedAt: '2026-12-15T00:00:00.000Z', finishRank: 2, rewards: [{ kind: 'completion', points: 100 }] });

const exchanges: Array<[string, Exchange]> = [
  ['the list, signed in (me filled on one)', exchange('GET', '/api/challenges', okAnswer(listPage([challenge(1, { me: joined }), challenge(2, { coverUrl: 'https://cdn.example/c.png', isOfficial: false, habitTemplate: null })], 'c2')))],
  ['the last page', exchange('GET', '/api/challenges', okAnswer(listPage([challenge(3, { phase: 'ended', joinable: false, me: finished })])))],
  ['a weekly challenge with its rules', exchange('GET', `/api/challenges/${C}`, okAnswer(envelope(detail(1, { rule: 'weekly', targetDays: 12, perWeek: 3, weeks: 4, maxParticipants: 200 }))))],
  ['a challenge that is not there', exchange('GET', `/api/challenges/${C}`, notFound())],
  ['a join', exchange('POST', `/api/challenges/${C}/join`, okAnswer(envelope(joined)), {})],
  ['a join with my habit', exchange('POST', `/api/challenges/${C}/join`, okAnswer(envelope(joined)), { habit: docId('habit', 2) })],
  ['a join after the deadline', exchange('POST', `/api/challenges/${C}/join`, joinRefused.closed(), {})],
  ['a join when full', exchange('POST', `/api/challenges/${C}/join`, joinRefused.full(), {})],
  ['a join when ended', exchange('POST', `/api/challenges/${C}/join`, joinRefused.ended(), {})],
  ['a join without the points', exchange('POST', `/api/challenges/${C}/join`, joinRefused.points(), {})],
  ['a join for members only', exchange('POST', `/api/challenges/${C}/join`, joinRefused.membership(), {})],
  ['a join from another region', exchange('POST', `/api/challenges/${C}/join`, joinRefused.region(), {})],
  ['a leave', exchange('POST', `/api/challenges/${C}/leave`, okAnswer(envelope(participation({ status: 'left', leftAt: '2026-12-04T02:00:00.000Z' }))))],
  ['a leave of what I did not join', exchange('POST', `/api/challenges/${C}/leave`, joinRefused.notJoined())],
  ['the board', exchange('GET', `/api/challenges/${C}/board`, okAnswer(boardPage([entry(1), entry(2, { nickname: null, avatar: 'https://cdn.example/a.png', isMe: true })], 128)))],
  ['my place', exchange('GET', `/api/challenges/${C}/board/me`, okAnswer({ data: place() }))],
  ['my place, not ranked', exchange('GET', `/api/challenges/${C}/board/me`, okAnswer({ data: place({ rank: null, around: [] }) }))],
  ['my challenges', exchange('GET', '/api/me/challenges', okAnswer(envelope([{ challenge: challenge(1, { me: joined }) }])))],
  ['my badges', exchange('GET', '/api/me/badges', okAnswer(envelope([badge(1), badge(2, { icon: null })])))],
  ['join by code', exchange('POST', '/api/challenges/join-by-code', okAnswer(envelope(joined)), { code: 'ABCD2345' })],
  ['join by a wrong code', exchange('POST', '/api/challenges/join-by-code', codeRefused.wrongCode(), { code: 'ZZZZZZZZ' })],
  ['join by the code of one waiting for review', exchange('POST', '/api/challenges/join-by-code', codeRefused.waiting(), { code: 'ZZZZZZZZ' })],
  ['join by code when full', exchange('POST', '/api/challenges/join-by-code', joinRefused.full(), { code: 'ZZZZZZZZ' })],
  ['join by code for members only', exchange('POST', '/api/challenges/join-by-code', joinRefused.membership(), { code: 'ZZZZZZZZ' })],
  ['join by code without the points', exchange('POST', '/api/challenges/join-by-code', joinRefused.points(), { code: 'ZZZZZZZZ' })],
  ['the templates to pick from', exchange('GET', '/api/habit-templates', okAnswer(templatesPage([template(1), template(2, { icon: null })])))],
  ['a challenge made (daysOf, as the page sends it)', exchange('POST', '/api/challenges', okAnswer(envelope(created(9)), 201), newChallengeBody({ ...emptyChallengeForm('2026-12-04'), title: '宿舍早起', habitTemplate: docId('tmpl', 1), entryCost: '20', maxParticipants: '8' }))],
  ['a challenge made (weekly, with a description)', exchange('POST', '/api/challenges', okAnswer(envelope(created(9, { rule: 'weekly', targetDays: 9, perWeek: 3, weeks: 3 })), 201), newChallengeBody({ ...emptyChallengeForm('2026-12-04'), title: '宿舍早起', description: '输的请喝奶茶', habitTemplate: docId('tmpl', 1), rule: 'weekly' }))],
  ['a challenge waiting for review', exchange('POST', '/api/challenges', okAnswer(envelope(created(9, { review: 'pending', joinable: false })), 201), newChallengeBody({ ...emptyChallengeForm('2026-12-04'), title: '待审', habitTemplate: docId('tmpl', 1) }))],
  ['a challenge starting in the past', exchange('POST', '/api/challenges', createRefused.startInPast())],
  ['a goal that does not fit', exchange('POST', '/api/challenges', createRefused.doesNotFit())],
  ['a risky title', exchange('POST', '/api/challenges', createRefused.risky('title'))],
  ['a title too long (zod)', exchange('POST', '/api/challenges', createRefused.zod('title'))],
  ['a challenge made by a free member', exchange('POST', '/api/challenges', createRefused.membership())],
];


describe('the challenge fixtures and requests match the API document', () => {
  it('has every route the client calls in the document', () => {
    expect(exchanges.filter(([, each]) => !documents(each.method, each.path)).map(([name, each]) => `${name}: ${each.method} ${each.path}`)).toEqual([]);
  });
  const ready = exchanges.filter(([, each]) => documents(each.method, each.path));
  const check = shapeChecker();
  it.each(ready)('%s', (_name, each) => {
    expect(check(each)).toEqual([]);
  });
});
