import type { Ms } from '../core/units.ts';
import type { CheckOutcome, Verification, VerificationStatus } from './types.ts';

/** How a submitted code compares with what the service accepts at the time of the check. */
export type CodeMatch = 'match' | 'no_match' | 'too_late';

/**
 * The attempt rules shared by every code policy, as Twilio Verify v2 applies them (its docs and
 * error 60202, "Max check attempts reached"):
 * - approval, expiry and the lock after `maxCheckAttempts` failed checks end the verification;
 *   later checks only say which of these happened and are not counted (Verify answers 404);
 * - every check of a pending verification counts, right or wrong; the check that makes
 *   `maxCheckAttempts` failures still answers 'wrong', the next ones 'max_attempts';
 * - after approval nothing is accepted again (one-time use, RFC 6238 §5.2).
 */
export abstract class VerificationBase implements Verification {
  readonly code: string;
  #status: VerificationStatus = 'pending';
  #checkCount = 0;
  readonly #issuedAtEpochMs: Ms;
  readonly #expiresAtEpochMs: Ms;
  readonly #maxCheckAttempts: number;

  protected constructor(
    code: string,
    issuedAtEpochMs: Ms,
    expiresAtEpochMs: Ms,
    maxCheckAttempts: number,
  ) {
    this.code = code;
    this.#issuedAtEpochMs = issuedAtEpochMs;
    this.#expiresAtEpochMs = expiresAtEpochMs;
    this.#maxCheckAttempts = maxCheckAttempts;
  }

  get status(): VerificationStatus {
    return this.#status;
  }

  get checkCount(): number {
    return this.#checkCount;
  }

  check(submitted: string, atEpochMs: Ms): CheckOutcome {
    if (!(atEpochMs >= this.#issuedAtEpochMs)) {
      throw new RangeError(
        `check at ${atEpochMs} ms is before the code was issued (${this.#issuedAtEpochMs} ms); ` +
          'pass a simulated Unix time in milliseconds at or after issue',
      );
    }
    switch (this.#status) {
      case 'approved':
        return 'already_used';
      case 'max_attempts_reached':
        return 'max_attempts';
      case 'expired':
        return 'expired';
      case 'pending':
        break;
    }
    if (atEpochMs >= this.#expiresAtEpochMs) {
      this.#status = 'expired';
      return 'expired';
    }

    this.#checkCount++;
    const match = this.matchCode(submitted, atEpochMs);
    if (match === 'match') {
      this.#status = 'approved';
      return 'approved';
    }
    if (this.#checkCount >= this.#maxCheckAttempts) this.#status = 'max_attempts_reached';
    return match === 'too_late' ? 'expired' : 'wrong';
  }

  /** Compare a submission made while the verification is live (never past its expiry). */
  protected abstract matchCode(submitted: string, atEpochMs: Ms): CodeMatch;
}
