import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response as SupertestResponse } from 'supertest';
import { recordResponse } from '../../../tests/helpers/audit';
import type { WxCall } from '../helpers/wx-double';

/**
 * Holds every request the mini-program sends and every answer it gets to the API document the
 * mini-program's types are generated from (miniprogram/api/openapi.json, written by `npm run openapi`
 * next to schema.d.ts): the path and method must be documented, the request body must match its
 * schema, the answer's status must be listed and its body must match that status's schema.
 */

export const DOCUMENT_PATH = path.resolve(__dirname, '..', '..', 'api', 'openapi.json');

type Schema = Record<string, unknown>;
type Operation = {
  requestBody?: { content?: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: Record<string, unknown> };

/** OpenAPI 3.0 schema objects -> JSON Schema: `nullable: true` becomes a null alternative; examples go. */
const toJsonSchema = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, example: _example, ...rest } = value as Schema;
  // OpenAPI 3.0's boolean exclusiveMinimum / exclusiveMaximum (zod's positive()) are numbers in JSON Schema.
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof rest[exclusive] !== 'boolean') continue;
    if (rest[exclusive] === true) {
      rest[exclusive] = rest[bound];
      delete rest[bound];
    } else delete rest[exclusive];
  }
  const converted = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, toJsonSchema(child)])) as Schema;
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string' && converted.enum === undefined && converted.$ref === undefined) return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
};

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Whether the document (as written now) has `method` on a path template matching `path`: for tests of
 * routes built in parts, which wait (todo) for a route until its part is merged and documented.
 */
export const documentsRoute = (method: string, path: string): boolean => {
  if (!fs.existsSync(DOCUMENT_PATH)) return false;
  const document = JSON.parse(fs.readFileSync(DOCUMENT_PATH, 'utf8')) as Document;
  return Object.entries(document.paths).some(
    ([template, operations]) => method.toLowerCase() in operations && new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`).test(path),
  );
};

export interface Exchange {
  method: string;
  /** Path without the query string, as sent (/api/habits/abc123). */
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

export const shapeChecker = () => {
  if (!fs.existsSync(DOCUMENT_PATH)) {
    throw new Error(`${DOCUMENT_PATH} is missing: run \`npm run openapi\` to write the API document the mini-program's types come from`);
  }
  const document = JSON.parse(fs.readFileSync(DOCUMENT_PATH, 'utf8')) as Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'password']) ajv.addFormat(format, true);
  ajv.addSchema(toJsonSchema({ components: document.components ?? {}, paths: document.paths }) as Schema, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    // Literal segments beat parameters: /api/check-ins/today before /api/check-ins/{id}.
    literalSegments: template.split('/').filter((segment) => !segment.startsWith('{')).length,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }));
  templates.sort((a, b) => b.literalSegments - a.literalSegments);

  const validator = (key: string) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.getSchema(key);
      if (!validate) throw new Error(`cannot compile the schema at ${key}`);
      compiled.set(key, validate);
    }
    return validate;
  };

  /** The problems of one exchange ([] when it matches the document). */
  return (exchange: Exchange): string[] => {
    const method = exchange.method.toLowerCase();
    const template = templates.find((each) => each.pattern.test(exchange.path) && document.paths[each.template][method])?.template;
    const name = `${exchange.method} ${exchange.path}`;
    if (!template) return [`${name} is not in the API document`];
    const operation = document.paths[template][method];
    const problems: string[] = [];
    const requestSchema = operation.requestBody?.content?.['application/json'];
    if (exchange.requestBody !== undefined) {
      if (!requestSchema) problems.push(`${name} sent a body the document does not describe`);
      else {
        const validate = validator(`openapi#/${pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema')}`);
        if (!validate(exchange.requestBody)) problems.push(`${name} request: ${ajv.errorsText(validate.errors)}: ${JSON.stringify(exchange.requestBody)}`);
      }
    }
    const answer = operation.responses[String(exchange.status)];
    if (!answer) {
      problems.push(`${name} answered ${exchange.status}, not listed (${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(exchange.responseBody)}`);
      return problems;
    }
    const content = answer.content?.['application/json'];
    if (!content) {
      if (exchange.responseBody !== null && exchange.responseBody !== '') problems.push(`${name} ${exchange.status} has no documented body but answered one`);
      return problems;
    }
    const validate = validator(`openapi#/${pointer('paths', template, method, 'responses', String(exchange.status), 'content', 'application/json', 'schema')}`);
    if (!validate(exchange.responseBody)) {
      problems.push(`${name} ${exchange.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(exchange.responseBody).slice(0, 2000)}`);
    }
    return problems;
  };
};

/**
 * wx.request bridged to Node's fetch for the contract tests: each exchange is recorded, held to the
 * document (`check()`, read when the call is made: the checker is built after the server boots) and put
 * through the suite's audit. `inFlight` counts the requests not yet answered, for tests that wait until
 * the pages have settled.
 */
export const fetchBridge = (log: { exchanges: Exchange[]; problems: string[]; check: () => (exchange: Exchange) => string[] }) => {
  const state = { inFlight: 0 };
  const send = async (call: WxCall) => {
    state.inFlight += 1;
    let response: globalThis.Response;
    let text: string;
    try {
      response = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
      text = await response.text();
    } finally {
      state.inFlight -= 1;
    }
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const url = new URL(call.url);
    const exchange: Exchange = { method: call.method, path: url.pathname, requestBody: call.body, status: response.status, responseBody: body };
    log.exchanges.push(exchange);
    log.problems.push(...log.check()(exchange));
    recordResponse(call.method, url.pathname + url.search, { status: response.status, text } as unknown as SupertestResponse);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, body };
  };
  /** Until nothing has been in flight for 50 ms (at most 20 s): the pages have settled. */
  const settle = async () => {
    let quiet = 0;
    for (let i = 0; i < 2000 && quiet < 5; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      quiet = state.inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { send, state, settle };
};
