import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { EXPORT_PATHS, exportDocument } from '../../src/openapi/export';
import { documentedRoutes, operationKey } from '../../src/openapi';
import { APP_DIR, getStrapi, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { loadDocument, type OpenApiDocument } from '../helpers/openapi';
import { ROLE_PERMISSIONS } from '../../src/bootstrap/permissions';

/**
 * The API document is complete, valid and committed as generated: every content-API route Strapi has
 * registered is in it (and nothing else), and miniprogram/api/{openapi.json,schema.d.ts} are exactly
 * what `npm run openapi` writes from the code as it is.
 */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Route = { method: string; path: string; handler?: unknown };


const registeredRoutes = async (): Promise<Route[]> => {
  const byGroup = (await getStrapi().contentAPI.getRoutesMap()) as Record<string, Route[]>;
  return Object.values(byGroup).flat();
};

const documentedOperations = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([documentPath, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => operationKey(method, documentPath)),
  );

let document: OpenApiDocument;

beforeAll(async () => {
  await setupStrapi({ PUBLIC_URL: 'http://localhost:1337' });
  document = await loadDocument();
});
afterAll(teardownStrapi);

describe('the API document', () => {
  it('lists every content-API route Strapi has registered, under /api', async () => {
    const documented = new Set(documentedOperations(document));
    const missing = (await registeredRoutes())
      .map((route) => operationKey(route.method, route.path))
      .filter((operation) => !documented.has(operation));
    expect(missing).toEqual([]);
  });

  it('lists no route that does not exist', async () => {
    const registered = new Set((await registeredRoutes()).map((route) => operationKey(route.method, route.path)));
    expect(documentedOperations(document).filter((operation) => !registered.has(operation))).toEqual([]);
  });

  it('documents every route of the plugins and src/api from zod schemas, with its security', () => {
    for (const route of documentedRoutes(getStrapi())) {
      const documentPath = `/api${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
      const operation = document.paths[documentPath]?.[route.method];
      expect({ route: `${route.method} ${documentPath}`, operationId: operation?.operationId }).toEqual({
        route: `${route.method} ${documentPath}`,
        operationId: route.operationId,
      });
      expect(operation?.security).toEqual(route.auth === 'user' ? [{ bearerAuth: [] }] : []);
    }
  });

  it('lets anyone call, without a token, exactly the routes the public role may call (src/bootstrap/permissions.ts)', async () => {
    const byGroup = (await getStrapi().contentAPI.getRoutesMap()) as Record<string, Route[]>;
    const anonymous = Object.entries(byGroup)
      // The app's own routes and the community, challenges and mall plugins' (their reads are granted to the public role; the
      // other plugins' public routes, and WeChat Pay's notification routes, are open by `auth: false`, not by a role permission).
      .filter(([group]) => group.startsWith('api::') || ['plugin::community', 'plugin::challenges', 'plugin::mall'].includes(group))
      .flatMap(([group, routes]) =>
        routes.filter((route) => (route as { config?: { auth?: unknown } }).config?.auth !== false).map((route) => {
          const handler = String(route.handler);
          const action = handler.includes('::') ? handler : `${group}.${handler}`;
          const documentPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          // A plugin's routes are listed without the API prefix here.
          const operation = (document.paths[documentPath] ?? document.paths[`/api${documentPath}`])?.[route.method.toLowerCase()];
          // No requirement at all ([]), or an empty one among others ([{}, bearerAuth]), lets anyone call.
          const security = operation?.security ?? [{ bearerAuth: [] }];
          return { action, open: security.length === 0 || security.some((requirement) => Object.keys(requirement as object).length === 0) };
        }),
      );
    const publicActions = new Set(ROLE_PERMISSIONS.public);
    expect(anonymous.filter(({ action, open }) => open !== publicActions.has(action) && !action.startsWith('api::health.'))).toEqual([]);
    expect(anonymous.filter(({ open }) => open).length).toBeGreaterThanOrEqual(publicActions.size);
  });

  it('is valid OpenAPI 3 (structure, references, parameters)', async () => {
    const config = await createConfig({
      rules: {
        struct: 'error',
        'no-unresolved-refs': 'error',
        'path-parameters-defined': 'error',
        'operation-operationId-unique': 'error',
        'no-identical-paths': 'error',
        'spec-components-invalid-map-name': 'error',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`)).toEqual([]);
  });
});

describe('the committed document and mini-program types', () => {
  it('are what `npm run openapi` generates from the code', async () => {
    const document = await exportDocument(getStrapi());
    const types = execFileSync(process.execPath, [path.join(APP_DIR, 'scripts', 'openapi-types.js')], { input: document, encoding: 'utf8' });
    const generated = { document, types };
    const committed = (file: string) => (fs.existsSync(path.join(APP_DIR, file)) ? fs.readFileSync(path.join(APP_DIR, file), 'utf8') : '');
    const stale = [
      ...(committed(EXPORT_PATHS.document) === generated.document ? [] : [EXPORT_PATHS.document]),
      ...(committed(EXPORT_PATHS.types) === generated.types ? [] : [EXPORT_PATHS.types]),
    ];
    if (stale.length > 0) {
      throw new Error(`${stale.join(' and ')} differ from what the code generates: run npm run openapi and commit the result`);
    }
  });
});
