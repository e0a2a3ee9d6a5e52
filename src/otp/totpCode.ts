import type { Seconds } from '../core/units.ts';
import { generateSync } from 'otplib';
import type { TotpCodePolicy } from './policies.ts';

/** The RFC 6238 code of `secret` for the time step containing `epochSeconds` (T0 = 0). */
export function totpCode(
  secret: Uint8Array,
  epochSeconds: Seconds,
  policy: Pick<TotpCodePolicy, 'digits' | 'periodSeconds' | 'algorithm'>,
): string {
  return generateSync({
    secret,
    epoch: epochSeconds,
    period: policy.periodSeconds,
    digits: policy.digits,
    algorithm: policy.algorithm,
  });
}
