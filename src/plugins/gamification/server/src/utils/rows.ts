/** Reading raw rows the same way on SQLite and PostgreSQL (Strapi makes both return DATE and JSON as text). */
export const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

/** A boolean column (true / false on PostgreSQL, 1 / 0 on SQLite; null as false). */
export const booleanColumn = (value: unknown): boolean => value === true || value === 1;

/** A DATE column as YYYY-MM-DD. */
export const calendarDate = (value: unknown): string => String(value).slice(0, 10);

/** A datetime column (epoch ms on SQLite, timestamp on PostgreSQL) as ISO 8601. */
export const isoInstant = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as number | string).toISOString();
