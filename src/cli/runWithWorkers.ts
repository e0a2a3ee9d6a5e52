import { createNodeWorkerPool, defaultWorkerCount } from '../node/workerPool.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunResults } from '../sim/results.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import { runScenarioTotals, wholeRun, type RunTotals, type TrialRange } from '../sim/runPlan.ts';
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
  const totals = await runTotalsWithWorkers(file, scenario, workers, assets, documents);
  return totals.results();
}

/**
 * runWithWorkers for the trial indices in `range` only (a shard's, `run --shard`), with the
 * totals kept as tallies rather than summarised.
 */
export async function runTotalsWithWorkers(
  file: string,
  scenario: Scenario,
  workers = defaultWorkerCount(),
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
  range: TrialRange = wholeRun(scenario),
): Promise<RunTotals> {
  const trials = range.toTrial - range.fromTrial;
  const pool = createNodeWorkerPool(Math.min(workers, trials * scenario.strategies.length));
  const progress = terminalProgress(scenario.name);
  try {
    return await runScenarioTotals(scenario, pool, progress.listener, assets, documents, range);
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    progress.done();
    await pool.close();
  }
}
