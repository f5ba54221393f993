import type { Core } from '@strapi/strapi';
import { gamification } from '../../../gamification/public';
import { RELAPSE_ON_DAY } from './services/sql';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Seed 003's recovery timeline, created once (found by title): editors may change or add to it in the admin.
  await getService(strapi, 'report').seedMilestones();
  // A quit habit cannot be checked in for a local day with a relapse (gamification settings: quitRelapseRule).
  gamification(strapi, 'checkIns').addDayGuard(async (sql, day) => {
    if (day.habitKind !== 'quit') return null;
    if (day.settings.quitRelapseRule !== 'dayNotCheckedIn') return null;
    const [relapse] = await sql.rows(RELAPSE_ON_DAY, [day.userId, day.localDate]);
    return relapse
      ? { message: `A relapse was recorded on ${day.localDate}: that day of a quit habit is not checked in`, details: { reason: 'relapse_day', localDate: day.localDate } }
      : null;
  });
};
