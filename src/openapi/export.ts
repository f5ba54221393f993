import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { serializeDocument } from '.';

type DocumentationService = {
  generateFullDoc(version?: string): Promise<void>;
  getFullDocumentationPath(): string;
};

/**
 * The document the documentation plugin serves, generated afresh (the plugin only writes it to a file:
 * this writes it under a private version folder, reads it back and removes the folder, so concurrent
 * boots that write the served version are never read half-written).
 */
export const generateServedDocument = async (strapi: Core.Strapi): Promise<Record<string, unknown>> => {
  const documentation = strapi.plugin('documentation').service('documentation') as DocumentationService;
  const version = `openapi-export-${process.pid}-${Date.now()}`;
  const folder = path.join(documentation.getFullDocumentationPath(), version);
  try {
    await documentation.generateFullDoc(version);
    return JSON.parse(await fs.readFile(path.join(folder, 'full_documentation.json'), 'utf8')) as Record<string, unknown>;
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
};

/** miniprogram/api/openapi.json's text (its types, schema.d.ts, come from scripts/openapi-types.js). */
export const exportDocument = async (strapi: Core.Strapi): Promise<string> => serializeDocument(await generateServedDocument(strapi));

/** Where `npm run openapi` writes them, relative to the app. */
export const EXPORT_PATHS = { document: 'miniprogram/api/openapi.json', types: 'miniprogram/api/schema.d.ts' } as const;
