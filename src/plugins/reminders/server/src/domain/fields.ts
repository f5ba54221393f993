/**
 * WeChat subscribe-message data: each key's kind is its name without the number (`thing1` -> thing), and
 * each kind has a length limit (WeChat answers 47003 for a value over it). Values are rendered from an
 * editor's mapping (`{ "thing1": "{habit}", "time2": "{time}" }`) and cut to the limit on the server, so a
 * long habit title never costs a message.
 */
export const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
  time: 40,
  date: 40,
  amount: 16,
};

const KEY = /^([a-z_]+?)(\d+)$/;

/** The kind of a data key (`thing1` -> `thing`), or null when the key is not WeChat's shape. */
export const kindOfKey = (key: string): string | null => {
  const match = KEY.exec(key);
  return match && match[1] && VALUE_LIMITS[match[1]] !== undefined ? match[1] : null;
};

/** Characters as WeChat counts them (code points, so an emoji is one). */
const chars = (value: string): string[] => Array.from(value);

/** `value` cut to `limit` characters, the last one an ellipsis when something was cut. */
export const truncate = (value: string, limit: number): string => {
  const all = chars(value);
  if (all.length <= limit) return value;
  if (limit <= 1) return all.slice(0, limit).join('');
  return all.slice(0, limit - 1).join('') + '…';
};

/** `{name}` placeholders replaced by the context's values (unknown names become empty). */
export const fill = (pattern: string, values: Record<string, string | number | null | undefined>): string =>
  pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    return value === null || value === undefined ? '' : String(value);
  });

export type MessageData = Record<string, { value: string }>;

/**
 * The `data` of a send: every mapped key filled and cut to its kind's limit. Empty values are dropped (WeChat
 * refuses an empty value with 47003). `truncated` names the keys that were cut.
 */
export const renderData = (
  mapping: Record<string, string>,
  values: Record<string, string | number | null | undefined>,
): { data: MessageData; truncated: string[] } => {
  const data: MessageData = {};
  const truncated: string[] = [];
  for (const [key, pattern] of Object.entries(mapping)) {
    const kind = kindOfKey(key);
    const filled = fill(pattern, values).trim();
    if (!filled) continue;
    const limit = kind ? (VALUE_LIMITS[kind] as number) : 20;
    const value = truncate(filled, limit);
    if (value !== filled) truncated.push(key);
    data[key] = { value };
  }
  return { data, truncated };
};

/** Problems of an editor's mapping (for the admin's validation): bad keys, empty patterns. */
export const mappingProblems = (mapping: unknown): string[] => {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) return ['fields must be an object like { "thing1": "{habit}" }'];
  const problems: string[] = [];
  const entries = Object.entries(mapping as Record<string, unknown>);
  if (entries.length === 0) problems.push('fields needs at least one key');
  for (const [key, pattern] of entries) {
    if (!kindOfKey(key)) problems.push(`${key} is not a WeChat data key (thing1, time2, number3, ...)`);
    if (typeof pattern !== 'string' || pattern.trim() === '') problems.push(`${key} needs a text, e.g. "{habit}"`);
  }
  return problems;
};
