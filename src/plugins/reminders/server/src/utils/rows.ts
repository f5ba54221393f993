import crypto from 'node:crypto';

/** The columns Strapi keeps on every row, for rows this plugin writes with knex (the admin lists them). */
export const newRowColumns = (now: Date) => ({
  document_id: crypto.randomBytes(12).toString('hex'),
  created_at: now,
  updated_at: now,
  published_at: now,
});

export const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';

/** A JSON column as the driver hands it back (an object on PostgreSQL, text on SQLite). */
export const jsonValue = <T>(raw: unknown, fallback: T): T => {
  if (raw === null || raw === undefined) return fallback;
  if (typeof raw !== 'string') return raw as T;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
};
