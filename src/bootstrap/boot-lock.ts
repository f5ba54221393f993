import type { Core } from '@strapi/strapi';
import { isPostgres } from '../utils/dialect';

/**
 * Runs the app's boot steps (database rules, permissions, admin layouts and roles, the first admin, demo
 * content) one instance at a time. Instances started together, a deploy of two replicas, would otherwise
 * both find a permission or the first admin missing and both create it.
 *
 * On PostgreSQL a transaction on its own connection holds an advisory lock while `steps` run on the pool's
 * other connections (a plain knex transaction, not Strapi's, so the steps do not join it); the lock goes
 * with the transaction's end, or with the connection if the instance dies. SQLite is one process's file:
 * nothing to serialise.
 */
export const oneInstanceAtATime = async <T>(strapi: Core.Strapi, steps: () => Promise<T>): Promise<T> => {
  const knex = strapi.db.connection;
  if (!isPostgres(knex)) return steps();
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['habit-platform:boot']);
    return steps();
  });
};
