/**
 * Secrets never reach a log line (DESIGN invariant 6). Every log record passes through `redactValue`
 * before it is formatted, whatever logged it: our code, Strapi, or a plugin.
 */
const SECRET_KEY = /(session_?key|password|secret|token|authorization|cookie|encryption_?key|app_?keys?|salt|openid|unionid)/i;

const SECRET_IN_TEXT: Array<[RegExp, string]> = [
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  [/(\b(?:session_?key|secret|password|refresh_?token|access_?token|js_code|code)["']?\s*[=:]\s*["']?)[^\s"'&,}]+/gi, '$1[redacted]'],
];

export const REDACTED = '[redacted]';

/** Raw request bodies (Strapi's body parser logs them on a parse error) may hold anything: keep only the size. */
const RAW_BODY_KEYS = new Set(['body', 'rawBody', 'requestBody']);

export const redactText = (text: string): string =>
  SECRET_IN_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

/** The redacted form of `value` found under `key`: key rules first, then the value's own content. */
export const redactEntry = (key: string, value: unknown, depth = 0): unknown => {
  if (RAW_BODY_KEYS.has(key) && typeof value === 'string') return `[redacted: ${value.length} chars]`;
  if (SECRET_KEY.test(key)) return REDACTED;
  return redactValue(value, depth + 1);
};

export const redactValue = (value: unknown, depth = 0): unknown => {
  if (depth > 6) return value;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactText(value.stack) : undefined;
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      out[key] = redactEntry(key, inner, depth);
    }
    return out;
  }
  return value;
};
