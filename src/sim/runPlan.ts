import { voicemailCompromise } from '../attacker/index.ts';
import { loadScenario, type Scenario, type StrategyId } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { summarizeTally, type RunResults } from './results.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import { StrategyTally, type StrategyTallyData } from './strategyTally.ts';

/** Overrides a run may apply on top of the scenario file (CLI flags, UI controls). */
export interface RunOverrides {
  readonly trials?: number;
  readonly seed?: number;
  readonly strategies?: readonly StrategyId[];
}

/**
 * The scenario with the overrides applied, validated again (a flag is held to the same limits as
 * the file: duplicate strategies, seed range, trial cap); throws ScenarioError if it breaks one.
 */
export function applyOverrides(scenario: Scenario, overrides: RunOverrides): Scenario {
  return loadScenario({
    ...scenario,
    ...(overrides.trials !== undefined ? { trials: overrides.trials } : {}),
    ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
    ...(overrides.strategies !== undefined
      ? {
          strategies: [...overrides.strategies],
          expect: expectationsFor(scenario, overrides.strategies),
        }
      : {}),
  });
}

/** A run of fewer strategies checks only their thresholds (and those for "all"). */
function expectationsFor(
  scenario: Scenario,
  strategies: readonly StrategyId[],
): Scenario['expect'] {
  return Object.fromEntries(
    Object.entries(scenario.expect).filter(
      ([id]) => id === 'all' || strategies.includes(id as StrategyId),
    ),
  );
}

/** Trials per chunk: small enough for smooth progress and load balance, big enough to amortise. */
export const DEFAULT_CHUNK_TRIALS = 500;

/** The run cut into chunks. Results do not depend on the cut: each trial has its own stream. */
export function planChunks(scenario: Scenario, chunkTrials = DEFAULT_CHUNK_TRIALS): TrialChunk[] {
  const chunks: TrialChunk[] = [];
  for (const strategy of scenario.strategies) {
    for (let from = 0; from < scenario.trials; from += chunkTrials) {
      chunks.push({
        strategy,
        fromTrial: from,
        toTrial: Math.min(scenario.trials, from + chunkTrials),
      });
    }
  }
  return chunks;
}

/** Merges chunk tallies by strategy and adds the exact compromise figures. */
export function assembleResults(
  scenario: Scenario,
  chunks: readonly TrialChunk[],
  tallies: readonly StrategyTallyData[],
): RunResults {
  const totals = emptyTotals(scenario);
  chunks.forEach((chunk, i) =>
    totals.get(chunk.strategy)!.merge(StrategyTally.fromJSON(tallies[i]!)),
  );
  return resultsFromTotals(scenario, totals);
}

function emptyTotals(scenario: Scenario): Map<StrategyId, StrategyTally> {
  return new Map(scenario.strategies.map((strategy) => [strategy, new StrategyTally()]));
}

function resultsFromTotals(
  scenario: Scenario,
  totals: ReadonlyMap<StrategyId, StrategyTally>,
): RunResults {
  const compromise = voicemailCompromise(scenario.voicemail.pin, scenario.attacker.guessBudget);
  const strategies: RunResults['strategies'] = {};
  for (const strategy of scenario.strategies) {
    strategies[strategy] = summarizeTally(
      totals.get(strategy) ?? new StrategyTally(),
      compromise.rate,
    );
  }
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    trials: scenario.trials,
    compromiseRate: compromise.rate,
    compromise,
    strategies,
  };
}

export type ProgressListener = (doneTrials: number, totalTrials: number) => void;

/** Called as each chunk finishes, in finishing order, with that chunk's tally. */
export type ChunkTallyListener = (chunk: TrialChunk, tally: StrategyTallyData) => void;

/** Runs chunks somewhere (worker threads, Web Workers) and returns their tallies in chunk order. */
export interface ChunkExecutor {
  run(
    scenario: Scenario,
    chunks: readonly TrialChunk[],
    onChunkDone?: ChunkTallyListener,
    assets?: ScenarioAssets,
  ): Promise<StrategyTallyData[]>;
}

/**
 * Hands the chunks to `workers` as each one frees up and returns the tallies in chunk order; a
 * chunk that fails stops the others taking new chunks. The loop both worker pools share.
 */
export async function dispatchChunks<W>(
  workers: readonly W[],
  chunks: readonly TrialChunk[],
  runOne: (worker: W, chunk: TrialChunk) => Promise<StrategyTallyData>,
  onChunkDone?: ChunkTallyListener,
): Promise<StrategyTallyData[]> {
  const results = new Array<StrategyTallyData>(chunks.length);
  let next = 0;
  const drain = async (worker: W) => {
    while (next < chunks.length) {
      const index = next++;
      const chunk = chunks[index]!;
      let tally: StrategyTallyData;
      try {
        tally = await runOne(worker, chunk);
      } catch (error) {
        next = chunks.length;
        throw error;
      }
      results[index] = tally;
      onChunkDone?.(chunk, tally);
    }
  };
  await Promise.all(workers.map(drain));
  return results;
}

/** Runs on the calling thread. */
export function runScenarioSync(
  scenario: Scenario,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
): RunResults {
  const compiled = compileScenario(scenario, assets);
  const chunks = planChunks(scenario);
  const total = scenario.trials * scenario.strategies.length;
  let done = 0;
  const tallies = chunks.map((chunk) => {
    const data = runChunk(compiled, chunk).toJSON();
    done += chunk.toTrial - chunk.fromTrial;
    onProgress?.(done, total);
    return data;
  });
  return assembleResults(scenario, chunks, tallies);
}

/**
 * Runs through an executor (workers); identical numbers to runScenarioSync. Each chunk's tally is
 * merged into its strategy's total as it arrives, so the caller's thread never does one big merge
 * (a 200,000-trial run is 1,600 chunks: merged at the end that is a long task in a page).
 */
export async function runScenario(
  scenario: Scenario,
  executor: ChunkExecutor,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
): Promise<RunResults> {
  const chunks = planChunks(scenario);
  const total = scenario.trials * scenario.strategies.length;
  const totals = emptyTotals(scenario);
  let done = 0;
  await executor.run(
    scenario,
    chunks,
    (chunk, tally) => {
      totals.get(chunk.strategy)!.merge(StrategyTally.fromJSON(tally));
      done += chunk.toTrial - chunk.fromTrial;
      onProgress?.(done, total);
    },
    assets,
  );
  return resultsFromTotals(scenario, totals);
}
