import { describe, expect, it } from 'vitest';
import type { CodePolicy } from '../scenario/index.ts';
import { issueVerification } from './issueVerification.ts';
import { seededSecrets } from './testSecrets.ts';

const TTL: CodePolicy = { kind: 'ttl', digits: 6, ttlSeconds: 600 };
const TOTP: CodePolicy = {
  kind: 'totp',
  digits: 6,
  periodSeconds: 30,
  window: 1,
  algorithm: 'sha1',
};
const secret = seededSecrets(1)();

describe('issueVerification', () => {
  it('issues a ttl code of every length from 4 to 10 digits', () => {
    for (let digits = 4; digits <= 10; digits++) {
      const verification = issueVerification({ ...TTL, digits }, secret, 0, 5);
      expect(verification.code).toMatch(new RegExp(`^[0-9]{${digits}}$`));
    }
  });

  it('issues totp codes of 6 to 8 digits with each hash', () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      for (let digits = 6; digits <= 8; digits++) {
        const policy = { ...TOTP, digits, algorithm } as CodePolicy;
        expect(issueVerification(policy, secret, 0, 5).code).toHaveLength(digits);
      }
    }
  });

  it('refuses a secret otplib would refuse, naming its length', () => {
    expect(() => issueVerification(TTL, new Uint8Array(15), 0, 5)).toThrow(
      /15 bytes; pass 16 to 64/,
    );
    expect(() => issueVerification(TTL, new Uint8Array(65), 0, 5)).toThrow(/65 bytes/);
  });

  it('refuses policy values outside the scenario schema, naming them', () => {
    expect(() => issueVerification({ ...TTL, digits: 11 }, secret, 0, 5)).toThrow(
      /ttl code digits is 11; use a whole number 4 to 10/,
    );
    expect(() => issueVerification({ ...TTL, ttlSeconds: 0 }, secret, 0, 5)).toThrow(/ttlSeconds/);
    expect(() => issueVerification({ ...TOTP, digits: 4 }, secret, 0, 5)).toThrow(
      /totp code digits is 4; use a whole number 6 to 8/,
    );
    expect(() => issueVerification({ ...TOTP, periodSeconds: 3601 }, secret, 0, 5)).toThrow(
      /periodSeconds/,
    );
    expect(() =>
      issueVerification({ ...TOTP, algorithm: 'md5' } as unknown as CodePolicy, secret, 0, 5),
    ).toThrow(/use one of sha1, sha256, sha512/);
    expect(() => issueVerification({ kind: 'sms' } as unknown as CodePolicy, secret, 0, 5)).toThrow(
      /"sms"; use 'ttl' or 'totp'/,
    );
  });

  it('refuses a negative or non-finite issue time and fewer than 1 check', () => {
    expect(() => issueVerification(TTL, secret, -1, 5)).toThrow(/issuedAtEpochMs is -1/);
    expect(() => issueVerification(TTL, secret, Number.NaN, 5)).toThrow(/issuedAtEpochMs/);
    expect(() => issueVerification(TTL, secret, 0, 0)).toThrow(/maxCheckAttempts is 0/);
  });
});
