import type { Scenario, StrategyId } from '../scenario/index.ts';
import type { RunResults } from '../sim/results.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import { assembleResults, planChunks, type ProgressListener } from '../sim/runPlan.ts';
import { StrategyTally } from '../sim/strategyTally.ts';
import type { WebWorkerPool } from './webWorkerPool.ts';

/**
 * runScenario for the page: the same chunks and the same assembleResults, but each chunk's tally
 * is merged into its strategy's running total the moment it arrives, and assembleResults gets one
 * whole-range tally per strategy.
 *
 * Why not runScenario: it merges every chunk's tally in one go at the end, on the calling thread.
 * A 200,000-trial run is 1,600 chunks of about 400 median bins each, 115–300 ms of merging in one
 * task, and the page must never block for more than 100 ms. Spread over the run it costs a
 * fraction of a millisecond per chunk. Tallies are integer counts and sums that merge exactly in
 * any order and grouping, so the numbers are identical (a test checks it against runScenarioSync).
 */
export async function runScenarioInWorkers(
  scenario: Scenario,
  pool: WebWorkerPool,
  onProgress?: ProgressListener,
): Promise<RunResults> {
  const chunks = planChunks(scenario);
  const total = scenario.trials * scenario.strategies.length;
  const totals = new Map<StrategyId, StrategyTally>(
    scenario.strategies.map((strategy) => [strategy, new StrategyTally()]),
  );
  let done = 0;
  await pool.run(scenario, chunks, (chunk, tally) => {
    totals.get(chunk.strategy)!.merge(StrategyTally.fromJSON(tally));
    done += chunk.toTrial - chunk.fromTrial;
    onProgress?.(done, total);
  });
  const wholeRanges: TrialChunk[] = scenario.strategies.map((strategy) => ({
    strategy,
    fromTrial: 0,
    toTrial: scenario.trials,
  }));
  return assembleResults(
    scenario,
    wholeRanges,
    wholeRanges.map((range) => totals.get(range.strategy)!.toJSON()),
  );
}
