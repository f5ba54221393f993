import { winston } from '@strapi/logger';
import { redactEntry, redactText } from '../src/utils/redact';

/** Mutates the record in place: winston keeps level/message under Symbol keys we must not lose. */
const redactSecrets = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level') continue;
    const value = info[key];
    info[key] = key === 'message' && typeof value === 'string' ? redactText(value) : redactEntry(key, value);
  }
  return info;
});

const level = process.env.LOG_LEVEL ?? 'http';

/**
 * Winston runs every entry through the formats before any transport looks at its level, so the request
 * line Strapi's logger middleware writes for every request would be redacted and serialised only to be
 * dropped. Entries more verbose than LOG_LEVEL stop here, first.
 */
const LEVELS: Record<string, number> = winston.config.npm.levels;
const withinLevel = winston.format((info) => ((LEVELS[info.level] ?? 0) <= (LEVELS[level] ?? LEVELS.http) ? info : false));
// Tests record every line (see tests/helpers/strapi.ts) but print only warnings and errors.
const consoleLevel = process.env.LOG_CONSOLE_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : level);
const pretty = process.env.LOG_FORMAT === 'pretty';

export default {
  level,
  format: winston.format.combine(
    withinLevel(),
    redactSecrets(),
    winston.format.errors({ stack: true }),
    winston.format.timestamp(),
    pretty
      ? winston.format.printf(({ timestamp, level: lvl, message }) => `[${String(timestamp)}] ${lvl}: ${String(message)}`)
      : winston.format.json(),
  ),
  transports: [new winston.transports.Console({ level: consoleLevel })],
};
