import type { Core } from '@strapi/strapi';
import { UIDS } from '../content-types';

/**
 * The moderation audit trail: who decided what about which post, comment or user, when and why. Rows are
 * only ever inserted; the database refuses UPDATE and DELETE on the table (database/constraints.ts), and
 * the content-manager does not show it.
 */
export type DecisionSource = 'moderator' | 'wechat' | 'reports' | 'system';

export type Moderator = { id: number; name: string };

export type NewDecision = {
  source: DecisionSource;
  moderator?: Moderator | null;
  targetType: 'post' | 'comment' | 'user' | 'challenge';
  targetId: number;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
};

export type DecisionRecord = {
  id: number;
  source: DecisionSource;
  moderatorId: number | null;
  moderatorName: string | null;
  targetType: 'post' | 'comment' | 'user' | 'challenge';
  targetId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  createdAt: string;
};

type Row = Record<string, unknown>;

const toRecord = (row: Row): DecisionRecord => ({
  id: Number(row.id),
  source: row.source as DecisionSource,
  moderatorId: row.moderatorId == null ? null : Number(row.moderatorId),
  moderatorName: (row.moderatorName as string | null) ?? null,
  targetType: row.targetType as DecisionRecord['targetType'],
  targetId: Number(row.targetId),
  action: String(row.action),
  fromStatus: (row.fromStatus as string | null) ?? null,
  toStatus: (row.toStatus as string | null) ?? null,
  note: (row.note as string | null) ?? null,
  createdAt: new Date(row.createdAt as string).toISOString(),
});

const decisionsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Append one decision (inside the caller's transaction when there is one). */
  async record(decision: NewDecision): Promise<DecisionRecord> {
    const row = await strapi.db.query(UIDS.decision).create({
      data: {
        source: decision.source,
        moderatorId: decision.moderator?.id ?? null,
        moderatorName: decision.moderator?.name.slice(0, 128) ?? null,
        targetType: decision.targetType,
        targetId: decision.targetId,
        action: decision.action,
        fromStatus: decision.fromStatus ?? null,
        toStatus: decision.toStatus ?? null,
        note: decision.note?.slice(0, 500) ?? null,
      },
    });
    return toRecord(row as Row);
  },

  /** Newest first, a page at a time (`before`: the last id of the previous page), optionally of one target. */
  async list(query: { before?: number; limit: number; targetType?: 'post' | 'comment' | 'user' | 'challenge'; targetId?: number }) {
    const where: Row = {};
    if (query.before) where.id = { $lt: query.before };
    if (query.targetType) where.targetType = query.targetType;
    if (query.targetId) where.targetId = query.targetId;
    const rows = (await strapi.db.query(UIDS.decision).findMany({ where, orderBy: { id: 'desc' }, limit: query.limit + 1 })) as Row[];
    const items = rows.slice(0, query.limit).map(toRecord);
    return { items, next: rows.length > query.limit ? items[items.length - 1]?.id ?? null : null };
  },
});

export type DecisionsService = ReturnType<typeof decisionsService>;
export default decisionsService;
