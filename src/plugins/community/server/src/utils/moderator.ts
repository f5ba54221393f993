import type { Context } from 'koa';
import type { Moderator } from '../services/decisions';

/** The signed-in admin of an admin-API request, named as the audit trail shows them. */
export const moderatorOf = (ctx: Context): Moderator => {
  const admin = ctx.state.user as { id: number; firstname?: string | null; lastname?: string | null; username?: string | null; email?: string | null };
  const name = [admin.firstname, admin.lastname].filter(Boolean).join(' ').trim() || admin.username || admin.email || `admin #${admin.id}`;
  return { id: admin.id, name };
};
