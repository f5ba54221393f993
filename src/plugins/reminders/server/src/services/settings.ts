import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { TABLES } from '../content-types';
import { newRowColumns, truthy } from '../utils/rows';
import { getService } from '../utils/get-service';
import type { SettingsInput } from '../validation/requests';
import { effectiveTimezone } from '../../../../../utils/clock';

export type SettingsView = { enabled: boolean; quietStart: string | null; quietEnd: string | null; streakRiskHour: number | null; timezone: string };

/** A user's reminder settings (提醒设置): on/off, quiet hours, the streak-at-risk hour. One row per user, made on the first PUT. */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const service = {
    async get(userId: number): Promise<SettingsView> {
      const [row, user] = await Promise.all([
        knex()(TABLES.settings).where({ user_id: userId }).first('enabled', 'quiet_start', 'quiet_end', 'streak_risk_hour'),
        knex()(TABLES.users).where({ id: userId }).first('timezone'),
      ]);
      return {
        enabled: row ? truthy(row.enabled) : true,
        quietStart: row?.quiet_start ?? null,
        quietEnd: row?.quiet_end ?? null,
        streakRiskHour: row?.streak_risk_hour === null || row?.streak_risk_hour === undefined ? null : Number(row.streak_risk_hour),
        timezone: effectiveTimezone(user?.timezone),
      };
    },

    async put(userId: number, input: SettingsInput): Promise<SettingsView> {
      const now = gamification(strapi, 'clock').now();
      const changes: Record<string, unknown> = { updated_at: now };
      if (input.enabled !== undefined) changes.enabled = input.enabled;
      if (input.quietStart !== undefined) changes.quiet_start = input.quietStart;
      if (input.quietEnd !== undefined) changes.quiet_end = input.quietEnd;
      if (input.streakRiskHour !== undefined) changes.streak_risk_hour = input.streakRiskHour;
      await knex().transaction(async (trx) => {
        await trx(TABLES.settings).insert({ ...newRowColumns(now), user_id: userId, enabled: true, ...changes }).onConflict('user_id').merge(changes);
        if (input.streakRiskHour !== undefined) await getService(strapi, 'slots').setStreakHour(userId, input.streakRiskHour, trx);
      });
      return service.get(userId);
    },
  };
  return service;
};

export type SettingsService = ReturnType<typeof settingsService>;
export default settingsService;
