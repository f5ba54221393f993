import type { Core } from '@strapi/strapi';
import { gamification, quitSummary, type QuitSummary } from '../../../../gamification/public';
import { UIDS } from '../content-types';
import { DEFAULT_MILESTONES, milestoneStatus, minutesSmokeFree, smokeFreeSince, type MilestoneDef, type MilestoneStatus } from '../domain/stats';
import { getService } from '../utils/get-service';
import type { QuitUser } from './context';

const MINUTES_PER_DAY = 24 * 60;

/** What the AI coach reads to build its system prompt (quit(strapi, 'report').contextFor(userId)). */
export type QuitContext = {
  /** The quit time or the last relapse after it (ISO instant); null with no quit time. */
  smokeFreeSince: string | null;
  /** Whole days since then. */
  daysSmokeFree: number;
  /** Cravings of the last 7 local days (today included). */
  cravings7d: { count: number; meanIntensity: number; topTriggers: string[] };
  /** Relapse records in the last 7 days (7 × 24 h up to now). */
  relapses7d: number;
};

export type QuitReport = {
  quitAt: string | null;
  smokeFreeSince: string | null;
  minutesSmokeFree: number;
  daysSmokeFree: number;
  relapses: number;
  /** Null until the user gave the smoking numbers (PUT /api/quit/profile). */
  savings: QuitSummary | null;
  milestones: MilestoneStatus[];
};

const reportService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => gamification(strapi, 'clock');

  const service = {
    /** Seed 003's milestones, each created once (by title); what editors changed or added stays. */
    async seedMilestones(): Promise<void> {
      for (const m of DEFAULT_MILESTONES) {
        const existing = await strapi.db.query(UIDS.milestone).findOne({ where: { title: m.title }, select: ['id'] });
        if (!existing) await strapi.documents(UIDS.milestone as never).create({ data: m } as never);
      }
    },

    async milestones(): Promise<MilestoneDef[]> {
      const rows = (await strapi.db.query(UIDS.milestone).findMany({ select: ['title', 'afterMinutes', 'description', 'sort'] })) as MilestoneDef[];
      return rows.map((r) => ({ title: r.title, afterMinutes: Number(r.afterMinutes), description: r.description ?? null, sort: Number(r.sort ?? 0) }));
    },

    /** GET /api/quit/report */
    async report(user: QuitUser): Promise<QuitReport> {
      const now = clock().now();
      const [facts, relapses, milestones] = await Promise.all([
        getService(strapi, 'profile').facts(user.id),
        getService(strapi, 'relapses').instants(user.id),
        service.milestones(),
      ]);
      const counted = facts.quitAt ? relapses.filter((at) => at.getTime() >= facts.quitAt!.getTime()) : [];
      const since = smokeFreeSince(facts.quitAt, counted);
      const minutes = minutesSmokeFree(since, now);
      const days = Math.floor(minutes / MINUTES_PER_DAY);
      return {
        quitAt: facts.quitAt ? facts.quitAt.toISOString() : null,
        smokeFreeSince: since ? since.toISOString() : null,
        minutesSmokeFree: minutes,
        daysSmokeFree: days,
        relapses: counted.length,
        savings: facts.smoking ? quitSummary(facts.smoking, days) : null,
        milestones: milestoneStatus(milestones, since, now),
      };
    },

    /** The quit figures the AI coach puts in its system prompt. */
    async contextFor(userId: number): Promise<QuitContext> {
      const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['id', 'timezone', 'dayStartHour'] })) as QuitUser | null;
      const me: QuitUser = user ?? { id: userId };
      const now = clock().now();
      const report = await service.report(me);
      const week = await getService(strapi, 'cravings').stats(me, 7);
      const relapses = await getService(strapi, 'relapses').since(userId, new Date(now.getTime() - 7 * MINUTES_PER_DAY * 60_000));
      return {
        smokeFreeSince: report.smokeFreeSince,
        daysSmokeFree: report.daysSmokeFree,
        cravings7d: {
          count: week.count,
          meanIntensity: week.meanIntensity,
          topTriggers: week.triggers.filter((t) => t.count > 0).map((t) => t.trigger),
        },
        relapses7d: relapses.records,
      };
    },
  };
  return service;
};

export type ReportService = ReturnType<typeof reportService>;
export default reportService;
