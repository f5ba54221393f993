import crypto from 'node:crypto';

/**
 * Order numbers (also WeChat Pay's out_trade_no: 6-32 characters of [0-9A-Za-z_-|*]): the creation time in
 * China Standard Time to the millisecond, `yyyyMMddHHmmssSSS`, so they sort by time as strings, then 12
 * random characters of Crockford's base32 (60 bits from crypto): unguessable, and unique in practice (the
 * unique key on orders.order_no makes a collision a retry, never a shared number). 29 characters.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const orderNumberAt = (instant: Date, random: Buffer = crypto.randomBytes(12)): string => {
  const cst = new Date(instant.getTime() + 8 * 3600_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const stamp =
    `${cst.getUTCFullYear()}${pad(cst.getUTCMonth() + 1)}${pad(cst.getUTCDate())}` +
    `${pad(cst.getUTCHours())}${pad(cst.getUTCMinutes())}${pad(cst.getUTCSeconds())}${pad(cst.getUTCMilliseconds(), 3)}`;
  let tail = '';
  for (let i = 0; i < 12; i += 1) tail += ALPHABET[random[i] & 31];
  return stamp + tail;
};

export const ORDER_NO_PATTERN = /^\d{17}[0-9A-HJKMNP-TV-Z]{12}$/;
