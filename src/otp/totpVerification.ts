import type { Ms, Seconds } from '../core/units.ts';
import { verifySync, type OTPVerifyFunctionalOptions } from 'otplib';
import { constantTimeEqual } from './constantTimeEqual.ts';
import { epochSecondsFromMs } from './epochSeconds.ts';
import { VERIFICATION_LIFETIME_MS } from './lifetime.ts';
import type { TotpCodePolicy } from './policies.ts';
import { totpCode } from './totpCode.ts';
import { type CodeMatch, VerificationBase } from './verificationBase.ts';

/**
 * An RFC 6238 code from a per-user secret. A submission is accepted when it is the code of any
 * time step within ±window steps of the step at the time of the check. A submission matching
 * no step in the window but equal to the code read out at issue was right but too late: it
 * answers 'expired', counts as a failed check and leaves the verification pending, since a
 * current code is still accepted. The verification itself expires VERIFICATION_LIFETIME_SECONDS
 * (10 minutes, Verify's lifetime) after issue.
 *
 * One-time use: approval ends the verification, so no time step is ever accepted twice
 * (RFC 6238 §5.2).
 */
export class TotpVerification extends VerificationBase {
  readonly #periodSeconds: Seconds;
  readonly #window: number;
  readonly #digits: number;
  readonly #issuedStep: number;
  /** Built once and refilled per check: the Monte Carlo loop checks many codes. */
  readonly #verifyOptions: OTPVerifyFunctionalOptions;

  constructor(
    policy: TotpCodePolicy,
    secret: Uint8Array,
    issuedAtEpochMs: Ms,
    maxCheckAttempts: number,
  ) {
    const issuedAtSeconds = epochSecondsFromMs(issuedAtEpochMs);
    super(
      totpCode(secret, issuedAtSeconds, policy),
      issuedAtEpochMs,
      issuedAtEpochMs + VERIFICATION_LIFETIME_MS,
      maxCheckAttempts,
    );
    this.#periodSeconds = policy.periodSeconds;
    this.#window = policy.window;
    this.#digits = policy.digits;
    this.#issuedStep = Math.floor(issuedAtSeconds / policy.periodSeconds);
    this.#verifyOptions = {
      // Copied: the secret is read at every check, and the caller may refill its buffer.
      secret: secret.slice(),
      token: '',
      epoch: 0,
      period: policy.periodSeconds,
      digits: policy.digits,
      algorithm: policy.algorithm,
      // otplib's tolerance is in seconds; window × period spans exactly ±window steps.
      epochTolerance: policy.window * policy.periodSeconds,
    };
  }

  protected override matchCode(submitted: string, atEpochMs: Ms): CodeMatch {
    const atSeconds = epochSecondsFromMs(atEpochMs);
    const isIssuedCode = constantTimeEqual(submitted, this.code);
    // The code read out at issue is known, so the common case needs no HMAC.
    const stepsSinceIssue = Math.floor(atSeconds / this.#periodSeconds) - this.#issuedStep;
    if (isIssuedCode && stepsSinceIssue <= this.#window) return 'match';
    // otplib throws on a token of the wrong shape; to the service it is simply wrong.
    if (!isDecimalCode(submitted, this.#digits)) return 'no_match';

    this.#verifyOptions.token = submitted;
    this.#verifyOptions.epoch = atSeconds;
    if (verifySync(this.#verifyOptions).valid) return 'match';
    return isIssuedCode ? 'too_late' : 'no_match';
  }
}

function isDecimalCode(text: string, digits: number): boolean {
  if (text.length !== digits) return false;
  for (let i = 0; i < digits; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
