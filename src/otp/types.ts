import type { Ms } from '../core/units.ts';
/** What one check of a submitted code answers. */
export type CheckOutcome = 'approved' | 'wrong' | 'expired' | 'max_attempts' | 'already_used';

/**
 * Verify's statuses that a simulated verification can reach (Verify v2's Verification `status`,
 * in Twilio's OpenAPI spec twilio/twilio-oai, spec/json/twilio_verify_v2.json).
 */
export type VerificationStatus = 'pending' | 'approved' | 'expired' | 'max_attempts_reached';

/**
 * One issued code and the checks made against it.
 *
 * Time only moves when `check` is called: `status` is as of the latest check, so a verification
 * nobody checks stays 'pending' past its expiry.
 */
export interface Verification {
  /** The code the call reads out (for totp: the code of the time step at issue). */
  readonly code: string;
  readonly status: VerificationStatus;
  /** Checks the service evaluated: those made while pending and before expiry. */
  readonly checkCount: number;
  /** Check a submitted code at a simulated Unix time in MILLISECONDS. */
  check(submitted: string, atEpochMs: Ms): CheckOutcome;
}
