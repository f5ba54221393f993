/** A datetime column (epoch ms on SQLite, timestamp on PostgreSQL) as a Date, or null. */
export const instant = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
export const iso = (value: unknown): string | null => instant(value)?.toISOString() ?? null;
export const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 't' || value === 'true';
export const jsonColumn = <T>(value: unknown): T | null => (value === null || value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
/** An uploaded file's URL made absolute (local uploads are stored as /uploads/...). */
export const absoluteUrl = (url: unknown, baseUrl: string): string | null =>
  typeof url !== 'string' || url.length === 0 ? null : /^https?:\/\//.test(url) ? url : `${baseUrl.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
