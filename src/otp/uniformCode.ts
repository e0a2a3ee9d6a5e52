import { HOTP_VALUE_RANGE, hotpValue } from './hotpValue.ts';

/** Largest chunk one HOTP value can cover: 10^9 < 2^31 < 10^10. */
const MAX_DIGITS_PER_VALUE = 9;

/**
 * A random code of `digits` digits (4 to 10) from a random secret, every one of the 10^digits
 * codes equally likely.
 *
 * It is made of RFC 4226 HOTP values of `secret` at counters 0, 1, 2, ... Plain HOTP takes
 * `value mod 10^digits`, which is slightly biased because 2^31 is not a multiple of 10^digits
 * (8 digits: the codes below 47483648 come up 22/21 as often as the rest), and cannot reach
 * codes at or above 2^31 at all for 10 digits. So:
 * - a value in the uneven top slice [2^31 - (2^31 mod m), 2^31) is skipped and the next
 *   counter used (rejection sampling: at most 6.9% of values, for 9 digits; 0.02% for 6);
 * - up to 9 digits, the code is one value mod 10^digits: exactly otplib's HOTP code of the
 *   first counter not skipped (almost always counter 0);
 * - 10 digits are two 5-digit halves from consecutive accepted values.
 */
export function uniformCode(secret: Uint8Array, digits: number): string {
  let code = '';
  let counter = 0;
  let remaining = digits;
  while (remaining > 0) {
    const chunkDigits = remaining > MAX_DIGITS_PER_VALUE ? Math.ceil(remaining / 2) : remaining;
    const modulus = 10 ** chunkDigits;
    const acceptBelow = HOTP_VALUE_RANGE - (HOTP_VALUE_RANGE % modulus);
    let value = hotpValue(secret, counter++);
    while (value >= acceptBelow) value = hotpValue(secret, counter++);
    code += String(value % modulus).padStart(chunkDigits, '0');
    remaining -= chunkDigits;
  }
  return code;
}
