import type { z, ZodTypeAny } from 'zod';

/**
 * A plugin's config `validator` (STYLE 11): the zod schema's problems, every one named by its path, fail the
 * boot with `[plugin] invalid plugin config: ...`; `andThen` adds the rules a schema cannot say (production).
 */
export const configValidator =
  <S extends ZodTypeAny>(plugin: string, schema: S, andThen?: (config: z.infer<S>) => void) =>
  (config: unknown): void => {
    const parsed = schema.safeParse(config);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`).join('; ');
      throw new Error(`[${plugin}] invalid plugin config: ${problems}`);
    }
    andThen?.(parsed.data);
  };
