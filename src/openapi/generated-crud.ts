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
};
