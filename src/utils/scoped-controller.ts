import type { Context } from 'koa';
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { factories } from '@strapi/strapi';
import { conflictError, forbiddenError, NotFoundError, ValidationError } from './errors';
import { isCheckViolation, isUniqueViolation } from './db-errors';
import { isPostgres } from './dialect';
import { ownedList } from './owned-list';

/**
 * Record-level access for the content API, shared by every user-owned and every moderated type.
 *
 * Strapi's role permissions say *which actions* a role may call; this says *which records* an action
 * may touch (DESIGN invariant 5):
 * - reads are narrowed by `readScope` (ANDed with whatever filters the client sent, so no filter,
 *   populate or id can widen them); a record outside the scope answers 404, exactly like a missing one;
 * - writes and deletes are narrowed by the owner scope;
 * - create sets the owner from the token: a client-sent `user` is ignored, never trusted.
 *
 * Requests authenticated with an admin-issued API token are server-to-server integrations, not
 * mini-program users: they may read every record, but owned records are only written by their owners
 * (or by editors in the admin panel).
 */

export type AuthUser = {
  id: number;
  documentId: string;
  timezone?: string | null;
  dayStartHour?: number | null;
  nickname?: string | null;
  avatar?: string | null;
};

type Filters = Record<string, unknown>;
type Data = Record<string, unknown>;

export type ScopeContext = { ctx: Context; user: AuthUser | null };

export type ScopedControllerOptions = {
  /** Human name used in messages: "Habit not found". */
  label: string;
  /** Attribute that holds the owner (a manyToOne to the users-permissions user). */
  ownerField?: string;
  /** Records a caller may read. Default: only their own. */
  readScope?: (scope: ScopeContext) => Filters | null;
  /** Fields a client may never write; sending them is a 400 that names the field. */
  readOnlyFields?: readonly string[];
  /** Fields a client may set on create but not change afterwards. */
  createOnlyFields?: readonly string[];
  /** Relations that must point at the caller's own records: attribute -> target uid. */
  ownedRelations?: Readonly<Record<string, UID.ContentType>>;
  /** Relations that must point at records the caller may see (e.g. a comment's post): attribute -> filter. */
  relationScopes?: Readonly<Record<string, (user: AuthUser) => Filters>>;
  /** Server-side values merged into the data of a create (after validation). */
  onCreate?: (data: Data, scope: { ctx: Context; user: AuthUser; strapi: Core.Strapi }) => Promise<Data> | Data;
  /** Server-side checks and values for an update; `existing` is the record before it. */
  onUpdate?: (data: Data, scope: { ctx: Context; user: AuthUser; strapi: Core.Strapi; existing: Data }) => Promise<Data> | Data;
  /** Message for a unique-constraint conflict (e.g. a second check-in the same day). */
  conflictMessage?: string;
  /**
   * What a 409 on create adds to `error.details` so the client can go on (a diary's existing record for
   * that date). Runs after the failed write's transaction is over, with the data that was refused.
   */
  conflictDetails?: (data: Data, scope: { user: AuthUser; strapi: Core.Strapi }) => Promise<Record<string, unknown>>;
  /**
   * Runs after a create or update, in the same transaction as the write (the Document Service joins it):
   * side effects that must stand or fall with the record (a diary's points). What it returns is merged
   * into the answer.
   */
  afterWrite?: (
    entity: Data,
    scope: { ctx: Context; user: AuthUser; strapi: Core.Strapi; trx: Knex.Transaction; existing: Data | null },
  ) => Promise<Data | void>;
  /**
   * Translates a list request's own query parameters (a diary's `month`, `page`) into Strapi's before
   * the generic list validates and runs it, so filters, fields and the owner scope still apply.
   */
  listQuery?: (
    query: Record<string, unknown>,
    scope: { ctx: Context; user: AuthUser; strapi: Core.Strapi },
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Domain actions that replace or add to the generic ones (e.g. a check-in's create goes to its service). */
  actions?: (strapi: Core.Strapi) => Record<string, (ctx: Context) => Promise<unknown>>;
};

/** Strapi 5.54 names the content-API token strategy `content-api-token` (earlier 5.x: `api-token`). */
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);
export const isApiTokenRequest = (ctx: Context): boolean => API_TOKEN_STRATEGIES.has(ctx.state?.auth?.strategy?.name);

export const currentUser = (ctx: Context): AuthUser | null => {
  const user = ctx.state?.user as AuthUser | undefined;
  return user && typeof user.id === 'number' && !isApiTokenRequest(ctx) ? user : null;
};

const isPlainObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

const and = (...filters: Array<Filters | null | undefined>): Filters => {
  const present = filters.filter((f): f is Filters => isPlainObject(f) && Object.keys(f).length > 0);
  return present.length === 0 ? {} : present.length === 1 ? present[0] : { $and: present };
};

/** A relation reference the client may send for an owned relation: a documentId, in any of Strapi's shapes. */
const referencedDocumentIds = (field: string, value: unknown): string[] => {
  const one = (item: unknown): string => {
    if (typeof item === 'string' && /^[a-z0-9]{1,64}$/i.test(item)) return item;
    if (isPlainObject(item) && typeof item.documentId === 'string') return one(item.documentId);
    throw new ValidationError(`${field} must be the documentId of one of your own records`, { field });
  };
  if (value === null) return [];
  if (isPlainObject(value) && ('connect' in value || 'set' in value)) {
    const list = (value.connect ?? value.set) as unknown;
    if (!Array.isArray(list) || list.length > 1) {
      throw new ValidationError(`${field} accepts exactly one documentId`, { field });
    }
    return list.map(one);
  }
  return [one(value)];
};

const ownerFilter = (ownerField: string, user: AuthUser): Filters => ({ [ownerField]: { id: user.id } });

/** The core controller helpers Strapi puts on `this` (see core-api/controller/index.ts). */
type CoreHelpers = Core.CoreAPI.Controller.Base;
type CollectionService = {
  find(params: object): Promise<{ results: unknown[]; pagination: unknown }>;
  create(params: object): Promise<unknown>;
  update(documentId: string, params: object): Promise<unknown>;
  delete(documentId: string, params: object): Promise<unknown>;
};
/**
 * A list is two Document Service reads (the page, then the total), and the Document Service runs each in a
 * transaction of its own: BEGIN, the read, COMMIT, twice, six statements. On PostgreSQL, started inside one
 * transaction, both join it: four (a statement's round trip is most of a short request). SQLite has no
 * round trips to save, and its one connection is better not held across both reads.
 */
const listInOneTransaction = <T>(strapi: Core.Strapi, list: () => Promise<T>): Promise<T> =>
  isPostgres(strapi.db.connection) ? (strapi.db.transaction(() => list()) as Promise<T>) : list();

const coreService = (strapi: Core.Strapi, uid: UID.ContentType) => strapi.service(uid as UID.Service) as unknown as CollectionService;
const documentsOf = (strapi: Core.Strapi, uid: UID.ContentType) =>
  strapi.documents(uid) as unknown as { findFirst(params: object): Promise<{ id: number; documentId: string } | null> };

/**
 * What each scoped content type takes from the server and never from a client: its owner, its read-only
 * fields, (on update) its create-only ones, and whether `onCreate` fills in data (a habit's fields from its
 * template). Filled as the controllers are defined; the API document (src/openapi/record-schemas.ts)
 * shapes the request schemas by it.
 */
export const serverDecidedFields = new Map<
  string,
  { owner: string; readOnly: readonly string[]; createOnly: readonly string[]; fillsOnCreate: boolean }
>();

export const scopedController = <T extends UID.ContentType>(uid: T, options: ScopedControllerOptions) => {
  const ownerField = options.ownerField ?? 'user';
  serverDecidedFields.set(uid, {
    owner: ownerField,
    readOnly: options.readOnlyFields ?? [],
    createOnly: options.createOnlyFields ?? [],
    fillsOnCreate: options.onCreate !== undefined,
  });
  const readOnly = new Set(options.readOnlyFields ?? []);
  const createOnly = new Set(options.createOnlyFields ?? []);
  const readScope = options.readScope ?? (({ user }: ScopeContext) => (user ? ownerFilter(ownerField, user) : null));

  const notFound = () => new NotFoundError(`${options.label} not found`);

  return factories.createCoreController(uid, (({ strapi }: { strapi: Core.Strapi }) => {
    const documents = () => documentsOf(strapi, uid);

    /** The records this request may read; `null` means none at all. API tokens see everything. */
    const readableFilter = (ctx: Context): Filters | null => {
      if (isApiTokenRequest(ctx)) return {};
      return readScope({ ctx, user: currentUser(ctx) });
    };

    const requireUser = (ctx: Context): AuthUser => {
      if (isApiTokenRequest(ctx)) {
        throw forbiddenError(`${options.label} records are written by their owners or by editors in the admin panel`);
      }
      const user = currentUser(ctx);
      // Route permissions already refuse anonymous writes; this guards against a misconfigured role.
      if (!user) throw notFound();
      return user;
    };

    const findOwned = async (ctx: Context, documentId: string) => {
      const user = requireUser(ctx);
      const found = await documents().findFirst({ filters: and({ documentId }, ownerFilter(ownerField, user)) });
      if (!found) throw notFound();
      return found as unknown as Data;
    };

    /**
     * Strip the owner, refuse read-only fields, and resolve relation references. Our relations are
     * join columns (`useJoinTable: false`), which Strapi's Document Service stores by row id and does
     * not translate from documentIds, so each reference is looked up here: owned targets must belong
     * to the caller, other targets must exist. Either way the client only ever speaks documentIds.
     */
    const prepareInput = async (ctx: Context, raw: unknown, mode: 'create' | 'update'): Promise<Data> => {
      if (!isPlainObject(raw)) {
        throw new ValidationError('Missing "data" payload in the request body');
      }
      const { [ownerField]: _ignoredOwner, ...data } = raw;
      for (const field of Object.keys(data)) {
        if (readOnly.has(field) || (mode === 'update' && createOnly.has(field))) {
          throw new ValidationError(`${field} is set by the server and cannot be ${mode === 'create' ? 'sent' : 'changed'}`, {
            field,
          });
        }
      }
      const user = requireUser(ctx);
      const attributes = strapi.contentType(uid).attributes as Record<string, { type: string; target?: string; useJoinTable?: boolean }>;
      for (const [field, attribute] of Object.entries(attributes)) {
        if (!(field in data) || attribute.type !== 'relation' || attribute.useJoinTable !== false || !attribute.target) continue;
        const ids = referencedDocumentIds(field, data[field]);
        const documentId = ids[0];
        if (documentId === undefined) {
          data[field] = null;
          continue;
        }
        const ownedTarget = options.ownedRelations?.[field];
        const target = (ownedTarget ?? attribute.target) as UID.ContentType;
        const scope = ownedTarget ? ownerFilter('user', user) : options.relationScopes?.[field]?.(user);
        const found = await documentsOf(strapi, target).findFirst({ filters: and({ documentId }, scope), fields: ['id'] });
        if (!found) {
          throw new NotFoundError(`${field} ${documentId} not found${ownedTarget ? ' among your records' : ''}`, { field });
        }
        data[field] = found.id;
      }
      return data;
    };

    const translateDbError = (error: unknown): never => {
      if (isUniqueViolation(error)) {
        throw conflictError(options.conflictMessage ?? `This ${options.label.toLowerCase()} already exists`);
      }
      if (isCheckViolation(error)) {
        throw new ValidationError(`The ${options.label.toLowerCase()} breaks a database rule (a value is out of range)`);
      }
      throw error;
    };

    const withAfterWrite = async (ctx: Context, existing: Data | null, write: () => Promise<Data>): Promise<Data> => {
      const { afterWrite } = options;
      if (!afterWrite) return write();
      return strapi.db.transaction(async ({ trx }) => {
        const written = await write();
        const extra = await afterWrite(written, { ctx, user: requireUser(ctx), strapi, trx: trx as Knex.Transaction, existing });
        return extra ? { ...written, ...extra } : written;
      });
    };

    return {
      async find(this: CoreHelpers, ctx: Context) {
        if (options.listQuery) {
          ctx.query = (await options.listQuery(ctx.query as Record<string, unknown>, { ctx, user: requireUser(ctx), strapi })) as Context['query'];
        }
        // The caller's own records with a plain query: one statement (src/utils/owned-list.ts).
        const owner = options.readScope ? null : currentUser(ctx);
        if (owner) {
          const answer = await ownedList(strapi, uid, ownerField, owner.id, ctx.query as Record<string, unknown>);
          if (answer) return answer;
        }
        await this.validateQuery(ctx);
        const query = await this.sanitizeQuery(ctx);
        const scope = readableFilter(ctx);
        if (scope === null) throw notFound();
        const { results, pagination } = await listInOneTransaction(strapi, () => coreService(strapi, uid).find({ ...query, filters: and(query.filters as Filters, scope) }));
        const sanitized = await this.sanitizeOutput(results, ctx);
        return this.transformResponse(sanitized, { pagination });
      },

      async findOne(this: CoreHelpers, ctx: Context) {
        await this.validateQuery(ctx);
        const query = await this.sanitizeQuery(ctx);
        const scope = readableFilter(ctx);
        if (scope === null) throw notFound();
        const { filters, ...rest } = query;
        const entity = await documents().findFirst({
          ...rest,
          filters: and(filters as Filters, { documentId: String(ctx.params.id) }, scope),
        });
        if (!entity) throw notFound();
        return this.transformResponse(await this.sanitizeOutput(entity, ctx));
      },

      async create(this: CoreHelpers, ctx: Context) {
        await this.validateQuery(ctx);
        const query = await this.sanitizeQuery(ctx);
        const user = requireUser(ctx);
        const input = await prepareInput(ctx, (ctx.request.body as Data | undefined)?.data, 'create');
        await this.validateInput(input, ctx);
        const sanitized = (await this.sanitizeInput(input, ctx)) as Data;
        const serverData = options.onCreate ? await options.onCreate(sanitized, { ctx, user, strapi }) : sanitized;
        const entity = await withAfterWrite(ctx, null, () =>
          coreService(strapi, uid)
            .create({ ...query, data: { ...serverData, [ownerField]: user.id } })
            .catch(translateDbError) as Promise<Data>,
        ).catch(async (error: unknown) => {
          // Outside the write's transaction: on PostgreSQL a failed statement leaves it unusable.
          const { conflictDetails } = options;
          if (conflictDetails && (error as { status?: number }).status === 409) {
            const extra = await conflictDetails(serverData, { user, strapi });
            Object.assign(error as object, { details: { ...(error as { details?: object }).details, ...extra } });
          }
          throw error;
        });
        ctx.status = 201;
        return this.transformResponse(await this.sanitizeOutput(entity, ctx));
      },

      async update(this: CoreHelpers, ctx: Context) {
        await this.validateQuery(ctx);
        const query = await this.sanitizeQuery(ctx);
        const existing = await findOwned(ctx, String(ctx.params.id));
        const input = await prepareInput(ctx, (ctx.request.body as Data | undefined)?.data, 'update');
        await this.validateInput(input, ctx);
        const sanitized = (await this.sanitizeInput(input, ctx)) as Data;
        const data = options.onUpdate ? await options.onUpdate(sanitized, { ctx, user: requireUser(ctx), strapi, existing }) : sanitized;
        const entity = await withAfterWrite(ctx, existing, () =>
          coreService(strapi, uid)
            .update(String(ctx.params.id), { ...query, data })
            .catch(translateDbError) as Promise<Data>,
        );
        return this.transformResponse(await this.sanitizeOutput(entity, ctx));
      },

      async delete(this: CoreHelpers, ctx: Context) {
        await this.validateQuery(ctx);
        await findOwned(ctx, String(ctx.params.id));
        await coreService(strapi, uid).delete(String(ctx.params.id), {});
        ctx.status = 204;
      },
      ...options.actions?.(strapi),
    };
    // Strapi's factory typing cannot follow a controller generic over its uid; the shape is checked above.
  }) as never);
};

/** Public catalogue types (templates, prizes, products ...): everyone reads the active records only. */
export const catalogueController = <T extends UID.ContentType>(uid: T, label: string, visible: Filters = { active: true }) =>
  factories.createCoreController(uid, (({ strapi }: { strapi: Core.Strapi }) => ({
    async find(this: CoreHelpers, ctx: Context) {
      await this.validateQuery(ctx);
      const query = await this.sanitizeQuery(ctx);
      const filters = isApiTokenRequest(ctx) ? (query.filters as Filters) : and(query.filters as Filters, visible);
      const { results, pagination } = await listInOneTransaction(strapi, () => coreService(strapi, uid).find({ ...query, filters }));
      return this.transformResponse(await this.sanitizeOutput(results, ctx), { pagination });
    },
    async findOne(this: CoreHelpers, ctx: Context) {
      await this.validateQuery(ctx);
      const { filters, ...rest } = await this.sanitizeQuery(ctx);
      const scope = isApiTokenRequest(ctx) ? {} : visible;
      const entity = await documentsOf(strapi, uid).findFirst({
        ...rest,
        filters: and(filters as Filters, { documentId: String(ctx.params.id) }, scope),
      });
      if (!entity) throw new NotFoundError(`${label} not found`);
      return this.transformResponse(await this.sanitizeOutput(entity, ctx));
    },
  })) as never);
