import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { generateServedDocument } from '../../src/openapi/export';
import { getStrapi } from './strapi';

/**
 * The API document as the running app generates it, and a check of real answers against it: the
 * answer's status must be documented for the operation, and its body must match that status's schema
 * (ajv, after turning OpenAPI 3.0's schema dialect into JSON Schema).
 */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0 schema objects -> JSON Schema (draft 7): `nullable: true` becomes a null alternative
 * (OpenAPI 3.0 has no `null` type), examples are dropped. Everything else is the same keyword.
 */
export const toJsonSchema = (value: unknown): unknown => {
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
  if (typeof converted.type === 'string' && converted.enum === undefined && converted.$ref === undefined) {
    return { ...converted, type: [converted.type, 'null'] };
  }
  return { anyOf: [converted, { type: 'null' }] };
};

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export const loadDocument = async (): Promise<OpenApiDocument> => (await generateServedDocument(getStrapi())) as unknown as OpenApiDocument;

export const answerChecker = (document: OpenApiDocument) => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'password']) ajv.addFormat(format, true);
  ajv.addSchema(toJsonSchema({ components: document.components, paths: document.paths }) as Schema, 'openapi');
  const compiled = new Map<string, ValidateFunction>();

  /** Throws (failing the test) unless `res` is a documented answer of `method path` (the document's path, `/api/habits/{id}`). */
  return (method: string, path: string, res: Response) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not in the API document`);
    const answer = operation.responses[String(res.status)];
    if (!answer) {
      throw new Error(`${method} ${path} answered ${res.status}, which the document does not list (${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(res.body)}`);
    }
    const text = answer.content?.['text/plain'];
    if (text) {
      const validateText = ajv.compile(toJsonSchema(text.schema) as Schema);
      if (!validateText(res.text)) throw new Error(`${method} ${path} ${res.status}: the text answer ${JSON.stringify(res.text)} does not match the document`);
      return;
    }
    const content = answer.content?.['application/json'];
    if (!content) {
      if (res.text) throw new Error(`${method} ${path} ${res.status} has no documented body but answered ${res.text}`);
      return;
    }
    const key = `openapi#/${pointer('paths', path, method.toLowerCase(), 'responses', String(res.status), 'content', 'application/json', 'schema')}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.getSchema(key);
      if (!validate) throw new Error(`cannot compile the schema at ${key}`);
      compiled.set(key, validate);
    }
    if (!validate(res.body)) {
      throw new Error(
        `${method} ${path} ${res.status}: the answer does not match the document:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n` +
          `answer: ${JSON.stringify(res.body, null, 2).slice(0, 4000)}`,
      );
    }
  };
};
