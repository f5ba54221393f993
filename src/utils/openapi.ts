import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV3, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z, type AnyZodObject, type ZodEffects, type ZodTypeAny } from 'zod';

/**
 * The API document's building blocks, shared by the plugins and the assembler (src/openapi). This is the
 * one module that teaches zod `.openapi()`: response schemas import `z` from here, request schemas may keep
 * importing it from 'zod' (it is the same zod, extended once).
 *
 * A plugin documents a route as an `ApiRoute`: the very zod schemas its controller parses with, and the
 * zod schema of each answer it sends. The assembler turns them into OpenAPI paths (zod-to-openapi) and
 * merges them into the document the documentation plugin serves; the conformance test checks real answers
 * against them.
 */
extendZodWithOpenApi(z);

export { z };

/** The security scheme the documentation plugin declares for users-permissions' JWTs. */
export const BEARER_AUTH = 'bearerAuth';

/**
 * Strapi's error envelope (`strapi::errors` formats every error this way, http-errors included). Named
 * `Error`, it replaces the documentation plugin's looser schema of the same name, so the generated CRUD
 * routes' errors are this one too.
 */
const errorBody = z
  .object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z.record(z.unknown()),
  })
  .strict();
// OpenAPI 3.0 has no null type: a nullable object whose only value is null.
const nullData = z.null().openapi({ type: 'object', nullable: true, enum: [null] } as { type: 'object'; enum: null[] });

export const errorEnvelopeSchema = z
  .object({ data: nullData, error: errorBody })
  .strict()
  .openapi('Error', { description: 'Every 4xx and 5xx answer: show `error.message`; `error.details` says what to fix.' });

/** The envelope of an error whose `details` a route documents (e.g. a 409 that carries the existing record). */
export const errorEnvelopeWith = (details: ZodTypeAny) => z.object({ data: nullData, error: errorBody.extend({ details }) }).strict();

/** `meta: {}` on answers that have nothing to say there. */
export const emptyMeta = z.object({}).strict();

/** Strapi's page-based pagination, as the domain lists answer it. */
export const pagePaginationSchema = z
  .object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() })
  .strict()
  .openapi('PagePagination');

/** A calendar day, YYYY-MM-DD (in the user's own time zone and day start). */
export const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An instant, ISO 8601 in UTC. */
export const instant = z.string().datetime();

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;

const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'Bad input (ValidationError): `error.details.errors` lists each problem with its path',
  401: 'Not signed in, or the token is expired or revoked: refresh (POST /api/auth/refresh) or sign in again',
  403: 'Signed in but not allowed (blocked account, missing permission, membership required)',
  404: 'Not found among your own records',
  409: 'Already done (a duplicate, a code already used): `error.details` carries the existing record where there is one',
  422: 'The idempotency key was already used for a different request (`error.details.reason` idempotency_key_reused): use a new key for every new write',
  429: 'Too many requests: wait `Retry-After` seconds',
  503: 'A service this route needs (WeChat, the leaderboard store, the database) cannot be reached: retry shortly',
};

type ZodObjectWithEffect = AnyZodObject | ZodEffects<ZodObjectWithEffect, unknown, unknown>;

/**
 * One success answer: its schema (none for 204) and what it means. A `$ref` names a schema the
 * documentation plugin generates from a content type (e.g. `HabitResponse`), for routes that answer a
 * content type's record the way its generated CRUD routes do.
 */
export type ApiAnswer = {
  description: string;
  schema?: ZodTypeAny | { $ref: string };
  headers?: AnyZodObject;
  /** The answer's media type when it is not JSON (WeChat's message push wants plain text back). */
  contentType?: 'text/plain';
};

/** A `$ref` to a component schema the documentation plugin generates. */
export const generatedSchema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * One content-API route as its plugin (or src/api) documents it. `path` is the route's own path, as in
 * its route file (`/leaderboards/:metric`); the assembler adds the API prefix.
 */
export type ApiRoute = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `user`: needs a user's access token (Bearer); `public`: anyone, no token needed. */
  auth: 'user' | 'public';
  request?: {
    /** The schema the controller parses the JSON body with. */
    body?: ZodTypeAny;
    /** A multipart/form-data body instead (a file upload): its fields, files as binary strings. */
    form?: AnyZodObject;
    query?: ZodObjectWithEffect;
    /** Path parameters; a string schema is assumed for any left out. */
    params?: AnyZodObject;
    headers?: AnyZodObject;
  };
  /** Success answers by status. */
  responses: Partial<Record<200 | 201 | 204, ApiAnswer>>;
  /**
   * The 4xx / 5xx statuses this route can answer, with the error envelope; `details` documents what
   * `error.details` holds for that status (all its causes: the conformance test holds real errors to it).
   */
  errors: Array<ErrorStatus | { status: ErrorStatus; details: ZodTypeAny; description?: string } | { status: ErrorStatus; body: ZodTypeAny; description: string }>;
};

/** What a plugin's `openapi` service offers the assembler. */
export type OpenApiSurface = { routes(): ApiRoute[] };

const retryAfterHeader = z.object({ 'Retry-After': z.string().openapi({ description: 'Seconds to wait before trying again' }) });

/** `/leaderboards/:metric/me` -> `/leaderboards/{metric}/me`, and the parameter names. */
export const openApiPath = (path: string) => ({
  path: path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
  params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]),
});

const routeConfig = (prefix: string, route: ApiRoute): RouteConfig => {
  const { path, params } = openApiPath(route.path);
  const given = route.request?.params;
  const missing = params.filter((name) => !given?.shape[name]);
  const paramsSchema =
    params.length === 0 ? undefined : (given ?? z.object({})).extend(Object.fromEntries(missing.map((name) => [name, z.string()])));
  const responses: RouteConfig['responses'] = {};
  for (const [status, answer] of Object.entries(route.responses) as Array<[string, ApiAnswer]>) {
    responses[status] = {
      description: answer.description,
      ...(answer.headers ? { headers: answer.headers } : {}),
      ...(answer.schema ? { content: { [answer.contentType ?? 'application/json']: { schema: answer.schema } } } : {}),
    };
  }
  const errors = route.errors.map((error) => (typeof error === 'number' ? { status: error } : error));
  for (const error of errors.sort((a, b) => a.status - b.status)) {
    responses[String(error.status)] = {
      description: 'description' in error && error.description ? error.description : ERROR_MEANINGS[error.status],
      ...(error.status === 429 ? { headers: retryAfterHeader } : {}),
      // `body`: an error answered in another party's format (WeChat Pay's { code, message } to its notifications).
      content: { 'application/json': { schema: 'body' in error ? error.body : 'details' in error ? errorEnvelopeWith(error.details) : errorEnvelopeSchema } },
    };
  }
  return {
    method: route.method,
    path: `${prefix}${path}`,
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: route.auth === 'user' ? [{ [BEARER_AUTH]: [] }] : [],
    request: {
      ...(route.request?.body ? { body: { required: !route.request.body.safeParse({}).success, content: { 'application/json': { schema: route.request.body } } } } : {}),
      ...(route.request?.form ? { body: { required: true, content: { 'multipart/form-data': { schema: route.request.form } } } } : {}),
      ...(route.request?.query ? { query: route.request.query } : {}),
      ...(paramsSchema ? { params: paramsSchema } : {}),
      ...(route.request?.headers ? { headers: route.request.headers } : {}),
    },
    responses,
  };
};

/**
 * The paths and component schemas of `routes`, as an OpenAPI 3.0 fragment for the documentation plugin's
 * override service. Named schemas (`.openapi('Name')`) become components, referenced by `$ref`.
 */
export const openApiFragment = (prefix: string, routes: ApiRoute[]) => {
  const registry = new OpenAPIRegistry();
  for (const route of routes) registry.registerPath(routeConfig(prefix, route));
  const generated = new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.0',
    info: { title: 'fragment', version: '0' },
  });
  return withoutBareNullable({ paths: generated.paths ?? {}, components: { schemas: generated.components?.schemas ?? {} } });
};

/**
 * zod-to-openapi writes `z.unknown()` as `{ nullable: true }`, which OpenAPI 3.0 forbids (`nullable`
 * needs a `type`); `{}` already admits any value, null included.
 */
const withoutBareNullable = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(withoutBareNullable) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const bare = entries.length === 1 && entries[0][0] === 'nullable' && entries[0][1] === true;
  return (bare ? {} : Object.fromEntries(entries.map(([key, child]) => [key, withoutBareNullable(child)]))) as T;
};

/** One zod schema as an OpenAPI 3.0 schema object (for a place zod-to-openapi does not generate itself). */
export const schemaObjectOf = (schema: ZodTypeAny): Record<string, unknown> => {
  const generated = new OpenApiGeneratorV3([{ type: 'schema', schema: schema.openapi('Schema') }]).generateComponents();
  return withoutBareNullable((generated.components?.schemas?.Schema ?? {}) as Record<string, unknown>);
};
