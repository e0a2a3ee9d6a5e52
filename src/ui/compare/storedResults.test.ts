import { describe, expect, it } from 'vitest';
import { nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import { applyOverrides, runScenarioSync } from '../../sim/runPlan.ts';
import {
  loadStoredRun,
  MAX_STORED_RUNS,
  resultsKey,
  STORED_INDEX_KEY,
  storeRun,
  type ResultsStorage,
} from './storedResults.ts';

function memoryStorage(): ResultsStorage & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const scenario = nightAttackScenario(40);
const results = runScenarioSync(scenario);

describe('resultsKey', () => {
  it('is a hash of the scenario with its seed and trials', () => {
    expect(resultsKey(scenario)).toMatch(/^voice-otp-lab:results:v1:[0-9a-f]{14}:7:40$/);
    expect(resultsKey(nightAttackScenario(40))).toBe(resultsKey(scenario));
  });

  it('differs for another seed, other trials or any edit of the scenario', () => {
    const keys = [
      scenario,
      applyOverrides(scenario, { seed: 8 }),
      applyOverrides(scenario, { trials: 41 }),
      { ...scenario, description: `${scenario.description}.` },
    ].map(resultsKey);
    expect(new Set(keys).size).toBe(4);
  });
});

describe('storeRun and loadStoredRun', () => {
  it('give back the results of the same scenario, seed and trials', () => {
    const storage = memoryStorage();
    expect(storeRun(storage, scenario, { results, preview: true })).toBe(true);
    expect(loadStoredRun(storage, scenario)).toEqual({ results, preview: true });
    expect(loadStoredRun(storage, applyOverrides(scenario, { seed: 8 }))).toBeNull();
  });

  it('ignore stored data that is not a run of this scenario', () => {
    const key = resultsKey(scenario);
    const stored = { key, preview: false, strategies: results.strategies };
    const naive = results.strategies.naive!;
    const variants: unknown[] = [
      'not json',
      JSON.stringify({ ...stored, key: 'another' }),
      JSON.stringify({ ...stored, extra: 1 }),
      JSON.stringify({ ...stored, strategies: { naive } }),
      JSON.stringify({
        ...stored,
        strategies: { ...results.strategies, naive: { ...naive, interceptionRate: 2 } },
      }),
      JSON.stringify({
        ...stored,
        strategies: { ...results.strategies, naive: { ...naive, trials: 39 } },
      }),
    ];
    for (const text of variants) {
      const storage = memoryStorage();
      storage.setItem(key, text as string);
      expect(loadStoredRun(storage, scenario), String(text).slice(0, 40)).toBeNull();
    }
  });

  it(`keeps the ${MAX_STORED_RUNS} most recent runs and drops the oldest`, () => {
    const storage = memoryStorage();
    const seeds = Array.from({ length: MAX_STORED_RUNS + 1 }, (_, seed) => seed);
    for (const seed of seeds) {
      const run = applyOverrides(scenario, { seed });
      storeRun(storage, run, { results: { ...results, seed }, preview: false });
    }
    expect(loadStoredRun(storage, applyOverrides(scenario, { seed: 0 }))).toBeNull();
    expect(loadStoredRun(storage, applyOverrides(scenario, { seed: 1 }))).not.toBeNull();
    expect(JSON.parse(storage.getItem(STORED_INDEX_KEY)!)).toHaveLength(MAX_STORED_RUNS);
    expect(storage.items.size).toBe(MAX_STORED_RUNS + 1);
  });

  it('skips quietly when the storage refuses', () => {
    const full: ResultsStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(storeRun(full, scenario, { results, preview: false })).toBe(false);
  });
});
