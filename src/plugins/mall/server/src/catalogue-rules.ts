import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { leavesOwnedListsAlone } from '../../../../utils/owned-list';
import { ValidationError } from '../../../../utils/errors';
import { TABLES, UIDS } from './content-types';

/**
 * In register(). Writes of the catalogue through the Document Service (the admin's content manager, seeds): a Document
 * Service middleware, like the challenges' editor checks.
 *
 * - **SKU stock.** The orders change `stock`, `reserved` and `salesCount` with conditional statements while
 *   an editor may have the SKU's form open; the form sends back every value it loaded, so saving it would
 *   put back units sold meanwhile. So an update never takes those three from the form. An editor restocks
 *   with 补货 (`restock`: +n or -n units), applied in the update's transaction as one statement
 *   `stock = stock + n WHERE stock + n >= 0` (concurrent restocks and sales add up; taking more than is
 *   left is refused under the field). On create, `stock` (seeds, code) plus `restock` (the admin form,
 *   where stock is read-only) is the starting stock. `restock` itself is never stored (always 0).
 * - **Product prices.** `price`, `pointsPrice` and `salesCount` of a product are copies kept from its SKUs
 *   (services/sku-aggregates.ts, subscribed in bootstrap, for writes through any layer; and the orders'
 *   minute job): never taken from a form.
 * - **A seller's identity.** Answers about products show a listing's seller by name only (sellerShownByName).
 * - **Two levels of categories.** A category's parent must be a top category, and a category that has
 *   children cannot get a parent: refused with the message under the `parent` field.
 */
type Context = { uid: string; action: string; params?: { documentId?: string; data?: Record<string, unknown> } };

const fieldError = (field: string, message: string, value: unknown = null) =>
  new ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError', value }] });

const KEPT_BY_THE_ORDERS = ['reserved', 'salesCount'] as const;
const KEPT_FROM_THE_SKUS = ['price', 'pointsPrice', 'salesCount'] as const;
const MAX_RESTOCK = 100_000;

/** The id or documentId a relation value names: an id, a documentId, `{ id }`, `{ documentId }`, `{ set: [x] }` or `{ connect: [x] }`. */
export const relationTarget = (value: unknown): { id: number } | { documentId: string } | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string') return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (Array.isArray(value)) return value.length === 0 ? null : relationTarget(value[value.length - 1]);
  if (typeof value === 'object') {
    const form = value as { id?: unknown; documentId?: unknown; set?: unknown; connect?: unknown; disconnect?: unknown };
    if (typeof form.id === 'number' || typeof form.id === 'string') return relationTarget(form.id);
    if (typeof form.documentId === 'string') return { documentId: form.documentId };
    if (form.set !== undefined) return relationTarget(form.set);
    if (Array.isArray(form.connect) && form.connect.length > 0) return relationTarget(form.connect);
    if (Array.isArray(form.disconnect) && form.disconnect.length > 0) return null;
    return undefined;
  }
  return undefined;
};

/**
 * A listing's seller as the admin's answers show them: who (id, nickname, username), never their WeChat
 * identity. The content manager populates the seller with every field of the user, private ones included
 * (`private` hides a field from the content API only): openid and unionid must not leave the server.
 */
const SELLER_SHOWN = ['id', 'documentId', 'username', 'nickname'] as const;
const sellerShownByName = (result: unknown): unknown => {
  const strip = (doc: unknown) => {
    const seller = (doc as { seller?: unknown } | null)?.seller;
    if (seller && typeof seller === 'object' && !Array.isArray(seller) && 'id' in seller) {
      const shown: Record<string, unknown> = {};
      for (const field of SELLER_SHOWN) if (field in seller) shown[field] = (seller as Record<string, unknown>)[field];
      (doc as { seller: unknown }).seller = shown;
    }
  };
  if (Array.isArray(result)) result.forEach(strip);
  else if (result && typeof result === 'object') {
    strip(result);
    const entries = (result as { entries?: unknown }).entries;
    if (Array.isArray(entries)) entries.forEach(strip);
  }
  return result;
};

export const catalogueRules = (strapi: Core.Strapi) => {
  const inWrite = <T>(work: (db: Knex) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as Promise<T>;

  const restockOf = (data: Record<string, unknown>): number => {
    const raw = data.restock;
    delete data.restock;
    if (raw === undefined || raw === null || raw === '') return 0;
    const n = Number(raw);
    if (!Number.isInteger(n) || Math.abs(n) > MAX_RESTOCK) throw fieldError('restock', `补货 must be a whole number of units between -${MAX_RESTOCK} and ${MAX_RESTOCK}`, raw);
    return n;
  };

  const skuWrite = async (context: Context, data: Record<string, unknown>, next: () => Promise<unknown>) => {
    for (const field of KEPT_BY_THE_ORDERS) delete data[field];
    const restock = restockOf(data);
    if (context.action === 'create') {
      const stock = Number(data.stock ?? 0) + restock;
      if (!Number.isInteger(stock) || stock < 0) throw fieldError('restock', '库存不能为负: the starting stock must be 0 or more', data.restock ?? restock);
      data.stock = stock;
      return next();
    }
    delete data.stock;
    if (restock === 0) return next();
    // The restock and the rest of the form in one transaction: both or neither.
    return inWrite(async (db) => {
      const row = (await db(TABLES.skus).where({ document_id: context.params?.documentId ?? '' }).first('id')) as { id: number } | undefined;
      if (row) {
        // One statement: concurrent sales and restocks each add their own units (no read-then-write).
        const changed = await db(TABLES.skus)
          .where({ id: row.id })
          .andWhereRaw('stock + ? >= 0', [restock])
          .update({ stock: db.raw('stock + ?', [restock]) });
        if (changed === 0) {
          const left = (await db(TABLES.skus).where({ id: row.id }).first('stock')) as { stock: number } | undefined;
          throw fieldError('restock', `库存不足: cannot take ${-restock} units, ${Number(left?.stock ?? 0)} left`, restock);
        }
      }
      return next();
    });
  };

  const categoryWrite = async (context: Context, data: Record<string, unknown>) => {
    const target = relationTarget(data.parent);
    if (!target) return;
    const parent = (await inWrite((db) =>
      db(TABLES.categories).where('id' in target ? { id: target.id } : { document_id: target.documentId }).first('id', 'document_id', 'parent_id'),
    )) as { id: number; document_id: string; parent_id: number | null } | undefined;
    if (!parent) return; // the Document Service refuses a missing relation itself
    if (context.params?.documentId && parent.document_id === context.params.documentId) throw fieldError('parent', '上级不能是自己: a category cannot be its own parent');
    if (parent.parent_id !== null && parent.parent_id !== undefined) {
      throw fieldError('parent', '分类只有两级：上级必须是一级分类 (the parent must be a top-level category)');
    }
    if (context.action === 'update' && context.params?.documentId) {
      const children = await inWrite(async (db) => {
        const self = (await db(TABLES.categories).where({ document_id: context.params?.documentId }).first('id')) as { id: number } | undefined;
        return self ? ((await db(TABLES.categories).where({ parent_id: self.id }).count({ n: '*' }).first()) as { n: number | string }).n : 0;
      });
      if (Number(children) > 0) throw fieldError('parent', '分类只有两级：有子分类的分类不能再有上级 (a category with children stays top-level)');
    }
  };

  strapi.documents.use(
    // Writes of the catalogue's types only: owned lists keep their fast path.
    leavesOwnedListsAlone(async (context: Context, next: () => Promise<unknown>) => {
      if (context.uid === UIDS.product && context.action !== 'create' && context.action !== 'update') return sellerShownByName(await next());
      const data = context.params?.data;
      if (!data || (context.action !== 'create' && context.action !== 'update')) return next();
      if (context.uid === UIDS.sku) return skuWrite(context, data, next);
      if (context.uid === UIDS.product) {
        for (const field of KEPT_FROM_THE_SKUS) delete data[field];
        return sellerShownByName(await next());
      }
      if (context.uid === UIDS.category) await categoryWrite(context, data);
      return next();
    }) as never,
  );
};
