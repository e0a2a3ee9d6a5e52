import type { Ms } from '../core/units.ts';
import { constantTimeEqual } from './constantTimeEqual.ts';
import { msFromSeconds } from './epochSeconds.ts';
import type { TtlCodePolicy } from './policies.ts';
import { uniformCode } from './uniformCode.ts';
import { type CodeMatch, VerificationBase } from './verificationBase.ts';

/**
 * A random code valid from issue until, not including, issue + ttlSeconds, as a Verify service
 * stores it. The secret is only read here, so the caller may reuse its buffer.
 */
export class TtlVerification extends VerificationBase {
  constructor(
    policy: TtlCodePolicy,
    secret: Uint8Array,
    issuedAtEpochMs: Ms,
    maxCheckAttempts: number,
  ) {
    super(
      uniformCode(secret, policy.digits),
      issuedAtEpochMs,
      issuedAtEpochMs + msFromSeconds(policy.ttlSeconds),
      maxCheckAttempts,
    );
  }

  protected override matchCode(submitted: string): CodeMatch {
    return constantTimeEqual(submitted, this.code) ? 'match' : 'no_match';
  }
}
