import { describe, expect, it } from 'vitest';
import { validateScenario, type ScenarioIssue } from './index.ts';

function issuesOf(input: unknown): readonly ScenarioIssue[] {
  const result = validateScenario(input);
  if (result.ok) throw new Error('expected the scenario to be invalid, but it validated');
  return result.issues;
}

describe('cross-field rules', () => {
  it('requires 4-digit PINs when the PIN is chosen from the common-PIN table', () => {
    expect(issuesOf({ voicemail: { pin: { length: 6, choice: 'common' } } })).toEqual([
      {
        path: '$.voicemail.pin.length',
        expected:
          '4 when "choice" is "common" (the PIN frequency table is for 4-digit PINs; use "uniform" or "default" for other lengths)',
        found: 'the number 6',
      },
    ]);
  });

  it('applies the 4-digit rule to the default choice too (common), but not to uniform or default', () => {
    expect(issuesOf({ voicemail: { pin: { length: 10 } } }).map((i) => i.path)).toEqual([
      '$.voicemail.pin.length',
    ]);
    expect(validateScenario({ voicemail: { pin: { length: 10, choice: 'uniform' } } }).ok).toBe(
      true,
    );
    expect(validateScenario({ voicemail: { pin: { length: 6, choice: 'default' } } }).ok).toBe(
      true,
    );
  });

  it('rejects a repeated prompt digit, which would make some digits likelier', () => {
    expect(issuesOf({ service: { promptDigits: '01231' } })).toEqual([
      {
        path: '$.service.promptDigits',
        expected: 'each digit at most once (so every digit is equally likely)',
        found: 'the string "01231"',
      },
    ]);
  });

  it('rejects a strategy listed twice, at the second mention', () => {
    expect(issuesOf({ strategies: ['naive', 'amd', 'naive'] })).toEqual([
      {
        path: '$.strategies[2]',
        expected: 'each strategy at most once',
        found: 'the string "naive"',
      },
    ]);
  });

  it('rejects an expectation for a strategy that is not run', () => {
    expect(
      issuesOf({
        strategies: ['naive', 'amd'],
        expect: { 'random-digit': { interceptionRate: { max: 0.15 } } },
      }),
    ).toEqual([
      {
        path: '$.expect["random-digit"]',
        expected: 'a strategy listed in "strategies" (naive, amd), or it would never be checked',
        found: 'an object {"interceptionRate":{"max":0.15}}',
      },
    ]);
  });

  it('accepts expectations for "all" whatever strategies are run', () => {
    expect(
      validateScenario({ strategies: ['naive'], expect: { all: { leakRate: { max: 1 } } } }).ok,
    ).toBe(true);
  });

  it('rejects a bound whose min is above its max', () => {
    expect(issuesOf({ expect: { naive: { leakRate: { min: 0.5, max: 0.1 } } } })).toEqual([
      {
        path: '$.expect.naive.leakRate',
        expected: '"min" ≤ "max"',
        found: 'an object {"min":0.5,"max":0.1}',
      },
    ]);
    expect(validateScenario({ expect: { naive: { leakRate: { min: 0.1, max: 0.1 } } } }).ok).toBe(
      true,
    );
  });

  it('rejects a uniform duration with low above high wherever it appears', () => {
    const issues = issuesOf({
      person: { reactionSeconds: { uniform: [3, 1] } },
      attacker: { retrievalSeconds: { uniform: [60, 20] } },
    });
    expect(issues).toEqual([
      {
        path: '$.person.reactionSeconds.uniform',
        expected: '[low, high] with low ≤ high',
        found: 'a list [3,1]',
      },
      {
        path: '$.attacker.retrievalSeconds.uniform',
        expected: '[low, high] with low ≤ high',
        found: 'a list [60,20]',
      },
    ]);
    expect(validateScenario({ person: { reactionSeconds: { uniform: [2, 2] } } }).ok).toBe(true);
  });

  it('reports every broken rule at once', () => {
    const issues = issuesOf({
      strategies: ['naive', 'naive'],
      service: { promptDigits: '11' },
      voicemail: { pin: { length: 5 } },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      '$.service.promptDigits',
      '$.strategies[1]',
      '$.voicemail.pin.length',
    ]);
  });

  it('runs only once the fields themselves are valid', () => {
    // A bad type elsewhere hides the cross-field problems until it is fixed.
    expect(
      issuesOf({ trials: 'many', service: { promptDigits: '11' } }).map((i) => i.path),
    ).toEqual(['$.trials']);
  });
});
