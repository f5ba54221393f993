import { effectiveTimezone } from '../../../../../utils/clock';

/** The caller as the services need them: id and their day settings (from the authenticated user row). */
export type QuitUser = { id: number; timezone?: string | null; dayStartHour?: number | null };

export const timezoneOf = (user: QuitUser): string => effectiveTimezone(user.timezone);
