import type { Challenge, ChallengeDetail, ChallengeListPage, Participation } from '../../api/endpoints/challenges';
import type { DataOf, SuccessBody } from '../../api/paths';

/**
 * api/endpoints/challenges.ts declares its answer types from the contract (the routes were built
 * in parts). For every route the API document has, these hold the declared types and the document's to
 * each other both ways at compile time (`npm run typecheck`): a drift of either fails the typecheck. The
 * board, board/me, badges and join-by-code join here once their parts are documented.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>) => proof;

type DocumentedList = SuccessBody<'/api/challenges', 'get'>;
type DocumentedDetail = DataOf<SuccessBody<'/api/challenges/{documentId}', 'get'>>;
type DocumentedJoin = DataOf<SuccessBody<'/api/challenges/{documentId}/join', 'post'>>;
type DocumentedLeave = DataOf<SuccessBody<'/api/challenges/{documentId}/leave', 'post'>>;
type DocumentedMine = DataOf<SuccessBody<'/api/me/challenges', 'get'>>;

const proofs = [
  same<ChallengeListPage['data'], DocumentedList['data']>(true),
  same<ChallengeListPage['meta'], DocumentedList['meta']>(true),
  same<ChallengeDetail, DocumentedDetail>(true),
  same<Participation, DocumentedJoin>(true),
  same<Participation, DocumentedLeave>(true),
  same<Array<{ challenge: Challenge }>, DocumentedMine>(true),
];

it('the declared challenge types are the document’s (checked by the typecheck)', () => {
  expect(proofs.every(Boolean)).toBe(true);
});
