import type { Core, UID } from '@strapi/strapi';
import { fromRow } from '@strapi/database/dist/query/helpers/transform';
import { isPostgres } from './dialect';

/**
 * The owner's own list in one statement: `GET /api/habits`, `/api/tasks`, `/api/diaries?month=`, ...
 *
 * Through the Document Service a list is four statements on PostgreSQL (BEGIN, the page joined to the
 * users table with DISTINCT, the count, COMMIT) and about 2 ms of Node CPU in its parameter pipeline,
 * query builder and sanitizers (bench/README.md, "Every route"): most of a list's cost. The answers
 * the mini-program asks for are plain: the caller's rows, equality or range filters on the type's own
 * fields, a sort on them, a page. Those run here as one prepared statement (the page and, in a window,
 * the total), and the rows go through Strapi's own row transform, with exactly the attributes the content
 * API's output sanitizer keeps (no private or password field, no relation, media or component: none of
 * those are populated by default). Anything else (populate, fields, `$or`, a filter on a relation, a
 * private field, ...) returns `undefined` and takes the generic path, which validates and answers it.
 * tests/e2e/owned-lists.test.ts checks that both paths answer alike, field for field.
 *
 * Strapi's extension points still apply: a type whose own lifecycles handle `findMany`, and every type
 * once anyone registers a Document Service middleware or a db lifecycle subscriber that may see reads
 * (see `watchReadObservers`), is served by the generic path. `api.rest.ownedListFastPath: false`
 * (env OWNED_LIST_FAST_PATH=false) turns this off.
 */

type Attribute = { type: string; private?: boolean; columnName?: string };
type Meta = Parameters<typeof fromRow>[0] & { tableName: string; attributes: Record<string, Attribute> };
type Statement = { name: string; sqlite: string; postgres: string; postgresKnex: string };
type SqlRows = { rows<T = Record<string, unknown>>(statement: Statement, params?: readonly unknown[]): Promise<T[]> };

/** The attribute types a row carries itself (a relation, media, component or dynamic zone is not in the row). */
const ROW_TYPES = new Set([
  'increments', 'email', 'string', 'uid', 'richtext', 'text', 'json', 'enumeration', 'integer', 'biginteger', 'float',
  'decimal', 'date', 'time', 'datetime', 'timestamp', 'boolean', 'blocks',
]);
const COMPARISONS: Record<string, string> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

type Condition = { column: string; operator: string; value: string | number | boolean };
type Plan = { table: string; ownerColumn: string; columns: string[]; typeOf: Map<string, string>; columnOf: Map<string, string>; meta: Meta };

export type OwnedListQuery = { filters?: unknown; sort?: unknown; pagination?: unknown };
export type OwnedListAnswer = { data: unknown[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } } };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';

const TEXT_TYPES = new Set(['string', 'text', 'uid', 'email', 'enumeration']);
const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);

/**
 * A filter value as the column compares it, for the types whose comparison needs no conversion beyond
 * this (query strings arrive as text); null sends the request to the generic path, which converts
 * datetimes, JSON and the rest by Strapi's own rules.
 */
const filterValue = (type: string, value: unknown): string | number | boolean | null => {
  if (TEXT_TYPES.has(type)) return typeof value === 'string' ? value : null;
  if (type === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (NUMBER_TYPES.has(type)) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(n) ? n : null;
  }
  if (type === 'boolean') return value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
  return null;
};

// ---------------------------------------------------------------------------------------------------
// Who may observe reads: Document Service middlewares and db lifecycle subscribers registered from here on.

const unobservedMiddlewares = new WeakSet<object>();
let readsObserved = false;

/**
 * Marks a Document Service middleware or lifecycle subscriber function as one that neither changes nor
 * needs to see an owner's list reads (it acts on writes, or on other types), so owned lists keep their
 * fast path with it registered. Mark only what is true of the function.
 */
export const leavesOwnedListsAlone = <T extends object>(fn: T): T => {
  unobservedMiddlewares.add(fn);
  return fn;
};

/**
 * Strapi's own registrations, read in the pinned 5.54.0 sources, that never see an owned list's read:
 * recognised by the package that registers them. (tests/e2e/owned-lists.test.ts fails if an upgrade
 * brings one more, so it gets read too.)
 */
const REVIEWED_BUILT_INS: ReadonlyArray<{ registeredFrom: string; why: string }> = [
  { registeredFrom: '/@strapi/i18n/', why: 'its Document Service middleware acts on create / update / discardDraft / publish of localized types only' },
];
const reviewedBuiltIn = (): boolean => {
  const stack = new Error().stack ?? '';
  return REVIEWED_BUILT_INS.some((entry) => stack.includes(entry.registeredFrom));
};

const READ_HOOKS = ['beforeFindMany', 'afterFindMany', 'beforeFindOne', 'afterFindOne', 'beforeCount', 'afterCount'];
const modelsObserved = new Set<string>();

/**
 * In the app's register(): from here on, a Document Service middleware or a db lifecycle subscriber that
 * may see a list read turns the fast path off (for every type, or for the models an object subscriber
 * names), so a plugin that hooks reads gets them. Logged once, with what to do about it.
 */
export const watchReadObservers = (strapi: Core.Strapi) => {
  const documents = strapi.documents as unknown as { use: (middleware: object) => unknown };
  const use = documents.use.bind(documents);
  documents.use = (middleware: object) => {
    if (!unobservedMiddlewares.has(middleware) && !reviewedBuiltIn()) observeAll(strapi, 'a Document Service middleware');
    return use(middleware);
  };
  const lifecycles = strapi.db.lifecycles as unknown as { subscribe: (subscriber: unknown) => unknown };
  const subscribe = lifecycles.subscribe.bind(lifecycles);
  lifecycles.subscribe = (subscriber: unknown) => {
    if (typeof subscriber === 'function') {
      if (!unobservedMiddlewares.has(subscriber) && !reviewedBuiltIn()) observeAll(strapi, 'a db lifecycle subscriber function');
    } else if (isPlainObject(subscriber) && READ_HOOKS.some((hook) => hook in subscriber)) {
      const models = subscriber.models;
      if (Array.isArray(models)) for (const model of models) modelsObserved.add(String(model));
      else observeAll(strapi, 'a db lifecycle subscriber with read hooks on every model');
    }
    return subscribe(subscriber);
  };
};

const observeAll = (strapi: Core.Strapi, what: string) => {
  if (!readsObserved) {
    strapi.log.info(
      `owned lists: ${what} was registered that may see reads, so owner-scoped lists take the Document Service path ` +
        '(wrap it in leavesOwnedListsAlone() from src/utils/owned-list.ts if it only acts on writes or other types)',
    );
  }
  readsObserved = true;
};

// ---------------------------------------------------------------------------------------------------

const plans = new Map<string, Plan | null>();

const planFor = (strapi: Core.Strapi, uid: UID.ContentType, ownerField: string): Plan | null => {
  const key = `${uid}|${ownerField}`;
  if (plans.has(key)) return plans.get(key) ?? null;
  const contentType = strapi.contentType(uid) as unknown as {
    options?: { draftAndPublish?: boolean };
    pluginOptions?: { i18n?: { localized?: boolean } };
    attributes: Record<string, Attribute & { useJoinTable?: boolean; relation?: string }>;
    lifecycles?: Record<string, unknown>;
  };
  const meta = strapi.db.metadata.get(uid) as unknown as Meta & {
    attributes: Record<string, Attribute & { joinColumn?: { name: string } }>;
  };
  const owner = meta.attributes[ownerField];
  const ownLifecycles = Object.keys(contentType.lifecycles ?? {}).some((hook) => READ_HOOKS.includes(hook));
  const eligible =
    contentType.options?.draftAndPublish !== true &&
    contentType.pluginOptions?.i18n?.localized !== true &&
    owner?.joinColumn?.name !== undefined &&
    !ownLifecycles;
  if (!eligible || !owner?.joinColumn) {
    plans.set(key, null);
    return null;
  }
  // The attributes the content API's output sanitizer keeps on an unpopulated record.
  const typeOf = new Map<string, string>();
  const columnOf = new Map<string, string>();
  for (const [name, attribute] of Object.entries(meta.attributes)) {
    if (!ROW_TYPES.has(attribute.type) || attribute.type === 'password') continue;
    const schemaAttribute = contentType.attributes[name];
    if (attribute.private || schemaAttribute?.private) continue;
    typeOf.set(name, attribute.type);
    columnOf.set(name, attribute.columnName ?? name);
  }
  const plan: Plan = { table: meta.tableName, ownerColumn: owner.joinColumn.name, columns: [...columnOf.values()], typeOf, columnOf, meta };
  plans.set(key, plan);
  return plan;
};

/** `{ localDate: '2026-12-01' }`, `{ localDate: { $gte: a, $lte: b } }`, `{ isSystem: { $eq: true } }`; else null. */
const conditionsOf = (plan: Plan, filters: unknown): Condition[] | null => {
  if (filters === undefined) return [];
  if (!isPlainObject(filters)) return null;
  const conditions: Condition[] = [];
  for (const [field, value] of Object.entries(filters)) {
    const column = plan.columnOf.get(field);
    if (!column || field === 'id' || field === 'documentId') return null;
    const type = plan.typeOf.get(field) ?? '';
    const operands = isPrimitive(value) ? { $eq: value } : value;
    if (!isPlainObject(operands)) return null;
    for (const [operator, operand] of Object.entries(operands)) {
      const sqlOperator = COMPARISONS[operator];
      const converted = filterValue(type, operand);
      if (!sqlOperator || converted === null) return null;
      conditions.push({ column, operator: sqlOperator, value: converted });
    }
  }
  return conditions;
};

/** `['localDate:desc', 'id:desc']` or `'title'`; defaults to the id, as Strapi's list does; else null. */
const orderOf = (plan: Plan, sort: unknown): string[] | null => {
  if (sort === undefined) return ['"id" ASC'];
  const entries = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort : null;
  if (!entries || entries.length === 0 || entries.length > 3) return null;
  const order: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') return null;
    const [field, direction = 'asc', ...rest] = entry.trim().split(':');
    const column = plan.columnOf.get(field);
    const dir = direction.toLowerCase();
    if (!column || rest.length > 0 || (dir !== 'asc' && dir !== 'desc')) return null;
    order.push(`"${column}" ${dir.toUpperCase()}`);
  }
  return order;
};

const positive = (value: unknown, fallback: number): number | null => {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : null;
};

const numberPlaceholders = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

/** Prepared statements per shape (type, filter columns and operators, order): a bounded set. */
const statements = new Map<string, Statement>();
const MAX_SHAPES = 256;

const statementFor = (plan: Plan, conditions: Condition[], order: string[], counting: boolean): Statement | null => {
  const where = [`"${plan.ownerColumn}" = ?`, ...conditions.map((c) => `"${c.column}" ${c.operator} ?`)].join(' AND ');
  const text = counting
    ? `SELECT count(*) AS "__total" FROM "${plan.table}" WHERE ${where}`
    : `SELECT ${plan.columns.map((c) => `"${c}"`).join(', ')}, count(*) OVER () AS "__total" FROM "${plan.table}" WHERE ${where} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
  const found = statements.get(text);
  if (found) return found;
  if (statements.size >= MAX_SHAPES) return null;
  const made = { name: `owned-list.${statements.size + 1}`, sqlite: text, postgres: numberPlaceholders(text), postgresKnex: text };
  statements.set(text, made);
  return made;
};

const sqlValue = (value: string | number | boolean, postgres: boolean) => (typeof value === 'boolean' && !postgres ? (value ? 1 : 0) : value);

/**
 * The answer Strapi's list would give (`{ data, meta: { pagination } }`), or `undefined` when the query
 * needs the generic path.
 */
export const ownedList = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  ownerField: string,
  ownerId: number,
  query: OwnedListQuery & Record<string, unknown>,
): Promise<OwnedListAnswer | undefined> => {
  if (readsObserved || modelsObserved.has(uid)) return undefined;
  const rest = strapi.config.get('api.rest', {}) as { ownedListFastPath?: boolean; defaultLimit?: number; maxLimit?: number };
  if (rest.ownedListFastPath === false) return undefined;
  if (Object.keys(query).some((key) => key !== 'filters' && key !== 'sort' && key !== 'pagination')) return undefined;
  const plan = planFor(strapi, uid, ownerField);
  if (!plan) return undefined;
  const conditions = conditionsOf(plan, query.filters);
  const order = orderOf(plan, query.sort);
  const pagination = query.pagination ?? {};
  if (!conditions || !order || !isPlainObject(pagination)) return undefined;
  if (Object.keys(pagination).some((key) => key !== 'page' && key !== 'pageSize')) return undefined;
  const page = positive(pagination.page, 1);
  const pageSize = positive(pagination.pageSize, rest.defaultLimit ?? 25);
  if (page === null || pageSize === null || pageSize > (rest.maxLimit ?? 100)) return undefined;

  const pageStatement = statementFor(plan, conditions, order, false);
  if (!pageStatement) return undefined;
  const postgres = isPostgres(strapi.db.connection);
  const sql = strapi.plugin('gamification').service('sql') as unknown as SqlRows;
  const params = [ownerId, ...conditions.map((c) => sqlValue(c.value, postgres))];
  const rows = await sql.rows<Record<string, unknown>>(pageStatement, [...params, pageSize, (page - 1) * pageSize]);
  let total = rows.length > 0 ? Number(rows[0].__total) : 0;
  if (rows.length === 0 && page > 1) {
    const countStatement = statementFor(plan, conditions, order, true);
    if (!countStatement) return undefined;
    const [counted] = await sql.rows<{ __total: number | string }>(countStatement, params);
    total = Number(counted?.__total ?? 0);
  }
  const data = rows.map((row) => fromRow(plan.meta, row));
  return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
};
