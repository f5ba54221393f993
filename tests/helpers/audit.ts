import type { Response } from 'supertest';

/**
 * Every response any test receives is recorded here, and after each test file the whole record is
 * scanned: no private field name and no registered secret value may appear in any body.
 */
export const PRIVATE_KEYS = [
  'password',
  'resetPasswordToken',
  'confirmationToken',
  'openid',
  'unionid',
  'session_key',
  'sessionKey',
  'idempotencyKey',
] as const;

export type Recorded = { method: string; url: string; status: number; text: string };

const recorded: Recorded[] = [];
const logLines: string[] = [];

/** Every formatted log line the app writes during the tests (a winston transport added at boot). */
export const recordLogLine = (line: string) => {
  logLines.push(line);
};
/** secret value -> index of the first recorded response that must not contain it */
const secrets = new Map<string, number>();

export const recordResponse = (method: string, url: string, res: Response) => {
  recorded.push({ method, url, status: res.status, text: res.text ?? '' });
};

/**
 * A value that must never be seen in a response (an openid, a session key ...). With `fromNow`, the
 * responses already received may hold it (the login that issued a refresh token), later ones may not.
 */
export const registerSecret = (value: string, options: { fromNow?: boolean } = {}) => {
  if (value.length < 6) return;
  const from = options.fromNow ? recorded.length : 0;
  const known = secrets.get(value);
  secrets.set(value, known === undefined ? from : Math.min(known, from));
};

const findPrivateKeys = (value: unknown, path: string, out: string[]) => {
  if (Array.isArray(value)) value.forEach((item, i) => findPrivateKeys(item, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if ((PRIVATE_KEYS as readonly string[]).includes(key)) out.push(`${path}.${key}`);
      findPrivateKeys(inner, `${path}.${key}`, out);
    }
  }
};

/** Pure check of a list of responses against the private keys and the given secret values. */
export const auditResponses = (responses: readonly Recorded[], secretValues: Iterable<string> | ReadonlyMap<string, number>) => {
  const problems: string[] = [];
  const secretList: Array<[string, number]> =
    secretValues instanceof Map ? [...secretValues.entries()] : [...(secretValues as Iterable<string>)].map((v) => [v, 0]);
  for (const [index, r] of responses.entries()) {
    let body: unknown = null;
    try {
      body = r.text ? JSON.parse(r.text) : null;
    } catch {
      body = null;
    }
    const keys: string[] = [];
    findPrivateKeys(body, 'body', keys);
    for (const key of keys) problems.push(`${r.method} ${r.url} -> ${r.status}: private field ${key}`);
    for (const [secret, from] of secretList) {
      if (index >= from && r.text.includes(secret)) problems.push(`${r.method} ${r.url} -> ${r.status}: contains a registered secret`);
    }
  }
  return { responses: responses.length, problems };
};

export const auditRecordedResponses = () => auditResponses(recorded, secrets);

export const capturedLogLines = (): readonly string[] => logLines;

/** Log lines must never hold a registered secret (an openid, a session key, a token). */
export const auditLogLines = (lines: readonly string[] = logLines, secretValues: Iterable<string> = secrets.keys()) => {
  const secretList = [...secretValues];
  const problems = lines.filter((line) => secretList.some((secret) => line.includes(secret))).map((line) => `log line leaks a secret: ${line.slice(0, 200)}`);
  return { lines: lines.length, problems };
};
