import type { Ms } from '../core/units.ts';
import type { CodePolicy } from '../scenario/index.ts';
import { TotpVerification } from './totpVerification.ts';
import { TtlVerification } from './ttlVerification.ts';
import type { Verification } from './types.ts';
import { validateIssueInput } from './validateIssueInput.ts';

/**
 * Issue a one-time code under `policy` at a simulated Unix time in MILLISECONDS.
 *
 * `secret` is random bytes (16 to 64) drawn by the caller from the trial's seeded stream: for
 * ttl the code is derived from it (see uniformCode), for totp it is the user's TOTP secret.
 * Nothing here reads a clock or a random source, so the same inputs give the same code.
 */
export function issueVerification(
  policy: CodePolicy,
  secret: Uint8Array,
  issuedAtEpochMs: Ms,
  maxCheckAttempts: number,
): Verification {
  validateIssueInput(policy, secret, issuedAtEpochMs, maxCheckAttempts);
  return policy.kind === 'ttl'
    ? new TtlVerification(policy, secret, issuedAtEpochMs, maxCheckAttempts)
    : new TotpVerification(policy, secret, issuedAtEpochMs, maxCheckAttempts);
}
