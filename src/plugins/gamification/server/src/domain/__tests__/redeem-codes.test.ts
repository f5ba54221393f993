import fc from 'fast-check';
import { CODE_ALPHABET, generateCode, hashCode, normalizeCode } from '../redeem-codes';

describe('redeem codes', () => {
  it('are 12 unambiguous characters in three groups, and normalise back from any casing or spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const code = generateCode((max) => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state % max;
        });
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
        expect(normalizeCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code.replace(/-/g, ''));
      }),
    );
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(ambiguous);
  });

  it('refuse what cannot be a code', () => {
    expect(normalizeCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normalizeCode('ABCD-EFGH-JKMO')).toBeNull();
    expect(normalizeCode('')).toBeNull();
  });

  it('hash with the secret, the same code to the same hash', () => {
    expect(hashCode('ABCDEFGHJKMN', 's1')).toBe(hashCode('ABCDEFGHJKMN', 's1'));
    expect(hashCode('ABCDEFGHJKMN', 's1')).not.toBe(hashCode('ABCDEFGHJKMN', 's2'));
    expect(hashCode('ABCDEFGHJKMN', 's1')).not.toContain('ABCDEFGHJKMN');
  });
});
