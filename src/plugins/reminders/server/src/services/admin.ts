import type { Core } from '@strapi/strapi';
import { ValidationError } from '../../../../../utils/errors';
import { gamification } from '../../../../gamification/public';
import { KINDS, SEND_STATUSES, TABLES, type SendStatus } from '../content-types';
import { getService } from '../utils/get-service';
import type { NotifyOutcome } from './notify';

export type TemplateStats = { documentId: string; title: string; kind: string; templateId: string; active: boolean; counts: Record<SendStatus, number> };

const bindingKey = (adminUserId: number) => ({ type: 'plugin' as const, name: 'reminders', key: `binding:${adminUserId}` });

/** The editors' page (提醒): per-template counts, the binding of an editor to their own app user, a test send. */
const adminService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const service = {
    /** Sends per template and status since `days` local days ago (by when they were due). */
    async stats(days = 7): Promise<{ since: string; templates: TemplateStats[] }> {
      const since = new Date(gamification(strapi, 'clock').now().getTime() - days * 86_400_000);
      const templates = await knex()(TABLES.templates).orderBy('id', 'asc').select('id', 'document_id', 'title', 'kind', 'template_id', 'active');
      const rows: Array<{ template_id: unknown; state: unknown; n: unknown }> = await knex()(TABLES.sends).where('due_at', '>=', since).groupBy('template_id', 'state').select('template_id', 'state').count({ n: '*' }) as never;
      return {
        since: since.toISOString(),
        templates: templates.map((t) => {
          const counts = Object.fromEntries(SEND_STATUSES.map((s) => [s, 0])) as Record<SendStatus, number>;
          for (const row of rows) if (Number(row.template_id) === Number(t.id)) counts[row.state as SendStatus] = Number(row.n);
          return { documentId: String(t.document_id), title: String(t.title), kind: String(t.kind), templateId: String(t.template_id), active: t.active === true || t.active === 1, counts };
        }),
      };
    },

    /**
     * Sends due in [since, until) that did not reach the user (the admin's home page): WeChat refused them
     * (`failed`), the user had turned them off (`refused`), or an instance stopped mid-send (`interrupted`).
     * Index reminder_sends_due_idx (due_at, template_id): one bounded range.
     */
    async failures(since: Date, until: Date): Promise<{ failed: number; refused: number; interrupted: number; total: number }> {
      const rows = (await knex()(TABLES.sends)
        .where('due_at', '>=', since)
        .andWhere('due_at', '<', until)
        .groupBy('state')
        .select('state')
        .count({ n: '*' })) as Array<{ state: SendStatus; n: number | string }>;
      const of = (state: SendStatus) => Number(rows.find((row) => row.state === state)?.n ?? 0);
      return { failed: of('failed'), refused: of('refused'), interrupted: of('interrupted'), total: rows.reduce((sum, row) => sum + Number(row.n), 0) };
    },

    async binding(adminUserId: number): Promise<{ userId: number; nickname: string | null } | null> {
      const stored = (await strapi.store(bindingKey(adminUserId)).get({})) as number | null;
      if (!stored) return null;
      const user = await knex()(TABLES.users).where({ id: stored }).first('id', 'nickname');
      return user ? { userId: Number(user.id), nickname: user.nickname ?? null } : null;
    },

    async bind(adminUserId: number, userId: number | null) {
      if (userId !== null) {
        const user = await knex()(TABLES.users).where({ id: userId }).first('id', 'openid');
        if (!user) throw new ValidationError(`There is no app user ${userId}`, { field: 'userId' });
        if (!user.openid) throw new ValidationError(`App user ${userId} never signed in with WeChat`, { field: 'userId' });
      }
      await strapi.store(bindingKey(adminUserId)).set({ value: userId });
      return service.binding(adminUserId);
    },

    /** "Send a test message to me": the template to the editor's bound app user, now (one per template and minute). */
    async testSend(adminUserId: number, templateDocumentId: string): Promise<NotifyOutcome & { userId: number }> {
      const bound = await service.binding(adminUserId);
      if (!bound) throw new ValidationError('Bind your own app user first (我的小程序账号)', { field: 'binding', reason: 'not_bound' });
      const template = await getService(strapi, 'templates').byDocumentId(templateDocumentId);
      if (!template) throw new ValidationError('No such template', { field: 'template' });
      const now = gamification(strapi, 'clock').now();
      const sample = { habit: '示例习惯', streak: 7, habitDocumentId: '', orderNo: 'TEST0001', title: '测试消息', carrier: '顺丰', trackingNumber: 'SF0000', result: '已通过', text: '这是一条测试消息', postDocumentId: '' };
      const outcome = await getService(strapi, 'notify').send(template.kind, bound.userId, { reason: `test:${adminUserId}`, slot: `minute-${Math.floor(now.getTime() / 60_000)}`, values: sample, test: true }, template);
      return { ...outcome, userId: bound.userId };
    },
  };
  return service;
};

export const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
  habitReminder: '打卡提醒', streakAtRisk: '连续打卡将中断', milestoneReached: '里程碑达成', challengeEnding: '挑战即将结束', orderShipped: '订单发货', postReviewed: '帖子审核结果',
};

export type AdminService = ReturnType<typeof adminService>;
export default adminService;
