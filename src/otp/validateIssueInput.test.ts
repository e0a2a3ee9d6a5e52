/**
 * The scenario format and the engine's own check (validateIssueInput) agree on every code bound:
 * what the format accepts at the bound is issued and checked, what it refuses just past the
 * bound the engine refuses too, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, MAX_START_EPOCH_SECONDS, validateScenario } from '../scenario/index.ts';
import { issueVerification } from './issueVerification.ts';
import { seededSecrets } from './testSecrets.ts';

const secret = seededSecrets(7)();
/** The latest issue time a scenario allows: its latest start. */
const LATEST_MS = MAX_START_EPOCH_SECONDS * 1000;

type Edit = Readonly<Record<string, unknown>>;

/** [label, code policy edits at the bound, edits just past it, the engine's message]. */
const BOUNDS: readonly [string, 'ttl' | 'totp', Edit, Edit, RegExp][] = [
  ['ttl digits', 'ttl', { digits: 10 }, { digits: 11 }, /ttl code digits is 11; use .* 4 to 10/],
  ['ttl digits', 'ttl', { digits: 4 }, { digits: 3 }, /ttl code digits is 3/],
  ['ttlSeconds', 'ttl', { ttlSeconds: 86_400 }, { ttlSeconds: 86_401 }, /ttlSeconds is 86401/],
  ['totp digits', 'totp', { digits: 8 }, { digits: 9 }, /totp code digits is 9; use .* 6 to 8/],
  ['totp digits', 'totp', { digits: 6 }, { digits: 5 }, /totp code digits is 5/],
  [
    'periodSeconds',
    'totp',
    { periodSeconds: 3600 },
    { periodSeconds: 3601 },
    /periodSeconds is 3601; use a whole number 1 to 3600/,
  ],
  ['periodSeconds', 'totp', { periodSeconds: 1 }, { periodSeconds: 0 }, /periodSeconds is 0/],
  ['window', 'totp', { window: 10 }, { window: 11 }, /window is 11; use a whole number 0 to 10/],
];

describe('code bounds: the scenario format and the engine agree', () => {
  it.each(BOUNDS)(
    '%s (%s): %j is issued, %j is refused by both',
    (_, kind, atBound, over, message) => {
      const { code, service } = loadScenario({ trials: 1, code: { kind, ...atBound } });
      const verification = issueVerification(code, secret, LATEST_MS, service.maxCheckAttempts);
      expect(verification.check(verification.code, LATEST_MS + 1000)).toBe('approved');

      expect(validateScenario({ trials: 1, code: { kind, ...over } }).ok).toBe(false);
      const overPolicy = { ...code, ...over };
      expect(() => issueVerification(overPolicy, secret, 0, 5)).toThrow(message);
    },
  );

  it('maxCheckAttempts: 100 in both', () => {
    const { code, service } = loadScenario({ trials: 1, service: { maxCheckAttempts: 100 } });
    expect(service.maxCheckAttempts).toBe(100);
    expect(() => issueVerification(code, secret, 0, 100)).not.toThrow();
    expect(validateScenario({ trials: 1, service: { maxCheckAttempts: 101 } }).ok).toBe(false);
    expect(() => issueVerification(code, secret, 0, 101)).toThrow(
      /maxCheckAttempts is 101; use a whole number 1 to 100/,
    );
  });

  it('the 7200 s period the audit found is refused before otplib sees it', () => {
    expect(validateScenario({ code: { kind: 'totp', periodSeconds: 7200 } }).ok).toBe(false);
  });
});
