/**
 * JSON whose object keys are sorted at every level, so the same value always serializes to the same
 * bytes whatever order its keys were written in (integer-like keys come first, ascending, as JavaScript
 * objects always list them): the committed API document (src/openapi) and the idempotency fingerprint of a request body
 * (gamification idempotency service).
 */
export const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
};

/** `value` as canonical JSON text (keys sorted, undefined members left out as JSON.stringify does). */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value ?? null));
