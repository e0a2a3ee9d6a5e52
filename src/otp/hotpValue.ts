import { generateSync } from 'otplib';

/** HOTP's dynamic truncation keeps 31 bits (RFC 4226 §5.3), so every value is below this. */
export const HOTP_VALUE_RANGE = 2 ** 31;

/**
 * Enough digits to hold any 31-bit value: otplib's code is `value mod 10^digits`, zero-padded,
 * and 2^31 < 10^10, so a 10-digit "code" is the truncated value itself (RFC 4226's Snum).
 * rfcVectors.test.ts pins this to RFC 4226 Appendix D in case otplib starts rejecting it.
 */
const FULL_VALUE_DIGITS = 10;

/**
 * The RFC 4226 HOTP value (HMAC-SHA-1, dynamic truncation) of `secret` at `counter`, before it
 * is cut to a number of digits: an integer in [0, 2^31).
 */
export function hotpValue(secret: Uint8Array, counter: number): number {
  return Number(generateSync({ strategy: 'hotp', secret, counter, digits: FULL_VALUE_DIGITS }));
}
