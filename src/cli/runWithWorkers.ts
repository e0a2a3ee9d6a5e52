import { createNodeWorkerPool, defaultWorkerCount } from '../node/workerPool.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunResults } from '../sim/results.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import { runScenario } from '../sim/runPlan.ts';
import { terminalProgress } from './progress.ts';

/** Runs a scenario on worker threads, with terminal progress; always closes the pool. */
export async function runWithWorkers(
  scenario: Scenario,
  workers = defaultWorkerCount(),
  assets: ScenarioAssets = {},
): Promise<RunResults> {
  const pool = createNodeWorkerPool(
    Math.min(workers, scenario.trials * scenario.strategies.length),
  );
  const progress = terminalProgress(scenario.name);
  try {
    return await runScenario(scenario, pool, progress.listener, assets);
  } finally {
    progress.done();
    await pool.close();
  }
}
