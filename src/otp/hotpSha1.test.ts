import fc from 'fast-check';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { hotpSha1 } from './hotpSha1.ts';
import { asciiBytes } from './testSecrets.ts';

/** otplib's HOTP with 10 digits is the whole 31-bit value (2^31 < 10^10), zero-padded. */
const otplibValue = (secret: Uint8Array, counter: number) =>
  Number(generateSync({ strategy: 'hotp', secret, counter, digits: 10 }));

describe('hotpSha1', () => {
  it('gives otplib’s HOTP value for every secret of 16 to 64 bytes and any counter', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.oneof(fc.nat(1000), fc.maxSafeNat(), fc.integer({ min: 2 ** 32 - 2, max: 2 ** 32 + 2 })),
        (secret, counter) => {
          expect(hotpSha1(secret, counter)).toBe(otplibValue(secret, counter));
        },
      ),
      { numRuns: 3000, seed: 4226 },
    );
  });

  it('gives RFC 4226 Appendix D’s value at counter 0', () => {
    expect(hotpSha1(asciiBytes('12345678901234567890'), 0)).toBe(1284755224);
  });

  it('refuses a key longer than a SHA-1 block and a counter that is not a safe integer', () => {
    expect(() => hotpSha1(new Uint8Array(65), 0)).toThrow('HOTP key is 65 bytes; pass 1 to 64');
    expect(() => hotpSha1(new Uint8Array(20), -1)).toThrow('HOTP counter is -1');
    expect(() => hotpSha1(new Uint8Array(20), 2 ** 53)).toThrow('HOTP counter is 9007199254740992');
  });
});
