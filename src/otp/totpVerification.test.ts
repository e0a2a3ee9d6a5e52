import { describe, expect, it } from 'vitest';
import { issueVerification } from './issueVerification.ts';
import { seededSecrets } from './testSecrets.ts';
import { totpCode } from './totpCode.ts';

const PERIOD = 30;
const WINDOW = 2;
const POLICY = {
  kind: 'totp',
  digits: 6,
  periodSeconds: PERIOD,
  window: WINDOW,
  algorithm: 'sha1',
} as const;
/** 2026-01-01T00:00:10Z: 10 s into a time step. */
const ISSUED_AT_MS = 1_767_225_610_000;
const ISSUED_AT_S = ISSUED_AT_MS / 1000;
const STEP_MS = PERIOD * 1000;
const nextSecret = seededSecrets(6238);

function issue(secret = nextSecret(), maxCheckAttempts = 5) {
  return issueVerification(POLICY, secret, ISSUED_AT_MS, maxCheckAttempts);
}

/** The code of the time step `offset` steps away from the one containing `atSeconds`. */
function codeAtStepOffset(secret: Uint8Array, atSeconds: number, offset: number): string {
  return totpCode(secret, atSeconds + offset * PERIOD, POLICY);
}

function wrongCode(code: string): string {
  return code === '000000' ? '000001' : '000000';
}

describe('totp verification', () => {
  it('reads out the TOTP code of the step at issue', () => {
    const secret = nextSecret();
    expect(issue(secret).code).toBe(totpCode(secret, ISSUED_AT_S, POLICY));
  });

  for (let offset = -WINDOW; offset <= WINDOW; offset++) {
    it(`accepts the code of the step ${offset} steps from the check (window ±${WINDOW})`, () => {
      const secret = nextSecret();
      const verification = issue(secret);
      const atMs = ISSUED_AT_MS + 5 * STEP_MS;
      const submitted = codeAtStepOffset(secret, atMs / 1000, offset);
      expect(verification.check(submitted, atMs)).toBe('approved');
    });
  }

  it('accepts the read-out code up to window steps after issue', () => {
    const verification = issue();
    // Issued 10 s into its step: the last ms of the step `window` steps later.
    const lastAcceptedMs = ISSUED_AT_MS - 10_000 + (WINDOW + 1) * STEP_MS - 1;
    expect(verification.check(verification.code, lastAcceptedMs)).toBe('approved');
  });

  it('answers expired for the read-out code window + 1 steps after issue', () => {
    const verification = issue();
    const firstTooLateMs = ISSUED_AT_MS - 10_000 + (WINDOW + 1) * STEP_MS;
    expect(verification.check(verification.code, firstTooLateMs)).toBe('expired');
    // Right but too late is a failed check; a current code is still accepted.
    expect(verification.status).toBe('pending');
    expect(verification.checkCount).toBe(1);
  });

  it('answers wrong, not expired, for another code window + 1 steps away', () => {
    const secret = nextSecret();
    const verification = issue(secret);
    const atMs = ISSUED_AT_MS + 5 * STEP_MS;
    const tooEarly = codeAtStepOffset(secret, atMs / 1000, WINDOW + 1);
    expect(verification.check(tooEarly, atMs)).toBe('wrong');
  });

  it('reads milliseconds as the whole second they fall in', () => {
    // 59.999 s is still in the step that starts at 30 s; 60.000 s is the next step.
    const secret = nextSecret();
    const policy = { ...POLICY, window: 0 };
    const verification = issueVerification(policy, secret, 59_999, 5);
    expect(verification.code).toBe(totpCode(secret, 59, POLICY));
    expect(verification.check(verification.code, 60_000)).toBe('expired');
    expect(verification.check(verification.code, 59_999)).toBe('approved');
  });

  it('expires 10 minutes after issue (Verify lifetime), even for a current code', () => {
    const secret = nextSecret();
    const atMs = ISSUED_AT_MS + 600_000;
    const verification = issue(secret);
    expect(verification.check(codeAtStepOffset(secret, atMs / 1000, 0), atMs)).toBe('expired');
    expect(verification.status).toBe('expired');
  });

  it('approves a current code 1 ms before the 10-minute lifetime ends', () => {
    const secret = nextSecret();
    const atMs = ISSUED_AT_MS + 600_000 - 1;
    const verification = issue(secret);
    expect(verification.check(codeAtStepOffset(secret, Math.floor(atMs / 1000), 0), atMs)).toBe(
      'approved',
    );
  });

  it('accepts one code once: the same and later codes answer already_used', () => {
    const secret = nextSecret();
    const verification = issue(secret);
    expect(verification.check(verification.code, ISSUED_AT_MS + 1000)).toBe('approved');
    expect(verification.check(verification.code, ISSUED_AT_MS + 2000)).toBe('already_used');
    const laterMs = ISSUED_AT_MS + 3 * STEP_MS;
    const laterCode = codeAtStepOffset(secret, laterMs / 1000, 0);
    expect(verification.check(laterCode, laterMs)).toBe('already_used');
    expect(verification.checkCount).toBe(1);
  });

  it('locks after 5 wrong checks and then refuses the right code', () => {
    const verification = issue(nextSecret(), 5);
    const wrong = wrongCode(verification.code);
    for (let i = 1; i <= 5; i++) {
      expect(verification.check(wrong, ISSUED_AT_MS + i * 1000)).toBe('wrong');
    }
    expect(verification.status).toBe('max_attempts_reached');
    expect(verification.check(verification.code, ISSUED_AT_MS + 6000)).toBe('max_attempts');
  });

  it('counts a too-late code toward the attempt limit', () => {
    const verification = issue(nextSecret(), 2);
    const tooLateMs = ISSUED_AT_MS + 10 * STEP_MS;
    expect(verification.check(verification.code, tooLateMs)).toBe('expired');
    expect(verification.check(verification.code, tooLateMs)).toBe('expired');
    expect(verification.status).toBe('max_attempts_reached');
    expect(verification.check(verification.code, tooLateMs)).toBe('max_attempts');
  });

  it('treats a code of another length or with non-digits as wrong, without throwing', () => {
    const verification = issue(nextSecret(), 10);
    for (const submitted of ['', '12345', '1234567', 'abcdef', '12 456', '１２３４５６']) {
      expect(verification.check(submitted, ISSUED_AT_MS)).toBe('wrong');
    }
    expect(verification.checkCount).toBe(6);
  });

  it('keeps its own copy of the secret, so the caller may refill its buffer', () => {
    const secret = nextSecret();
    const verification = issue(secret);
    const atMs = ISSUED_AT_MS + 5 * STEP_MS;
    const current = codeAtStepOffset(secret, atMs / 1000, 0);
    secret.fill(0);
    expect(verification.check(current, atMs)).toBe('approved');
  });
});
