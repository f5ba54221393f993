import { z } from 'zod';
import { METRICS, PERIODS, REGION_PATTERN, SCOPES } from '../domain/boards';

/** A challenge board's region is the challenge's id (numeric id or documentId). */
export const CHALLENGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number({ invalid_type_error: 'must be a whole number' }).int('must be a whole number').min(min).max(max).default(fallback);

export const metricSchema = z.enum(METRICS, { errorMap: () => ({ message: `the metric is one of ${METRICS.join(', ')}` }) });

const boardQuery = {
  scope: z.enum(SCOPES, { errorMap: () => ({ message: `scope is one of ${SCOPES.join(', ')}` }) }).default('national'),
  region: z.string().trim().min(1).max(160).optional(),
  period: z.enum(PERIODS, { errorMap: () => ({ message: `period is one of ${PERIODS.join(', ')}` }) }).default('all'),
};

const regionRule = (query: { scope: string; region?: string }, context: z.RefinementCtx) => {
  if (query.region === undefined) return;
  if (query.scope === 'national') {
    context.addIssue({ code: 'custom', path: ['region'], message: 'the national board has no region; leave region out' });
  } else if (query.scope === 'challenge' ? !CHALLENGE_ID_PATTERN.test(query.region) : !REGION_PATTERN.test(query.region)) {
    context.addIssue({
      code: 'custom',
      path: ['region'],
      message: query.scope === 'challenge' ? 'region is the challenge id' : 'region is a path like 广东省, 广东省/深圳市 or 广东省/深圳市/南山区',
    });
  } else if (query.scope !== 'challenge') {
    const depth = query.region.split('/').length;
    const wanted = { province: 1, city: 2, district: 3 }[query.scope as 'province' | 'city' | 'district'];
    if (depth !== wanted) {
      context.addIssue({ code: 'custom', path: ['region'], message: `a ${query.scope} region has ${wanted} level(s), e.g. ${['广东省', '广东省/深圳市', '广东省/深圳市/南山区'][wanted - 1]}` });
    }
  }
};

export const listQuerySchema = z
  .object({ ...boardQuery, limit: integer(1, 100, 20), offset: integer(0, 10_000_000, 0) })
  .strict()
  .superRefine(regionRule);

export const meQuerySchema = z
  .object({ ...boardQuery, around: integer(0, 10, 1) })
  .strict()
  .superRefine(regionRule);

export const adminEntriesQuerySchema = z
  .object({ metric: metricSchema, ...boardQuery, limit: integer(1, 100, 100) })
  .strict()
  .superRefine(regionRule);
