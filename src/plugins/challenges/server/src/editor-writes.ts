import type { Core } from '@strapi/strapi';
import { leavesOwnedListsAlone } from '../../../../utils/owned-list';
import { ValidationError } from '../../../../utils/errors';
import { UIDS } from './content-types';
import { problemsWithTerms, type ChallengeTerms } from './domain/terms';

/**
 * Editors write challenges through the Document Service (the admin's content manager, and seeds); the
 * plugin itself writes its counters and states with knex / the query engine, never through it. So a
 * Document Service middleware on the challenge type is where an editor's write is checked:
 *
 * - the terms must make a challenge someone can finish (domain/terms.ts); if not, a ValidationError
 *   whose `details.errors` name the fields, which the admin shows under each field;
 * - what the plugin keeps (participantsCount, state, finishedAt) is not taken from an update: the
 *   admin's form sends back every value it loaded, so saving a typo fix would otherwise put back the
 *   count of participants (and the state) as they were when the editor opened the form.
 */
const KEPT_BY_THE_PLUGIN = ['participantsCount', 'state', 'finishedAt'] as const;
const TERMS: ReadonlyArray<keyof ChallengeTerms> = ['timezone', 'startDate', 'endDate', 'joinDeadline', 'rule', 'targetDays', 'perWeek', 'weeks', 'visibility', 'region'];
/** The schema's defaults of the terms that have one, for a create that leaves them out. */
const DEFAULTS: Partial<ChallengeTerms> = { timezone: 'Asia/Shanghai', rule: 'daysOf', targetDays: 21, visibility: 'everyone' };

type Context = { uid: string; action: string; params?: { documentId?: string; data?: Record<string, unknown> } };

export const checkEditorWrites = (strapi: Core.Strapi) => {
  /** The terms as they will be after the write: the stored ones (update) or the defaults (create), overlaid by the data. */
  const termsAfter = async (context: Context, data: Record<string, unknown>): Promise<Partial<ChallengeTerms> | null> => {
    let before: Record<string, unknown> = DEFAULTS;
    if (context.action === 'update') {
      if (!context.params?.documentId) return null;
      const row = (await strapi.db.query(UIDS.challenge).findOne({ where: { documentId: context.params.documentId }, select: [...TERMS] })) as Record<string, unknown> | null;
      if (!row) return null; // the Document Service answers the missing document itself
      before = row;
    }
    const terms: Partial<ChallengeTerms> = {};
    for (const field of TERMS) terms[field] = field in data ? data[field] : before[field];
    return terms;
  };

  strapi.documents.use(
    // Writes to challenges only, so owned lists keep their fast path.
    leavesOwnedListsAlone(async (context: Context, next: () => Promise<unknown>) => {
      if (context.uid !== UIDS.challenge || (context.action !== 'create' && context.action !== 'update')) return next();
      const data = context.params?.data;
      if (!data) return next();
      if (context.action === 'update') for (const field of KEPT_BY_THE_PLUGIN) delete data[field];

      const terms = await termsAfter(context, data);
      const problems = terms ? problemsWithTerms(terms) : [];
      if (problems.length > 0) {
        throw new ValidationError(problems.map((problem) => problem.message).join('; '), {
          errors: problems.map(({ field, message }) => ({ path: [field], message, name: 'ValidationError', value: terms?.[field] ?? null })),
        });
      }
      return next();
    }) as never,
  );
};
