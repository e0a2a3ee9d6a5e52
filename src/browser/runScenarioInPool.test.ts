import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioSync } from '../sim/runPlan.ts';
import { fakeSimWorker, nightAttackScenario } from './testing/fakeSimWorker.ts';
import { createWebWorkerPool } from './webWorkerPool.ts';

describe('runScenario through the Web Worker pool', () => {
  it('merges tallies as they arrive and gives exactly the numbers of a run on this thread', async () => {
    // 1,300 trials: two whole chunks and a short one per strategy, finishing out of order.
    const scenario = nightAttackScenario(1300);
    const pool = createWebWorkerPool({ size: 3, createWorker: () => fakeSimWorker() });
    const progress: [number, number][] = [];
    const results = await runScenario(scenario, pool, (done, total) =>
      progress.push([done, total]),
    );
    pool.terminate();
    expect(results).toEqual(runScenarioSync(scenario));
    expect(progress).toHaveLength(scenario.strategies.length * 3);
    expect(progress.at(-1)).toEqual([5200, 5200]);
  });
});
