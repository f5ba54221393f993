import type { Core } from '@strapi/strapi';
import { addDays, localDayFor, type DaySettings } from '../../../../../utils/clock';

/**
 * "Now" and the user's local calendar day, for everything in the platform (DESIGN invariant 1).
 * Tests move time with `setNow`; nothing else may read the system clock for a calendar day.
 */
const clockService = (_: { strapi: Core.Strapi }) => {
  let fixed: Date | null = null;
  const service = {
    now(): Date {
      return fixed ? new Date(fixed.getTime()) : new Date();
    },
    /** Freeze the clock at `instant` (tests); `null` returns to real time. */
    setNow(instant: Date | string | null) {
      fixed = instant === null ? null : new Date(instant);
    },
    /** The user's local day (YYYY-MM-DD) at `instant`, from their IANA timezone and day-start hour. */
    localDay(user: DaySettings, instant: Date = service.now()): string {
      return localDayFor(user, instant);
    },
    addDays,
  };
  return service;
};

export type ClockService = ReturnType<typeof clockService>;
export default clockService;
