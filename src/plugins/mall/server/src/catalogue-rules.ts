import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { leavesOwnedListsAlone } from '../../../../utils/owned-list';
import { ValidationError } from '../../../../utils/errors';
import { TABLES, UIDS } from './content-types';
import { getService } from './utils/get-service';

/**
 * Editors' writes to the catalogue (the admin's content manager goes through the Document Service):
 *
 * - A SKU's `reserved` and `salesCount` belong to the orders, never to a form. Its `stock` is set when the
 *   SKU is made; afterwards the form's stock is ignored and 补货 (`restock`, +n / -n) is added to the stock
 *   in one statement (`stock = stock + n WHERE stock + n >= 0`): a form opened before some sales and saved
 *   after them cannot put those units back on sale.
 * - Categories are two levels: a category whose parent has a parent is refused, under the field.
 * - After any write of SKUs (through any layer: db lifecycles), the product's lowest prices are brought up to date.
 */
type Context = { uid: string; action: string; params?: { documentId?: string; data?: Record<string, unknown> } };

const fieldError = (field: string, message: string) => new ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });

export const catalogueRules = (strapi: Core.Strapi) => {
  /**
   * Knex bound to the write's own transaction when there is one (the Document Service and the query engine
   * run their writes in one): on SQLite's single connection a second connection would wait forever.
   */
  const inWrite = <T>(work: (db: Knex.Transaction) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx as Knex.Transaction)) as Promise<T>;
  strapi.documents.use(
    leavesOwnedListsAlone(async (context: Context, next: () => Promise<unknown>) => {
      const data = context.params?.data;
      if (!data || (context.action !== 'create' && context.action !== 'update')) return next();

      if (context.uid === UIDS.sku) {
        delete data.reserved;
        delete data.salesCount;
        const restock = Number(data.restock ?? 0);
        delete data.restock;
        if (context.action === 'create') {
          if (restock) data.stock = Number(data.stock ?? 0) + restock;
          return next();
        }
        delete data.stock;
        if (!Number.isInteger(restock) || restock === 0) return next();
        await inWrite(async (db) => {
          const row = (await db(TABLES.skus).where({ document_id: context.params?.documentId }).first('id', 'stock')) as { id: number; stock: number } | undefined;
          if (!row) return;
          const changed = await db(TABLES.skus).where({ id: row.id }).andWhere(db.raw('stock + ? >= 0', [restock])).update({ stock: db.raw('stock + ?', [restock]) });
          if (changed === 0) throw fieldError('restock', `库存不足以减少 ${-restock} 件: only ${row.stock} left`);
        });
        return next();
      }

      if (context.uid === UIDS.category && 'parent' in data) {
        const parent = data.parent as unknown;
        const ref = Array.isArray((parent as { connect?: unknown[] } | null)?.connect) ? (parent as { connect: Array<{ id?: number; documentId?: string }> }).connect[0] : parent;
        const where = typeof ref === 'number' ? { id: ref } : typeof ref === 'string' ? { document_id: ref } : ref && typeof ref === 'object' ? ((ref as { id?: number }).id ? { id: (ref as { id: number }).id } : { document_id: (ref as { documentId?: string }).documentId }) : null;
        if (where) {
          const row = (await inWrite((db) => db(TABLES.categories).where(where).first('parent_id', 'document_id'))) as { parent_id: number | null; document_id: string } | undefined;
          if (row && row.parent_id !== null) throw fieldError('parent', '分类只有两级: the parent must be a top-level category');
          if (row && context.params?.documentId && row.document_id === context.params.documentId) throw fieldError('parent', 'A category cannot be its own parent');
        }
      }
      return next();
    }) as never,
  );

  const refresh = async (skuId: number | undefined, productId?: number | null) => {
    let product = productId ?? null;
    await inWrite(async (db) => {
      if (product === null && skuId !== undefined) product = ((await db(TABLES.skus).where({ id: skuId }).first('product_id')) as { product_id: number | null } | undefined)?.product_id ?? null;
      if (product !== null) await getService(strapi, 'catalogue').refreshPrices(Number(product), db);
    });
  };
  strapi.db.lifecycles.subscribe({
    models: [UIDS.sku],
    async afterCreate(event: { result?: { id?: number } }) {
      await refresh(event.result?.id);
    },
    async afterUpdate(event: { result?: { id?: number } }) {
      await refresh(event.result?.id);
    },
    // before and after share `state` (per event and subscriber): the product of the SKU being deleted.
    async beforeDelete(event: { params?: { where?: { id?: number } }; state: Record<string, unknown> }) {
      const id = event.params?.where?.id;
      if (id !== undefined) event.state.productId = ((await inWrite((db) => db(TABLES.skus).where({ id }).first('product_id'))) as { product_id: number | null } | undefined)?.product_id ?? null;
    },
    async afterDelete(event: { state: Record<string, unknown> }) {
      if (event.state.productId !== undefined) await refresh(undefined, event.state.productId as number | null);
    },
  } as never);
};
