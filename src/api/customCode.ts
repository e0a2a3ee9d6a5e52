import { constantTimeEqual } from '../otp/index.ts';
import type { Verification } from '../otp/index.ts';
import { VerificationBase, type CodeMatch } from '../otp/verificationBase.ts';

/** A verification of the app's own code (CustomCode): Verify's attempt rules, the app's code. */
class CustomCodeVerification extends VerificationBase {
  constructor(code: string, issuedAtEpochMs: number, lifetimeMs: number, maxChecks: number) {
    super(code, issuedAtEpochMs, issuedAtEpochMs + lifetimeMs, maxChecks);
  }

  protected override matchCode(submitted: string): CodeMatch {
    return constantTimeEqual(submitted, this.code) ? 'match' : 'no_match';
  }
}

/** The verification of a code the app chose, checked like a generated one. */
export function customCodeVerification(
  code: string,
  issuedAtEpochMs: number,
  lifetimeMs: number,
  maxChecks: number,
): Verification {
  return new CustomCodeVerification(code, issuedAtEpochMs, lifetimeMs, maxChecks);
}
