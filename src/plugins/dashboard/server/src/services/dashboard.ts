import type { Core } from '@strapi/strapi';
import { community } from '../../../../community/public';
import { gamification } from '../../../../gamification/public';
import { mall } from '../../../../mall/public';
import { reminders } from '../../../../reminders/public';
import type { Weekday } from '../../../../../utils/calendar';
import { daysAt, weekSoFarAt } from '../domain/periods';
import { dashboardConfig } from '../utils/get-service';

const DAY_MS = 86_400_000;

/**
 * The numbers of the admin's home page, one method per widget, each read through the public surface of the
 * plugin that owns them (STYLE 16). "Now" is gamification's clock (tests move it); "today" and "this week"
 * are local to the configured timezone (the platform's default, Asia/Shanghai). Every query behind these is
 * bounded and indexed: the owning services name their index.
 */
const dashboardService = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => gamification(strapi, 'clock').now();
  const config = () => dashboardConfig(strapi);

  return {
    /** Check-ins and distinct users of today and yesterday (local days in the configured timezone). */
    async activity() {
      const { timezone } = config();
      const days = daysAt(now(), timezone);
      const [today, yesterday] = await gamification(strapi, 'overview').checkInsOn([days.today, days.yesterday]);
      return { timezone, today, yesterday };
    },

    /** Points credited and debited since this week's first local midnight. */
    async points() {
      const { timezone, weekStartsOn } = config();
      const week = weekSoFarAt(now(), timezone, weekStartsOn as Weekday);
      const flow = await gamification(strapi, 'overview').pointsBetween(week.from, week.until);
      return { timezone, weekStartsOn, weekStart: week.weekStart, from: week.from.toISOString(), until: week.until.toISOString(), ...flow, net: flow.issued - flow.spent };
    },

    /** Active prizes with `threshold` or fewer left (unlimited ones never). */
    async lotteryStock(threshold = config().lowStockThreshold) {
      return { threshold, ...(await gamification(strapi, 'overview').lowStockPrizes(threshold)) };
    },

    /** What waits for a moderator: posts and comments in review, reports not settled. */
    async moderation() {
      return community(strapi, 'moderation').waiting(now());
    },

    /** Orders waiting, of the shops this admin works (all of them, or a 商家's own: the mall's scope). */
    async orders(adminId: number) {
      const scope = await mall(strapi, 'operators').scopeOf(adminId);
      return { scope: scope.all ? ('all' as const) : ('ownShops' as const), ...(await mall(strapi, 'operators').waiting(scope)) };
    },

    /** Reminder sends due in the last 24 hours that did not reach their user. */
    async reminders() {
      const until = now();
      const since = new Date(until.getTime() - DAY_MS);
      return { since: since.toISOString(), until: until.toISOString(), ...(await reminders(strapi, 'admin').failures(since, until)) };
    },
  };
};

export type DashboardService = ReturnType<typeof dashboardService>;
export default dashboardService;
