import { msFromSeconds } from './epochSeconds.ts';

/**
 * How long a verification lives: Verify's default code lifetime is 10 minutes, and NIST SP
 * 800-63B (rev. 3) §5.1.3.2 allows an out-of-band secret at most 10 minutes. ttl policies
 * set their own lifetime; totp verifications use this one, because a TOTP code alone never
 * expires while its secret lives.
 */
export const VERIFICATION_LIFETIME_SECONDS = 600;

export const VERIFICATION_LIFETIME_MS = msFromSeconds(VERIFICATION_LIFETIME_SECONDS);
