import type { Core } from '@strapi/strapi';
import { TABLES, type Kind } from '../content-types';
import { jsonValue, truthy } from '../utils/rows';

export type TemplateRow = {
  id: number;
  documentId: string;
  title: string;
  templateId: string;
  kind: Kind;
  longTerm: boolean;
  fields: Record<string, string>;
  page: string | null;
  active: boolean;
};

const view = (row: Record<string, unknown>): TemplateRow => ({
  id: Number(row.id),
  documentId: String(row.document_id),
  title: String(row.title ?? ''),
  templateId: String(row.template_id),
  kind: row.kind as Kind,
  longTerm: truthy(row.long_term),
  fields: jsonValue<Record<string, string>>(row.fields, {}),
  page: (row.page as string | null) ?? null,
  active: truthy(row.active),
});

/** The editors' templates (订阅消息模板). Read fresh each time: a handful of rows, and editors change them. */
const templatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const columns = ['id', 'document_id', 'title', 'template_id', 'kind', 'long_term', 'fields', 'page', 'active'];
  return {
    async active(): Promise<TemplateRow[]> {
      const rows = await knex()(TABLES.templates).where({ active: true }).orderBy('id', 'asc').select(columns);
      return rows.map(view);
    },

    /**
     * The template a kind sends with: the newest active one of that kind (an editor replacing a template adds the
     * new one and may leave the old one on while users' credits for it run out); null: that kind sends nothing.
     */
    async forKind(kind: Kind): Promise<TemplateRow | null> {
      const row = await knex()(TABLES.templates).where({ kind, active: true }).orderBy('id', 'desc').first(columns);
      return row ? view(row) : null;
    },

    async byId(id: number): Promise<TemplateRow | null> {
      const row = await knex()(TABLES.templates).where({ id }).first(columns);
      return row ? view(row) : null;
    },

    async byDocumentId(documentId: string): Promise<TemplateRow | null> {
      const row = await knex()(TABLES.templates).where({ document_id: documentId }).first(columns);
      return row ? view(row) : null;
    },
  };
};

export type TemplatesService = ReturnType<typeof templatesService>;
export default templatesService;
