import type { Ms } from '../core/units.ts';
import {
  MAX_CHECK_ATTEMPTS,
  MAX_DAY_SECONDS,
  MAX_TOTP_WINDOW,
  TOTP_CODE_DIGITS,
  TOTP_PERIOD_SECONDS,
  TTL_CODE_DIGITS,
  type CodePolicy,
} from '../scenario/index.ts';

/**
 * otplib's secret guardrails: RFC 4226 §4 (R6) requires at least 128 bits and recommends 160;
 * otplib refuses more than 64 bytes.
 */
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 64;
const TOTP_ALGORITHMS: readonly string[] = ['sha1', 'sha256', 'sha512'];

/**
 * Checks what enters issueVerification, so a bad scenario fails with a message naming the value
 * instead of an otplib error deep in a trial. The ranges are the scenario format's own
 * (scenario/bounds.ts: otplib's period guardrails, RFC 4226's digits, Verify's code length), so
 * a scenario that validates always passes; this stays as the engine's defence for callers that
 * build a policy by hand.
 */
export function validateIssueInput(
  policy: CodePolicy,
  secret: Uint8Array,
  issuedAtEpochMs: Ms,
  maxCheckAttempts: number,
): void {
  if (!(secret instanceof Uint8Array)) {
    throw new TypeError('secret must be a Uint8Array of random bytes');
  }
  if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
    throw new RangeError(
      `secret is ${secret.length} bytes; pass ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes (20 recommended, RFC 4226)`,
    );
  }
  if (!Number.isFinite(issuedAtEpochMs) || issuedAtEpochMs < 0) {
    throw new RangeError(
      `issuedAtEpochMs is ${issuedAtEpochMs}; pass a Unix time in milliseconds, 0 or more`,
    );
  }
  requireInteger('maxCheckAttempts', maxCheckAttempts, 1, MAX_CHECK_ATTEMPTS);

  switch (policy.kind) {
    case 'ttl':
      requireInteger('ttl code digits', policy.digits, TTL_CODE_DIGITS.min, TTL_CODE_DIGITS.max);
      requireInteger('ttlSeconds', policy.ttlSeconds, 1, MAX_DAY_SECONDS);
      return;
    case 'totp':
      requireInteger('totp code digits', policy.digits, TOTP_CODE_DIGITS.min, TOTP_CODE_DIGITS.max);
      requireInteger(
        'periodSeconds',
        policy.periodSeconds,
        TOTP_PERIOD_SECONDS.min,
        TOTP_PERIOD_SECONDS.max,
      );
      requireInteger('window', policy.window, 0, MAX_TOTP_WINDOW);
      if (!TOTP_ALGORITHMS.includes(policy.algorithm)) {
        throw new RangeError(
          `totp algorithm is ${JSON.stringify(policy.algorithm)}; use one of ${TOTP_ALGORITHMS.join(', ')}`,
        );
      }
      return;
    default: {
      const kind: unknown = (policy as { kind: unknown }).kind;
      throw new RangeError(`code policy kind is ${JSON.stringify(kind)}; use 'ttl' or 'totp'`);
    }
  }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} is ${value}; use a whole number ${min} to ${max}`);
  }
}
