import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { turnView } from './chat';

export type ConversationView = { id: string; title: string; lastMessageAt: string; createdAt: string };

/** The caller's own conversations (another user's are a 404, never a 403 that says they exist). */
const conversationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const owned = async (userId: number, documentId: string) => {
    const row = await knex()(TABLES.conversations).where({ document_id: documentId, user_id: userId }).first('id', 'document_id', 'title', 'last_message_at', 'created_at');
    if (!row) throw new NotFoundError('No such conversation');
    return row;
  };
  const view = (row: { document_id: string; title: string | null; last_message_at: string | Date | null; created_at: string | Date }): ConversationView => ({
    id: row.document_id,
    title: row.title ?? '',
    lastMessageAt: new Date(row.last_message_at ?? row.created_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  });

  return {
    /** Newest first, a page at a time. */
    async list(userId: number, page: { page: number; pageSize: number }) {
      const base = () => knex()(TABLES.conversations).where({ user_id: userId });
      const [{ n }] = await base().count<{ n: number | string }[]>({ n: '*' });
      const rows = await base()
        .orderBy([{ column: 'last_message_at', order: 'desc' }, { column: 'id', order: 'desc' }])
        .offset((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .select('document_id', 'title', 'last_message_at', 'created_at');
      const total = Number(n);
      return { data: rows.map(view), meta: { pagination: { page: page.page, pageSize: page.pageSize, pageCount: Math.ceil(total / page.pageSize), total } } };
    },

    /** One conversation's turns, oldest first (at most the last `limit`). */
    async messages(userId: number, documentId: string, limit: number) {
      const conversation = await owned(userId, documentId);
      const rows = await knex()(TABLES.messages).where({ conversation_id: conversation.id }).orderBy('id', 'desc').limit(limit).select('*');
      return { data: rows.reverse().map(turnView), meta: { conversation: view(conversation) } };
    },

    async remove(userId: number, documentId: string) {
      const conversation = await owned(userId, documentId);
      await knex().transaction(async (trx) => {
        await trx(TABLES.messages).where({ conversation_id: conversation.id }).del();
        await trx(TABLES.conversations).where({ id: conversation.id }).del();
      });
    },
  };
};

export type ConversationsService = ReturnType<typeof conversationsService>;
export default conversationsService;
