import type { Core } from '@strapi/strapi';
import { TABLES } from '../content-types';

/** The badges a user earned by finishing challenges (GET /me/badges; the profile shows them). Newest first. */
export type EarnedBadge = { name: string; icon: string | null; awardedAt: string; challenge: { documentId: string; title: string } };

const badgesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async of(userId: number): Promise<EarnedBadge[]> {
    const rows = (await strapi.db
      .connection(`${TABLES.badges} as b`)
      .join(`${TABLES.challenges} as c`, 'c.id', 'b.challenge_id')
      .where('b.user_id', userId)
      .orderBy('b.awarded_at', 'desc')
      .orderBy('b.id', 'desc')
      .select('b.name', 'b.icon', 'b.awarded_at', 'c.document_id', 'c.title')) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      name: String(row.name),
      icon: (row.icon as string | null) || null,
      awardedAt: new Date(row.awarded_at as string | number).toISOString(),
      challenge: { documentId: String(row.document_id), title: String(row.title) },
    }));
  },
});

export type BadgesService = ReturnType<typeof badgesService>;
export default badgesService;
