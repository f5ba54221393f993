import type { Core, UID } from '@strapi/strapi';
import _ from 'lodash';
import { serverDecidedFields } from '../utils/scoped-controller';

/**
 * The documentation plugin's record and request schemas of the content types, made to say what the
 * content API does (part of its `mutateDocumentation` hook, see src/openapi/index.ts):
 *
 * - private attributes (a habit's `user`, a user's `password`, `openid`, `phoneCipher` ...) are never
 *   answered nor taken (the output sanitizer drops them), yet the plugin writes them into every schema and
 *   into every relation it expands: they go;
 * - a record always has its `id`, `documentId` and timestamps, and an answer always has `data` and `meta`
 *   (with the pagination of a list): they are required; any other attribute that is not required answers
 *   null when unset: it is nullable;
 * - a request does not carry what the server decides (src/utils/scoped-controller.ts: the owner and the
 *   read-only fields, refused with a 400), nor must it send what has a default; where the controller fills
 *   in data on create (a habit's fields from its template, a diary's local date) nothing is required:
 *   the server says what is missing with a 400; an update (PUT) sends only
 *   what changes and never a create-only field, so it gets its own `<Type>UpdateRequest`;
 * - a JSON attribute whose shape a zod schema checks (a habit's weekdays and reminder times) has that
 *   shape instead of "any".
 */
type Json = Record<string, unknown>;
type Attribute = { type: string; private?: boolean; target?: string; default?: unknown; required?: boolean };
type Operation = Json & { requestBody?: { content?: Record<string, { schema?: Json }> } };
type Draft = { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Json> } };

/** The plugin's name for a content type's schema: pascalCase of the API name, and the type's when they differ. */
const schemaNameOf = (apiName: string, typeName: string) =>
  _.upperFirst(_.camelCase(apiName === typeName ? _.upperFirst(apiName) : `${_.upperFirst(apiName)} - ${_.upperFirst(typeName)}`));

const isPrivate = (attribute: Attribute) => attribute.private === true || attribute.type === 'password';

const attributesOf = (strapi: Core.Strapi, uid: string) => (strapi.contentType(uid as UID.ContentType)?.attributes ?? {}) as Record<string, Attribute>;

const propertiesOf = (schema: Json | undefined) => schema?.properties as Record<string, Json> | undefined;

const withoutFields = (schema: Json, fields: Iterable<string>) => {
  const properties = propertiesOf(schema) ?? {};
  const gone = new Set(fields);
  for (const field of gone) delete properties[field];
  if (Array.isArray(schema.required)) schema.required = (schema.required as string[]).filter((field) => !gone.has(field));
};

/** Private attributes out of `schema` (a record of `uid`) and out of the relations it expands, recursively. */
const withoutPrivate = (strapi: Core.Strapi, uid: string, schema: Json | undefined, seen: ReadonlySet<string>) => {
  const properties = propertiesOf(schema);
  if (!schema || !properties) return;
  const attributes = attributesOf(strapi, uid);
  withoutFields(schema, Object.keys(attributes).filter((name) => isPrivate(attributes[name])));
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type !== 'relation' || !attribute.target || seen.has(attribute.target) || !properties[name]) continue;
    const nested = properties[name];
    withoutPrivate(strapi, attribute.target, (nested.type === 'array' ? nested.items : nested) as Json, new Set([...seen, attribute.target]));
  }
};

const ALWAYS_PRESENT = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'];

/** Attributes that are not required answer null when unset (OpenAPI 3.0 needs a `type` beside `nullable`). */
const nullableUnset = (schema: Json | undefined, attributes: Record<string, Attribute>) => {
  const properties = propertiesOf(schema);
  if (!schema || !properties) return;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(properties)) {
    if (name in attributes && !required.has(name) && !ALWAYS_PRESENT.includes(name) && typeof property.type === 'string') property.nullable = true;
  }
};

/** A create or update may clear an attribute the content type does not require by sending null (a habit's end date). */
const nullableOptionalInput = (schema: Json | undefined, attributes: Record<string, Attribute>) => {
  for (const [name, property] of Object.entries(propertiesOf(schema) ?? {})) {
    if (attributes[name] && attributes[name].required !== true && typeof property.type === 'string') property.nullable = true;
  }
};

const requireFields = (schema: Json | undefined, fields: string[]) => {
  const properties = propertiesOf(schema);
  if (!schema || !properties) return;
  const present = fields.filter((field) => field in properties);
  schema.required = [...new Set([...((schema.required as string[] | undefined) ?? []), ...present])];
};

/** Schema objects for content types' JSON attributes, by uid and attribute (the plugin writes them as "any"). */
export type JsonAttributeShapes = Record<string, Record<string, Json>>;

const shapeJsonAttributes = (schema: Json | undefined, shapes: Record<string, Json> | undefined, nullable: boolean) => {
  const properties = propertiesOf(schema);
  if (!properties || !shapes) return;
  for (const [name, shape] of Object.entries(shapes)) {
    if (name in properties) properties[name] = nullable ? { ...shape, nullable: true } : shape;
  }
};

export const recordSchemas = (strapi: Core.Strapi, jsonShapes: JsonAttributeShapes = {}) => (draft: Draft) => {
  const schemas = draft.components?.schemas ?? {};
  for (const [apiName, api] of Object.entries(strapi.apis)) {
    for (const typeName of Object.keys(api.contentTypes)) {
      const uid = `api::${apiName}.${typeName}`;
      const name = schemaNameOf(apiName, typeName);
      const attributes = attributesOf(strapi, uid);

      const record = schemas[name];
      withoutPrivate(strapi, uid, record, new Set([uid]));
      requireFields(record, ALWAYS_PRESENT);
      nullableUnset(record, attributes);
      shapeJsonAttributes(record, jsonShapes[uid], true);
      requireFields(schemas[`${name}Response`], ['data', 'meta']);
      const list = schemas[`${name}ListResponse`];
      requireFields(list, ['data', 'meta']);
      const meta = propertiesOf(list)?.meta;
      requireFields(meta, ['pagination']);
      requireFields(propertiesOf(meta)?.pagination, ['page', 'pageSize', 'pageCount', 'total']);

      const request = propertiesOf(schemas[`${name}Request`])?.data;
      if (!request) continue;
      const decided = serverDecidedFields.get(uid);
      withoutPrivate(strapi, uid, request, new Set([uid]));
      withoutFields(request, decided ? [decided.owner, ...decided.readOnly] : []);
      if (decided?.fillsOnCreate) delete request.required;
      else if (Array.isArray(request.required)) request.required = (request.required as string[]).filter((field) => attributes[field]?.default === undefined);
      shapeJsonAttributes(request, jsonShapes[uid], true);
      nullableOptionalInput(request, attributes);
      const update: Json = JSON.parse(JSON.stringify(request)) as Json;
      delete update.required;
      withoutFields(update, decided?.createOnly ?? []);
      schemas[`${name}UpdateRequest`] = { type: 'object', required: ['data'], properties: { data: update } };
      for (const item of Object.values(draft.paths ?? {})) {
        const body = item.put?.requestBody?.content?.['application/json'];
        if (body?.schema?.$ref === `#/components/schemas/${name}Request`) body.schema = { $ref: `#/components/schemas/${name}UpdateRequest` };
      }
    }
  }
};
