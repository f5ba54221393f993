import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { ValidationError } from '../../../../../utils/errors';
import { gamification } from '../../../../gamification/public';
import { UIDS } from '../content-types';
import { instantFrom } from '../domain/stats';
import type { ProfileInput } from '../validation/requests';
import { timezoneOf, type QuitUser } from './context';

/**
 * The quit profile. ONE source of truth for the smoking numbers: they stay in the user's `smokingSettings`
 * (what the habit stats read for money saved, and what the WeChat profile edits); the profile row holds
 * only what is new (the quit time and the reasons). GET reads both; PUT writes both in one transaction.
 */
export type SmokingNumbers = { cigarettesPerDay: number; pricePerPack: number; cigarettesPerPack: number };

const isSmokingNumbers = (value: unknown): value is SmokingNumbers =>
  typeof value === 'object' && value !== null && ['cigarettesPerDay', 'pricePerPack', 'cigarettesPerPack'].every((k) => typeof (value as Record<string, unknown>)[k] === 'number');

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

type ProfileRow = { id: number; quitAt: string | Date | null; reasons: unknown };

export type QuitProfile = {
  quitAt: string | null;
  cigarettesPerDay: number | null;
  pricePerPack: number | null;
  cigarettesPerPack: number | null;
  reasons: string[];
  timezone: string;
};

const profileService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rowOf = async (userId: number): Promise<ProfileRow | null> =>
    (await strapi.db.query(UIDS.profile).findOne({ where: { user: { id: userId } }, select: ['id', 'quitAt', 'reasons'] })) as ProfileRow | null;

  const service = {
    /** The quit time (null when none is set) and the smoking numbers (null when the user never gave them). */
    async facts(userId: number): Promise<{ quitAt: Date | null; smoking: SmokingNumbers | null; reasons: string[]; timezone: string }> {
      const [row, user] = await Promise.all([
        rowOf(userId),
        strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['smokingSettings', 'timezone'] }) as Promise<{ smokingSettings: unknown; timezone: string | null } | null>,
      ]);
      const smoking = parseJson(user?.smokingSettings);
      const reasons = parseJson(row?.reasons);
      return {
        quitAt: row?.quitAt ? new Date(row.quitAt) : null,
        smoking: isSmokingNumbers(smoking) ? { cigarettesPerDay: smoking.cigarettesPerDay, pricePerPack: smoking.pricePerPack, cigarettesPerPack: smoking.cigarettesPerPack } : null,
        reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
        timezone: timezoneOf({ id: userId, timezone: user?.timezone }),
      };
    },

    /** GET /api/quit/profile */
    async get(user: QuitUser): Promise<QuitProfile> {
      const facts = await service.facts(user.id);
      return {
        quitAt: facts.quitAt ? facts.quitAt.toISOString() : null,
        cigarettesPerDay: facts.smoking?.cigarettesPerDay ?? null,
        pricePerPack: facts.smoking?.pricePerPack ?? null,
        cigarettesPerPack: facts.smoking?.cigarettesPerPack ?? null,
        reasons: facts.reasons,
        timezone: facts.timezone,
      };
    },

    /** PUT /api/quit/profile: the whole profile (a local quitAt is read in the user's timezone). */
    async put(user: QuitUser, input: ProfileInput): Promise<QuitProfile> {
      const timezone = timezoneOf(user);
      const quitAt = input.quitAt === null ? null : instantFrom(input.quitAt, timezone);
      if (input.quitAt !== null && !quitAt) {
        throw new ValidationError('quitAt is not a date-time (2026-12-01T08:00:00+08:00, or 2026-12-01T08:00 in your timezone)', { field: 'quitAt' });
      }
      const now = gamification(strapi, 'clock').now();
      if (quitAt && quitAt.getTime() > now.getTime() + 366 * 24 * 3600_000) {
        throw new ValidationError('quitAt is more than a year ahead', { field: 'quitAt', reason: 'too_far' });
      }
      const smokingSettings = { cigarettesPerDay: input.cigarettesPerDay, pricePerPack: input.pricePerPack, cigarettesPerPack: input.cigarettesPerPack };
      await strapi.db.transaction(async () => {
        await strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { smokingSettings } });
        const existing = await rowOf(user.id);
        const data = { quitAt, reasons: input.reasons };
        if (existing) await strapi.db.query(UIDS.profile).update({ where: { id: existing.id }, data });
        else await strapi.db.query(UIDS.profile).create({ data: { ...data, user: user.id, documentId: crypto.randomBytes(12).toString('hex') } });
      });
      return service.get(user);
    },
  };
  return service;
};

export type ProfileService = ReturnType<typeof profileService>;
export default profileService;
