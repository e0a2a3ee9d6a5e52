import { describe, expect, it } from 'vitest';
import { hotpValue } from './hotpValue.ts';
import { issueVerification } from './issueVerification.ts';
import { asciiBytes } from './testSecrets.ts';
import { totpCode } from './totpCode.ts';
import { uniformCode } from './uniformCode.ts';

// Test vectors from RFC 4226 Appendix D (HOTP) and RFC 6238 Appendix B (TOTP).
const HOTP_KEY = asciiBytes('12345678901234567890');
// prettier-ignore
const HOTP_CODES = [
  '755224', '287082', '359152', '969429', '338314',
  '254676', '287922', '162583', '399871', '520489',
];
// RFC 4226 Appendix D, "Truncated" decimal column: the 31-bit value before mod 10^6.
// prettier-ignore
const HOTP_VALUES = [
  1284755224, 1094287082, 137359152, 1726969429, 1640338314,
  868254676, 1918287922, 82162583, 673399871, 645520489,
];

const TOTP_KEYS = {
  sha1: asciiBytes('12345678901234567890'),
  sha256: asciiBytes('12345678901234567890123456789012'),
  sha512: asciiBytes('1234567890'.repeat(6) + '1234'),
} as const;
const TOTP_VECTORS: ReadonlyArray<[number, Record<keyof typeof TOTP_KEYS, string>]> = [
  [59, { sha1: '94287082', sha256: '46119246', sha512: '90693936' }],
  [1111111109, { sha1: '07081804', sha256: '68084774', sha512: '25091201' }],
  [1111111111, { sha1: '14050471', sha256: '67062674', sha512: '99943326' }],
  [1234567890, { sha1: '89005924', sha256: '91819424', sha512: '93441116' }],
  [2000000000, { sha1: '69279037', sha256: '90698825', sha512: '38618901' }],
  [20000000000, { sha1: '65353130', sha256: '77737706', sha512: '47863826' }],
];
const ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;

describe('RFC 4226 HOTP through otplib as we call it', () => {
  it('gives the RFC truncated values, whose last six digits are the RFC codes', () => {
    HOTP_CODES.forEach((code, counter) => {
      const value = hotpValue(HOTP_KEY, counter);
      expect(value).toBe(HOTP_VALUES[counter]);
      expect(String(value % 1e6).padStart(6, '0')).toBe(code);
    });
  });

  it('makes a 6-digit ttl code equal to the RFC code at counter 0', () => {
    expect(uniformCode(HOTP_KEY, 6)).toBe('755224');
  });
});

describe('RFC 6238 TOTP through otplib as we call it', () => {
  for (const [seconds, codes] of TOTP_VECTORS) {
    for (const algorithm of ALGORITHMS) {
      const secret = TOTP_KEYS[algorithm];
      const expected = codes[algorithm];

      it(`gives ${expected} for ${algorithm} at ${seconds} s`, () => {
        expect(totpCode(secret, seconds, { digits: 8, periodSeconds: 30, algorithm })).toBe(
          expected,
        );
      });

      it(`reads out and approves ${expected} for ${algorithm} issued at ${seconds} s`, () => {
        const policy = {
          kind: 'totp',
          digits: 8,
          periodSeconds: 30,
          window: 0,
          algorithm,
        } as const;
        const verification = issueVerification(policy, secret, seconds * 1000, 5);
        expect(verification.code).toBe(expected);
        expect(verification.check(expected, seconds * 1000 + 999)).toBe('approved');
      });
    }
  }
});
