import { createNodeWorkerPool, defaultWorkerCount } from '../node/workerPool.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunResults } from '../sim/results.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import { runScenario } from '../sim/runPlan.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
import { namingFile } from './exitCodes.ts';
import { terminalProgress } from './progress.ts';

/**
 * Runs the scenario read from `file` on worker threads, with terminal progress; always closes
 * the pool. A ScenarioError a worker throws (compiling the scenario there) becomes a UsageError
 * naming the file; a worker that fails otherwise rejects with the pool's WorkerFailure.
 */
export async function runWithWorkers(
  file: string,
  scenario: Scenario,
  workers = defaultWorkerCount(),
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): Promise<RunResults> {
  const pool = createNodeWorkerPool(
    Math.min(workers, scenario.trials * scenario.strategies.length),
  );
  const progress = terminalProgress(scenario.name);
  try {
    return await runScenario(scenario, pool, progress.listener, assets, documents);
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    progress.done();
    await pool.close();
  }
}
