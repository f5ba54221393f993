import type { z } from 'zod';
import { ValidationError } from './errors';

/**
 * The one path from a zod schema to Strapi's 400: a failed parse becomes a ValidationError whose
 * details list each problem with its path, so a raw ZodError can never escape as a 500.
 */
export const parseOrThrow = <S extends z.ZodTypeAny>(schema: S, input: unknown, what = 'request'): z.infer<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  const first = errors[0];
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new ValidationError(`Invalid ${what}: ${where}${first.message}`, { errors });
};
