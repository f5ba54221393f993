/**
 * The documentation plugin's `mutateDocumentation` hook (config/plugins.ts), run on the document it
 * generates after the overrides are merged in.
 *
 * The plugin writes the generated CRUD paths relative to the server URL (`/habits`); the document keeps
 * every path under the API prefix (`/api/habits`, as the mini-program calls them) with the server URL
 * at the origin. An operation that an override documents too (src/openapi: a CRUD action whose
 * controller does more than the core one) keeps the override's description, request and answers, and
 * the generated query parameters it does not name itself (Strapi's sort, filters, pagination ...).
 *
 * It also corrects what the plugin gets wrong about Strapi 5's core controllers: a create answers 201,
 * a delete 204 with no body, and a list's page size and page count have no bounds. A path with a query
 * string (upload's `/upload?id={id}`, its POST /upload replacing a file) is no OpenAPI path: it goes.
 * A record's attributes that are not required answer null when unset, which the plugin does not say.
 * Two paths that differ only in their parameters' names are one path to OpenAPI (users-permissions'
 * `/roles/{id}` and `/roles/{role}`): the second's operations join the first, their parameter renamed.
 */
type Json = Record<string, unknown>;
type Operation = Json & { parameters?: Array<Json & { name: string; in: string }>; responses?: Record<string, unknown> };
type PathItem = Record<string, Operation>;
type Draft = { paths?: Record<string, PathItem>; components?: { schemas?: Record<string, Json> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The plugin names the operations it generates `<method><path>` (`post/habits`); overrides name theirs. */
const isGenerated = (method: string, path: string, operation: Operation) => operation.operationId === `${method}${path}`;

const correctAnswers = (method: string, path: string, operation: Operation) => {
  const responses = operation.responses;
  if (!isGenerated(method, path, operation) || !responses?.['200']) return;
  if (method === 'delete') {
    delete responses['200'];
    responses['204'] = { description: 'Deleted' };
  } else if (method === 'post' && !path.includes('{')) {
    responses['201'] = { ...(responses['200'] as Json), description: 'Created' };
    delete responses['200'];
  }
};

const mergeOperation = (generated: Operation, override: Operation): Operation => {
  const named = new Set((override.parameters ?? []).map((p) => `${p.in}:${p.name}`));
  const kept = (generated.parameters ?? []).filter((p) => !named.has(`${p.in}:${p.name}`));
  const parameters = [...kept, ...(override.parameters ?? [])];
  return { ...generated, ...override, ...(parameters.length > 0 ? { parameters } : {}) };
};

const unboundPagination = (schemas: Record<string, Json>) => {
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.endsWith('ListResponse')) continue;
    const pagination = ((schema.properties as Json | undefined)?.meta as Json | undefined)?.properties as Json | undefined;
    const fields = (pagination?.pagination as Json | undefined)?.properties as Record<string, Json> | undefined;
    if (!fields) continue;
    delete fields.pageSize?.minimum;
    delete fields.pageCount?.maximum;
  }
};

const templateOf = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
const parameterNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);

const joinSameTemplates = (paths: Record<string, PathItem>) => {
  const first = new Map<string, string>();
  for (const path of Object.keys(paths).sort()) {
    const template = templateOf(path);
    const kept = first.get(template);
    if (kept === undefined) {
      first.set(template, path);
      continue;
    }
    const names = parameterNames(kept);
    const renamed = new Map(parameterNames(path).map((name, i) => [name, names[i]]));
    for (const [method, operation] of Object.entries(paths[path])) {
      if (!METHODS.includes(method) || paths[kept][method]) continue;
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path') parameter.name = renamed.get(parameter.name) ?? parameter.name;
      }
      paths[kept][method] = operation;
    }
    delete paths[path];
  }
};

/** The content types' record schemas: `X` where the plugin generated `XResponse` as `{ data: X }`. */
const nullableUnsetAttributes = (schemas: Record<string, Json>) => {
  for (const [name, schema] of Object.entries(schemas)) {
    const data = ((schemas[`${name}Response`]?.properties as Json | undefined)?.data as Json | undefined)?.$ref;
    if (data !== `#/components/schemas/${name}`) continue;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [attribute, property] of Object.entries((schema.properties as Record<string, Json> | undefined) ?? {})) {
      if (!required.has(attribute) && typeof property.type === 'string') property.nullable = true;
    }
  }
};

/**
 * A create or update may clear an attribute that is not required by sending null (a habit's end date, a
 * diary's title); the plugin's request schemas do not say so. And they require every required attribute,
 * though an update sends only what changes and a create may leave out what has a default or what the
 * controller fills in (a habit's fields from its template): the server names a missing one in its 400.
 */
const nullableOptionalInputs = (schemas: Record<string, Json>) => {
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.endsWith('Request')) continue;
    const data = (schema.properties as Record<string, Json> | undefined)?.data;
    const required = new Set((data?.required as string[] | undefined) ?? []);
    for (const [attribute, property] of Object.entries((data?.properties as Record<string, Json> | undefined) ?? {})) {
      if (!required.has(attribute) && typeof property.type === 'string') property.nullable = true;
    }
    if (data) delete data.required;
  }
};

/**
 * What every core controller answer carries, which the plugin marks optional: `data` and `meta`, a list's
 * `meta.pagination` with its four numbers, and each record's `id` and `documentId` (never null). Without
 * this, a typed client (the mini-program) checks for each of them on every answer.
 */
const requireDeliveredParts = (schemas: Record<string, Json>) => {
  const refName = (value: unknown) => (typeof value === 'string' ? value.replace('#/components/schemas/', '') : undefined);
  for (const [name, schema] of Object.entries(schemas)) {
    const list = name.endsWith('ListResponse');
    const properties = schema.properties as Record<string, Json> | undefined;
    if (!name.endsWith('Response') || !properties?.data || !properties.meta) continue;
    schema.required = ['data', 'meta'];
    const pagination = (properties.meta.properties as Record<string, Json> | undefined)?.pagination;
    if (list && pagination) {
      properties.meta.required = ['pagination'];
      pagination.required = ['page', 'pageSize', 'pageCount', 'total'];
    }
    const record = schemas[refName(list ? (properties.data.items as Json | undefined)?.$ref : properties.data.$ref) ?? ''];
    const attributes = record?.properties as Record<string, Json> | undefined;
    if (!record || !attributes?.id || !attributes.documentId) continue;
    record.required = [...new Set([...((record.required as string[] | undefined) ?? []), 'id', 'documentId'])];
    delete attributes.documentId.nullable;
  }
};

export const moveGeneratedPathsUnder = (prefix: string) => (draft: Draft) => {
  const paths = draft.paths ?? {};
  for (const path of Object.keys(paths)) {
    if (path.includes('?')) {
      delete paths[path];
      continue;
    }
    if (path === prefix || path.startsWith(`${prefix}/`)) continue;
    const generated = paths[path];
    delete paths[path];
    const target = `${prefix}${path}`;
    const overridden = paths[target] ?? {};
    const merged: PathItem = { ...overridden };
    for (const [method, operation] of Object.entries(generated)) {
      if (!METHODS.includes(method)) continue;
      correctAnswers(method, path, operation);
      merged[method] = overridden[method] ? mergeOperation(operation, overridden[method]) : operation;
    }
    paths[target] = merged;
  }
  joinSameTemplates(paths);
  unboundPagination(draft.components?.schemas ?? {});
  nullableUnsetAttributes(draft.components?.schemas ?? {});
  requireDeliveredParts(draft.components?.schemas ?? {});
  nullableOptionalInputs(draft.components?.schemas ?? {});
};
