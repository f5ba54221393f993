import type { Core, UID } from '@strapi/strapi';
import _ from 'lodash';

/**
 * The documentation plugin writes every attribute of a content type into its schemas, private ones
 * included (a habit's `user`, a user's `password`, `openid`, `phoneCipher` ...), and expands relations
 * with the target's attributes, private ones included again. The content API never answers them (its
 * output sanitizer drops them) nor takes them: they leave the generated record and request schemas.
 */
type Json = Record<string, unknown>;
type Attribute = { type: string; private?: boolean; target?: string };
type Draft = { components?: { schemas?: Record<string, Json> } };

/** The plugin's name for a content type's schema: pascalCase of the API name, and the type's when they differ. */
const schemaNameOf = (apiName: string, typeName: string) =>
  _.upperFirst(_.camelCase(apiName === typeName ? _.upperFirst(apiName) : `${_.upperFirst(apiName)} - ${_.upperFirst(typeName)}`));

const isPrivate = (attribute: Attribute) => attribute.private === true || attribute.type === 'password';

const strip = (strapi: Core.Strapi, uid: string, schema: Json | undefined, seen: ReadonlySet<string>) => {
  const properties = schema?.properties as Record<string, Json> | undefined;
  if (!schema || !properties) return;
  const attributes = (strapi.contentType(uid as UID.ContentType)?.attributes ?? {}) as Record<string, Attribute>;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!(name in properties)) continue;
    if (isPrivate(attribute)) {
      delete properties[name];
      if (Array.isArray(schema.required)) schema.required = (schema.required as string[]).filter((field) => field !== name);
      continue;
    }
    if (attribute.type === 'relation' && attribute.target && !seen.has(attribute.target)) {
      const nested = properties[name];
      strip(strapi, attribute.target, (nested.type === 'array' ? nested.items : nested) as Json, new Set([...seen, attribute.target]));
    }
  }
};

export const withoutPrivateAttributes = (strapi: Core.Strapi) => (draft: Draft) => {
  const schemas = draft.components?.schemas ?? {};
  for (const [apiName, api] of Object.entries(strapi.apis)) {
    for (const typeName of Object.keys(api.contentTypes)) {
      const uid = `api::${apiName}.${typeName}`;
      const name = schemaNameOf(apiName, typeName);
      strip(strapi, uid, schemas[name], new Set([uid]));
      strip(strapi, uid, (schemas[`${name}Request`]?.properties as Record<string, Json> | undefined)?.data, new Set([uid]));
    }
  }
};
