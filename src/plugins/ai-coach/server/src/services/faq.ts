import type { Core } from '@strapi/strapi';
import { UIDS } from '../content-types';

/**
 * The FAQ cache: editors keep common questions and answers (AI 常见问题); a question that matches one exactly
 * or nearly, after normalising (full-width to half-width, case, punctuation and spaces dropped), is answered
 * from it without the model, at no quota. Near: an edit distance of at most a fifth of the longer text (so
 * "怎么缓解烟瘾" finds "怎样缓解烟瘾？"), and never for texts under 4 characters.
 */
export const normaliseQuestion = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

export const editDistance = (a: string, b: string): number => {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
};

export type FaqEntry = { id: number; question: string; answer: string };

/** The best FAQ entry for `message`, if one is close enough. */
export const matchFaq = (message: string, entries: readonly FaqEntry[]): FaqEntry | null => {
  const asked = normaliseQuestion(message);
  if (asked.length === 0) return null;
  let best: { entry: FaqEntry; distance: number } | null = null;
  for (const entry of entries) {
    const known = normaliseQuestion(entry.question);
    if (known === asked) return entry;
    const longest = Math.max(Array.from(known).length, Array.from(asked).length);
    if (Math.min(Array.from(known).length, Array.from(asked).length) < 4) continue;
    const distance = editDistance(known, asked);
    if (distance <= Math.floor(longest / 5) && (!best || distance < best.distance)) best = { entry, distance };
  }
  return best?.entry ?? null;
};

const faqService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async answerFor(message: string): Promise<FaqEntry | null> {
    const rows = (await strapi.db.query(UIDS.faq).findMany({ where: { active: true }, select: ['id', 'question', 'answer'], limit: 500 })) as FaqEntry[];
    return matchFaq(message, rows);
  },
});

export type FaqService = ReturnType<typeof faqService>;
export default faqService;
