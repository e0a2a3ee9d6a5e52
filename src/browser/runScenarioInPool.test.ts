import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { planChunks, runScenario, runScenarioSync, RunTotals } from '../sim/runPlan.ts';
import type { StrategyTallyData } from '../sim/strategyTally.ts';
import { fakeSimWorker, nightAttackScenario } from './testing/fakeSimWorker.ts';
import { createWebWorkerPool } from './webWorkerPool.ts';

/** A full collection, as global.gc() does with --expose-gc, for this test process only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

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

  it('keeps no chunk tally once it is merged, while the pool lives on', async () => {
    const scenario = nightAttackScenario(300);
    const pool = createWebWorkerPool({ size: 2, createWorker: () => fakeSimWorker() });
    const totals = new RunTotals(scenario);
    const seen: WeakRef<StrategyTallyData>[] = [];
    await pool.run(scenario, planChunks(scenario, 25), (chunk, tally) => {
      totals.add(chunk, tally);
      seen.push(new WeakRef(tally));
    });
    expect(JSON.stringify(totals.results())).toBe(JSON.stringify(runScenarioSync(scenario)));
    // WeakRef targets live until the current job ends (ECMA-262 ClearKeptObjects).
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(seen).toHaveLength(48);
    expect(seen.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    pool.terminate();
  });
});
