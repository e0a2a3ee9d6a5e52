import { hotpSha1 } from './hotpSha1.ts';

/** HOTP's dynamic truncation keeps 31 bits (RFC 4226 §5.3), so every value is below this. */
export const HOTP_VALUE_RANGE = 2 ** 31;

/**
 * The RFC 4226 HOTP value (HMAC-SHA-1, dynamic truncation) of `secret` at `counter`, before it
 * is cut to a number of digits: an integer in [0, 2^31). otplib's HOTP code of `d` digits is this
 * value mod 10^d, zero-padded; rfcVectors.test.ts pins it to RFC 4226 Appendix D and
 * hotpSha1.test.ts to otplib on random secrets and counters.
 */
export function hotpValue(secret: Uint8Array, counter: number): number {
  return hotpSha1(secret, counter);
}
