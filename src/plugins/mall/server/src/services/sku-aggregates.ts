import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { invalidatePublic } from '../../../../../services/public-cache';
import { TABLES, UIDS } from '../content-types';

/**
 * A product's `price` and `pointsPrice` are the lowest over its active SKUs (null when no active SKU has
 * one): a copy on the product row so the lists filter and sort on one table. Every write of SKUs through
 * Strapi (the admin's content manager, the Document Service, db.query: all end in the query engine, whose
 * lifecycles call `refresh`) brings the copy up to date in the write's own transaction. Code that writes
 * prices or `active` of SKUs with knex calls `refresh` itself (the orders only move stock, which the copy
 * does not hold).
 */
type Event = {
  action: string;
  params?: { where?: unknown; data?: Record<string, unknown> };
  result?: unknown;
  state: Record<string, unknown>;
};

const skuAggregatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Runs `work` on the transaction under way (the query engine's write), else in one of its own: on
   * SQLite's single connection a statement outside the open transaction would wait for it forever.
   */
  const inWrite = <T>(work: (db: Knex) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as Promise<T>;

  const productIdsOfSkus = async (db: Knex, skuIds: number[]): Promise<number[]> => {
    if (skuIds.length === 0) return [];
    const rows = (await db(TABLES.skus).whereIn('id', skuIds).whereNotNull('product_id').distinct('product_id')) as Array<{ product_id: number }>;
    return rows.map((row) => Number(row.product_id));
  };

  /** Ids of the SKUs a lifecycle event's `where` selects (before a bulk update / delete). */
  const skuIdsWhere = async (where: unknown): Promise<number[]> =>
    ((await strapi.db.query(UIDS.sku).findMany({ where: (where ?? {}) as Record<string, unknown>, select: ['id'] })) as Array<{ id: number }>).map((row) => row.id);

  const service = {
    /** Recomputes the lowest active prices of `productIds` (on `db`: pass the transaction you write in). */
    async refresh(productIds: number[], db?: Knex): Promise<void> {
      const ids = [...new Set(productIds.filter((id) => Number.isInteger(id) && id > 0))];
      if (ids.length === 0) return;
      const run = async (on: Knex) => {
        for (const id of ids) {
          const low = (await on(TABLES.skus)
            .where({ product_id: id, active: true })
            .first(on.raw('MIN(price) AS price'), on.raw('MIN(points_price) AS points_price'))) as { price: unknown; points_price: unknown } | undefined;
          await on(TABLES.products)
            .where({ id })
            .update({ price: low?.price === null || low?.price === undefined ? null : Number(low.price), points_price: low?.points_price === null || low?.points_price === undefined ? null : Number(low.points_price) });
        }
      };
      if (db) await run(db);
      else await inWrite(run);
      // /api/products answers are cached (publicly readable type): they show these prices.
      await invalidatePublic(strapi, UIDS.product);
    },

    /** In bootstrap: SKU writes through the query engine keep their products' prices. */
    subscribe() {
      const productsBefore = async (event: Event) => {
        // A SKU moved to another product (or deleted) changes the product it leaves too.
        const ids = await inWrite(async (db) => productIdsOfSkus(db, await skuIdsWhere(event.params?.where)));
        event.state.productIds = ids;
      };
      const productsAfter = async (event: Event) => {
        const before = (event.state.productIds as number[] | undefined) ?? [];
        await inWrite(async (db) => {
          // createMany answers { count, ids }; the others the row(s) written.
          const result = event.result as { id?: number; ids?: number[] } | Array<{ id?: number }> | undefined;
          const written = (Array.isArray(result) ? result.map((row) => row.id) : result?.ids ?? [result?.id]).filter((id): id is number => typeof id === 'number');
          const after = event.action === 'afterUpdateMany' ? await productIdsOfSkus(db, await skuIdsWhere(event.params?.where)) : await productIdsOfSkus(db, written);
          await service.refresh([...before, ...after], db);
        });
      };
      strapi.db.lifecycles.subscribe({
        models: [UIDS.sku],
        beforeUpdate: productsBefore,
        beforeUpdateMany: productsBefore,
        beforeDelete: productsBefore,
        beforeDeleteMany: productsBefore,
        afterCreate: productsAfter,
        afterCreateMany: productsAfter,
        afterUpdate: productsAfter,
        afterUpdateMany: productsAfter,
        afterDelete: productsAfter,
        afterDeleteMany: productsAfter,
      } as never);
    },
  };
  return service;
};

export type SkuAggregatesService = ReturnType<typeof skuAggregatesService>;
export default skuAggregatesService;
