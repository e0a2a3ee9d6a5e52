import { describe, expect, it } from 'vitest';
import { issueVerification } from './issueVerification.ts';
import { seededSecrets } from './testSecrets.ts';

const ISSUED_AT_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z, the scenario default start
const TTL_POLICY = { kind: 'ttl', digits: 6, ttlSeconds: 600 } as const;
const nextSecret = seededSecrets(600);

function issue(maxCheckAttempts = 5) {
  return issueVerification(TTL_POLICY, nextSecret(), ISSUED_AT_MS, maxCheckAttempts);
}

function wrongCode(code: string): string {
  return code === '000000' ? '000001' : '000000';
}

describe('ttl verification', () => {
  it('reads out a code of the policy length', () => {
    const verification = issue();
    expect(verification.code).toMatch(/^[0-9]{6}$/);
    expect(verification.status).toBe('pending');
    expect(verification.checkCount).toBe(0);
  });

  it('approves the right code 1 ms before the ttl ends', () => {
    const verification = issue();
    expect(verification.check(verification.code, ISSUED_AT_MS + 600_000 - 1)).toBe('approved');
    expect(verification.status).toBe('approved');
  });

  it('expires exactly at issue + ttlSeconds, refusing even the right code', () => {
    const verification = issue();
    expect(verification.check(verification.code, ISSUED_AT_MS + 600_000)).toBe('expired');
    expect(verification.status).toBe('expired');
    expect(verification.check(verification.code, ISSUED_AT_MS + 700_000)).toBe('expired');
    expect(verification.checkCount).toBe(0);
  });

  it('answers a wrong code with wrong and stays pending', () => {
    const verification = issue();
    expect(verification.check(wrongCode(verification.code), ISSUED_AT_MS + 1000)).toBe('wrong');
    expect(verification.status).toBe('pending');
    expect(verification.checkCount).toBe(1);
  });

  it('treats a code of another length or with non-digits as wrong', () => {
    const verification = issue();
    for (const submitted of ['', verification.code.slice(1), verification.code + '0', 'abcdef']) {
      expect(verification.check(submitted, ISSUED_AT_MS)).toBe('wrong');
    }
    expect(verification.check(verification.code, ISSUED_AT_MS)).toBe('approved');
  });

  it('accepts a code once: later checks answer already_used', () => {
    const verification = issue();
    expect(verification.check(verification.code, ISSUED_AT_MS + 1000)).toBe('approved');
    expect(verification.check(verification.code, ISSUED_AT_MS + 2000)).toBe('already_used');
    expect(verification.check(wrongCode(verification.code), ISSUED_AT_MS + 3000)).toBe(
      'already_used',
    );
    expect(verification.check(verification.code, ISSUED_AT_MS + 900_000)).toBe('already_used');
    expect(verification.checkCount).toBe(1);
  });

  it('locks after 5 wrong checks and then refuses the right code', () => {
    const verification = issue(5);
    const wrong = wrongCode(verification.code);
    for (let i = 1; i <= 5; i++) {
      expect(verification.check(wrong, ISSUED_AT_MS + i * 1000)).toBe('wrong');
    }
    expect(verification.status).toBe('max_attempts_reached');
    expect(verification.check(verification.code, ISSUED_AT_MS + 6000)).toBe('max_attempts');
    expect(verification.check(verification.code, ISSUED_AT_MS + 900_000)).toBe('max_attempts');
    expect(verification.checkCount).toBe(5);
  });

  it('still approves the right code on the last allowed check', () => {
    const verification = issue(5);
    const wrong = wrongCode(verification.code);
    for (let i = 1; i <= 4; i++) verification.check(wrong, ISSUED_AT_MS + i * 1000);
    expect(verification.check(verification.code, ISSUED_AT_MS + 5000)).toBe('approved');
    expect(verification.checkCount).toBe(5);
  });

  it('refuses a check dated before the code was issued', () => {
    const verification = issue();
    expect(() => verification.check(verification.code, ISSUED_AT_MS - 1)).toThrow(RangeError);
    expect(() => verification.check(verification.code, Number.NaN)).toThrow(/milliseconds/);
  });

  it('derives the code from the secret alone: same secret, same code', () => {
    const secret = nextSecret();
    const first = issueVerification(TTL_POLICY, secret, ISSUED_AT_MS, 5);
    const second = issueVerification(TTL_POLICY, secret, ISSUED_AT_MS + 123_456, 5);
    expect(second.code).toBe(first.code);
  });
});
