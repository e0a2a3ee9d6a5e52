import { voicemailCompromise } from '../attacker/index.ts';
import { loadScenario, type Scenario, type StrategyId } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { summarizeTally, type RunResults } from './results.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import { StrategyTally, type StrategyTallyData } from './strategyTally.ts';
import type { TwimlTexts } from './twimlFlows.ts';

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
          expect: onlyFor(scenario.expect, overrides.strategies),
          expectWorstCase: onlyFor(scenario.expectWorstCase, overrides.strategies),
          ...(scenario.sweep ? { sweep: sweepFor(scenario.sweep, overrides.strategies) } : {}),
        }
      : {}),
  });
}

/** A run of fewer strategies checks only their thresholds (and those for "all"). */
function onlyFor<T>(
  thresholds: Readonly<Record<string, T>>,
  strategies: readonly StrategyId[],
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(thresholds).filter(([id]) => id === 'all' || strategies.includes(id)),
  );
}

/** A run of fewer strategies checks only their sweep thresholds (and those for "all"). */
function sweepFor(
  sweep: NonNullable<Scenario['sweep']>,
  strategies: readonly StrategyId[],
): Scenario['sweep'] {
  return {
    ...sweep,
    expect: sweep.expect.filter((r) => r.strategy === 'all' || strategies.includes(r.strategy)),
  };
}

/** Trials per chunk: small enough for smooth progress and load balance, big enough to amortise. */
export const DEFAULT_CHUNK_TRIALS = 500;

/** Trial indices [fromTrial, toTrial) of every strategy: a whole run, or a shard's share of it. */
export interface TrialRange {
  readonly fromTrial: number;
  readonly toTrial: number;
}

/** Every trial of the run: indices 0 to trials − 1. */
export function wholeRun(scenario: Scenario): TrialRange {
  return { fromTrial: 0, toTrial: scenario.trials };
}

/**
 * The run (or the `range` of its trial indices, for each strategy) cut into chunks, made one at a
 * time as the dispatcher asks for them, so a run holds no list of chunks (10^7 trials is 20,000
 * chunks per strategy). Results do not depend on the cut: each trial has its own stream (README
 * "What the numbers mean", Reproducibility).
 */
export function* planChunks(
  scenario: Scenario,
  chunkTrials = DEFAULT_CHUNK_TRIALS,
  range: TrialRange = wholeRun(scenario),
): Generator<TrialChunk, void, undefined> {
  for (const strategy of scenario.strategies) {
    for (let from = range.fromTrial; from < range.toTrial; from += chunkTrials) {
      yield { strategy, fromTrial: from, toTrial: Math.min(range.toTrial, from + chunkTrials) };
    }
  }
}

/** Chunks in a run: what planChunks yields, counted without making them. */
export function chunkCount(scenario: Scenario, chunkTrials = DEFAULT_CHUNK_TRIALS): number {
  return scenario.strategies.length * Math.ceil(scenario.trials / chunkTrials);
}

/**
 * A run's totals, one StrategyTally per strategy, with each chunk's tally merged in as it arrives
 * and then dropped: memory does not grow with trials (README "Performance"). Merging is integer
 * addition, exact and order-free, so any completion order gives the same bits.
 */
export class RunTotals {
  readonly #scenario: Scenario;
  readonly #totals: Map<StrategyId, StrategyTally>;
  #doneTrials = 0;

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
    this.#totals = new Map(scenario.strategies.map((strategy) => [strategy, new StrategyTally()]));
  }

  /** Trials merged so far, over all strategies (each is an attack and a legit trial). */
  get doneTrials(): number {
    return this.#doneTrials;
  }

  /** Merges one chunk's tally (plain data from a worker, or a tally made on this thread). */
  add(chunk: TrialChunk, tally: StrategyTally | StrategyTallyData): void {
    const total = this.#totals.get(chunk.strategy);
    if (!total) throw new Error(`A chunk of strategy "${chunk.strategy}", not in this run.`);
    total.merge(tally instanceof StrategyTally ? tally : StrategyTally.fromJSON(tally));
    this.#doneTrials += chunk.toTrial - chunk.fromTrial;
  }

  /** The merged tallies as plain data, by strategy in the scenario's order. */
  tallies(): Record<StrategyId, StrategyTallyData> {
    const tallies: Record<StrategyId, StrategyTallyData> = {};
    for (const strategy of this.#scenario.strategies) {
      tallies[strategy] = this.#totals.get(strategy)!.toJSON();
    }
    return tallies;
  }

  /** The merged tallies summarised, with the exact compromise figures. */
  results(): RunResults {
    const scenario = this.#scenario;
    const compromise = voicemailCompromise(scenario.voicemail.pin, scenario.attacker.guessBudget);
    const strategies: RunResults['strategies'] = {};
    for (const strategy of scenario.strategies) {
      strategies[strategy] = summarizeTally(this.#totals.get(strategy)!, compromise.rate);
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
}

export type ProgressListener = (doneTrials: number, totalTrials: number) => void;

/** Called as each chunk finishes, in finishing order, with that chunk's tally. */
export type ChunkTallyListener = (chunk: TrialChunk, tally: StrategyTallyData) => void;

/**
 * Runs chunks somewhere (worker threads, Web Workers) and hands each tally to `onChunkDone` as it
 * arrives, in finishing order; keeps none of them. Resolves when every chunk is done.
 */
export interface ChunkExecutor {
  run(
    scenario: Scenario,
    chunks: Iterable<TrialChunk>,
    onChunkDone: ChunkTallyListener,
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): Promise<void>;
}

/**
 * Hands the chunks to `workers`, one chunk per worker at a time, taking the next from `chunks`
 * only when a worker frees up, and passes each tally to `onChunkDone` as it arrives; a chunk that
 * fails stops the others taking new chunks. Holds at most one chunk and one tally per worker, and
 * no list of results: the loop both worker pools share. A chunk may carry more (a sweep's point
 * and its scenario: sim/sweep.ts), handed back as it was given.
 */
export async function dispatchChunks<W, C extends TrialChunk = TrialChunk>(
  workers: readonly W[],
  chunks: Iterable<C>,
  runOne: (worker: W, chunk: C) => Promise<StrategyTallyData>,
  onChunkDone: (chunk: C, tally: StrategyTallyData) => void,
): Promise<void> {
  const pending = chunks[Symbol.iterator]();
  let failed = false;
  const drain = async (worker: W) => {
    while (!failed) {
      const next = pending.next();
      if (next.done) return;
      try {
        onChunkDone(next.value, await runOne(worker, next.value));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(workers.map(drain));
}

/** Runs on the calling thread. */
export function runScenarioSync(
  scenario: Scenario,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): RunResults {
  const compiled = compileScenario(scenario, assets, documents);
  const totals = new RunTotals(scenario);
  const total = scenario.trials * scenario.strategies.length;
  for (const chunk of planChunks(scenario)) {
    totals.add(chunk, runChunk(compiled, chunk));
    onProgress?.(totals.doneTrials, total);
  }
  return totals.results();
}

/**
 * Runs through an executor (workers); identical numbers to runScenarioSync. Each chunk's tally is
 * merged into its strategy's total as it arrives and dropped, so memory does not grow with trials
 * and the caller's thread never does one big merge (in a page that would be one long task).
 */
export async function runScenario(
  scenario: Scenario,
  executor: ChunkExecutor,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): Promise<RunResults> {
  const totals = await runScenarioTotals(scenario, executor, onProgress, assets, documents);
  return totals.results();
}

/**
 * runScenario's totals before they are summarised, for the trial indices in `range` only (each
 * strategy's): what a shard of a run (`run --shard`) writes as its partial tallies.
 */
export async function runScenarioTotals(
  scenario: Scenario,
  executor: ChunkExecutor,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
  range: TrialRange = wholeRun(scenario),
): Promise<RunTotals> {
  const totals = new RunTotals(scenario);
  const total = (range.toTrial - range.fromTrial) * scenario.strategies.length;
  await executor.run(
    scenario,
    planChunks(scenario, DEFAULT_CHUNK_TRIALS, range),
    (chunk, tally) => {
      totals.add(chunk, tally);
      onProgress?.(totals.doneTrials, total);
    },
    assets,
    documents,
  );
  return totals;
}
