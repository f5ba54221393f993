import crypto from 'node:crypto';

/**
 * Redeem codes (seed 003): random, easy to read aloud and type, stored only as hashes.
 * The alphabet leaves out 0 / O and 1 / I (and L, which reads as 1 in many fonts).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;

/** A new code, grouped for reading: XXXX-XXXX-XXXX (31^12, about 59 bits). */
export const generateCode = (randomInt: (max: number) => number = (max) => crypto.randomInt(max)): string => {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
};

/** What a user typed, as stored: upper case, without spaces or dashes; null when it cannot be a code. */
export const normalizeCode = (input: string): string | null => {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  return cleaned.length === CODE_LENGTH && [...cleaned].every((c) => CODE_ALPHABET.includes(c)) ? cleaned : null;
};

/** The stored form: an HMAC with the app's secret, so a leaked table does not hand out codes. */
export const hashCode = (normalized: string, secret: string): string => crypto.createHmac('sha256', secret).update(normalized).digest('hex');
