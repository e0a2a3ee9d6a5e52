import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { validateScenario } from './validate.ts';
import { MAX_SEED, MAX_TRIAL_INDEX, MAX_TRIALS } from './trialLimits.ts';

describe('trial limits', () => {
  it('are the 32-bit keys of the random streams: one more would alias key 0', () => {
    expect(MAX_SEED).toBe(2 ** 32 - 1);
    const draws = (key: number) => {
      const rng = createRng(key, 7);
      return Array.from({ length: 4 }, () => rng.next());
    };
    expect(draws(MAX_SEED + 1)).toEqual(draws(0));
    expect(draws(MAX_SEED)).not.toEqual(draws(0));
    expect(MAX_TRIAL_INDEX).toBeLessThan(2 ** 32);
  });

  it('are the limits the scenario format puts on seed and trials', () => {
    // The most trials fit a run of one strategy with one call per campaign (runBounds.ts).
    const smallest = { strategies: ['naive'], attacker: { attempts: 1 } };
    expect(validateScenario({ ...smallest, seed: MAX_SEED, trials: MAX_TRIALS }).ok).toBe(true);
    expect(validateScenario({ seed: MAX_SEED + 1 }).ok).toBe(false);
    expect(validateScenario({ ...smallest, trials: MAX_TRIALS + 1 }).ok).toBe(false);
  });
});
