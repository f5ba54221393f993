import crypto from 'node:crypto';

/** The columns Strapi 5 keeps on every row, for rows this plugin writes with knex (quota, trial, turns). */
export const newRowColumns = (now: Date) => ({
  document_id: crypto.randomBytes(12).toString('hex'),
  created_at: now,
  updated_at: now,
  published_at: now,
});
