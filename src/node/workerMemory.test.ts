import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runScenario, runScenarioSync } from '../sim/runPlan.ts';
import { createNodeWorkerPool } from './workerPool.ts';

describe('the worker_threads pool', () => {
  it('runs a scenario to the numbers of this thread and reports each worker heap', async () => {
    const scenario = loadScenario({ seed: 3, trials: 1000, strategies: ['naive'] });
    const pool = createNodeWorkerPool(2);
    try {
      const before = await pool.workerMemory();
      const results = await runScenario(scenario, pool);
      expect(JSON.stringify(results)).toBe(JSON.stringify(runScenarioSync(scenario)));
      const after = await pool.workerMemory();
      expect(after).toHaveLength(2);
      for (const [i, worker] of after.entries()) {
        expect(worker.heapUsed).toBeGreaterThan(0);
        expect(worker.peakHeapUsed).toBeGreaterThanOrEqual(worker.heapUsed);
        expect(worker.peakHeapUsed).toBeGreaterThanOrEqual(before[i]!.peakHeapUsed);
        // The heap after a full collection: 0 until V8 runs one.
        expect(worker.peakLiveHeap).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await pool.close();
    }
  });
});
