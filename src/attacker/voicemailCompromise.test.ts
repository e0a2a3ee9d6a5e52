import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PinPolicy } from '../scenario/index.ts';
import { voicemailCompromise } from './voicemailCompromise.ts';

function pinPolicy(overrides: Partial<PinPolicy> = {}): PinPolicy {
  return {
    length: 4,
    choice: 'uniform',
    lockoutAfter: null,
    keptDefaultProbability: 0.3,
    guessesPerCall: 3,
    ...overrides,
  };
}

describe('voicemailCompromise with uniformly chosen PINs', () => {
  it('gives 5 in 10,000 for a 4-digit PIN that locks after 5 guesses', () => {
    const result = voicemailCompromise(pinPolicy({ lockoutAfter: 5 }), 300);
    expect(result).toEqual({
      rate: 0.0005,
      guessesAllowed: 5,
      callsNeeded: 2,
      limitedBy: 'lockout',
    });
  });

  it('gives 3e-8 for 300 guesses at a 10-digit PIN with no lockout', () => {
    const result = voicemailCompromise(pinPolicy({ length: 10 }), 300);
    expect(result).toEqual({
      rate: 3e-8,
      guessesAllowed: 300,
      callsNeeded: 100,
      limitedBy: 'budget',
    });
  });

  it('opens the box for certain when the budget covers the whole PIN space', () => {
    const result = voicemailCompromise(pinPolicy(), 50_000);
    expect(result).toEqual({
      rate: 1,
      guessesAllowed: 10_000,
      callsNeeded: 3334,
      limitedBy: 'pin-space',
    });
  });

  it('accepts an unlimited budget', () => {
    const result = voicemailCompromise(pinPolicy({ length: 6, lockoutAfter: 10 }), Infinity);
    expect(result.guessesAllowed).toBe(10);
    expect(result.limitedBy).toBe('lockout');
    expect(voicemailCompromise(pinPolicy(), Infinity).rate).toBe(1);
  });
});

describe('voicemailCompromise with commonly chosen PINs (DataGenetics 2012)', () => {
  const common = pinPolicy({ choice: 'common' });

  it('adds the top 20 shares and then 280 tail PINs for a budget of 300', () => {
    const { rate, guessesAllowed, callsNeeded } = voicemailCompromise(common, 300);
    // The table's shares add up to 26.832 %, leaving 73.168 % for the other 9,980 PINs.
    // Correctly rounded exact value: (26,832 · 9,980 + 280 · 73,168) / (100,000 · 9,980).
    expect(rate).toBe((26_832 * 9_980 + 280 * 73_168) / (100_000 * 9_980));
    expect(rate).toBeCloseTo(0.26832 + (280 * 0.73168) / 9980, 15);
    // Within 2e-5 of the figure with the rounded 26.83 % total.
    expect(rate).toBeCloseTo(0.2683 + (280 * 0.7317) / 9980, 4);
    expect(guessesAllowed).toBe(300);
    expect(callsNeeded).toBe(100);
  });

  it('adds the three most common shares when the box locks after 3 guesses', () => {
    const result = voicemailCompromise({ ...common, lockoutAfter: 3 }, 300);
    expect(result.rate).toBe(0.1861);
    expect(result.rate).toBeCloseTo((10.713 + 6.016 + 1.881) / 100, 15);
    expect(result.limitedBy).toBe('lockout');
    expect(result.callsNeeded).toBe(1);
  });

  it('gives exactly the table total, 26.832 %, for 20 guesses', () => {
    expect(voicemailCompromise(common, 20).rate).toBe(0.26832);
  });

  it('gives 0 when the attacker makes no guesses', () => {
    expect(voicemailCompromise(common, 0)).toEqual({
      rate: 0,
      guessesAllowed: 0,
      callsNeeded: 0,
      limitedBy: 'budget',
    });
  });

  it('gives exactly 1 once every 4-digit PIN has been tried', () => {
    expect(voicemailCompromise(common, 10_000).rate).toBe(1);
  });

  it('never falls as the budget grows', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_500 }), fc.nat({ max: 10_500 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(voicemailCompromise(common, low).rate).toBeLessThanOrEqual(
          voicemailCompromise(common, high).rate,
        );
      }),
    );
  });

  it('refuses PIN lengths other than 4 and says what to use instead', () => {
    expect(() => voicemailCompromise({ ...common, length: 6 }, 300)).toThrow(
      /'common' needs length 4.*got length 6.*'uniform' or 'default'/,
    );
  });
});

describe('voicemailCompromise with a carrier default PIN', () => {
  const withDefault = pinPolicy({ choice: 'default', keptDefaultProbability: 0.3 });

  it('gives the kept-default probability for a single guess', () => {
    expect(voicemailCompromise(withDefault, 1).rate).toBe(0.3);
  });

  it('adds the uniform chance of the other guesses', () => {
    const result = voicemailCompromise({ ...withDefault, lockoutAfter: 3 }, 300);
    expect(result.rate).toBe(0.3 + (0.7 * 2) / 9999);
    expect(result.limitedBy).toBe('lockout');
  });

  it('works for long PINs', () => {
    const result = voicemailCompromise({ ...withDefault, length: 10 }, 300);
    expect(result.rate).toBe(0.3 + (0.7 * 299) / (1e10 - 1));
  });

  it('gives 0 with no guesses, even if everyone keeps the default', () => {
    const rate = voicemailCompromise({ ...withDefault, keptDefaultProbability: 1 }, 0).rate;
    expect(rate).toBe(0);
  });

  it('gives 1 when everyone keeps the default', () => {
    expect(voicemailCompromise({ ...withDefault, keptDefaultProbability: 1 }, 1).rate).toBe(1);
  });

  it('matches the uniform model over the other PINs when nobody keeps the default', () => {
    const rate = voicemailCompromise({ ...withDefault, keptDefaultProbability: 0 }, 101).rate;
    expect(rate).toBe(100 / 9999);
  });

  it('gives exactly 1 once every PIN has been tried', () => {
    expect(voicemailCompromise(withDefault, 10_000).rate).toBe(1);
  });
});

describe('voicemailCompromise limits and validation', () => {
  it('reports the lockout when it ties with the budget, and the PIN space above both', () => {
    expect(voicemailCompromise(pinPolicy({ lockoutAfter: 5 }), 5).limitedBy).toBe('lockout');
    expect(voicemailCompromise(pinPolicy({ lockoutAfter: 10_000 }), 10_000).limitedBy).toBe(
      'pin-space',
    );
  });

  it('rounds the calls needed up to whole calls', () => {
    expect(voicemailCompromise(pinPolicy({ guessesPerCall: 3 }), 7).callsNeeded).toBe(3);
    expect(voicemailCompromise(pinPolicy({ guessesPerCall: 1 }), 7).callsNeeded).toBe(7);
  });

  it('always gives a probability between 0 and 1', () => {
    const policies = fc.record({
      length: fc.integer({ min: 4, max: 10 }),
      choice: fc.constantFrom('uniform' as const, 'default' as const),
      lockoutAfter: fc.option(fc.integer({ min: 1, max: 20_000 })),
      keptDefaultProbability: fc.double({ min: 0, max: 1, noNaN: true }),
      guessesPerCall: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(policies, fc.nat({ max: 1_000_000 }), (policy, budget) => {
        const { rate } = voicemailCompromise(policy, budget);
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('names a bad guess budget', () => {
    expect(() => voicemailCompromise(pinPolicy(), -1)).toThrow(/guessBudget.*got -1/);
    expect(() => voicemailCompromise(pinPolicy(), 2.5)).toThrow(/guessBudget.*got 2\.5/);
    expect(() => voicemailCompromise(pinPolicy(), NaN)).toThrow(/guessBudget.*got NaN/);
  });

  it('names a bad policy field', () => {
    expect(() => voicemailCompromise(pinPolicy({ length: 3 }), 1)).toThrow(/length.*got 3/);
    expect(() => voicemailCompromise(pinPolicy({ lockoutAfter: 0 }), 1)).toThrow(
      /lockoutAfter.*got 0/,
    );
    expect(() => voicemailCompromise(pinPolicy({ guessesPerCall: 0 }), 1)).toThrow(
      /guessesPerCall.*got 0/,
    );
    expect(() => voicemailCompromise(pinPolicy({ keptDefaultProbability: 2 }), 1)).toThrow(
      /keptDefaultProbability.*got 2/,
    );
  });
});
