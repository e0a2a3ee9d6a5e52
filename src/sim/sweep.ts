/**
 * Running a sweep: every point is a run (runPlan.ts) of its own scenario on the same trial
 * indices, and its tallies are kept per (point, strategy) as plain StrategyTallyData, the form a
 * worker sends and a run's totals merge: integer counts, so tallies of any split of the trials
 * (by chunk, worker or machine) merge to the same bits. README "Sweeps".
 */
import type { Scenario, StrategyId } from '../scenario/index.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import {
  DEFAULT_CHUNK_TRIALS,
  planChunks,
  wholeRun,
  type ChunkExecutor,
  type ProgressListener,
  type TrialRange,
} from './runPlan.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import { compileScenario } from './compile.ts';
import { StrategyTally, type StrategyTallyData } from './strategyTally.ts';
import type { SweepPlan } from './sweepPlan.ts';
import type { TwimlTexts } from './twimlFlows.ts';

/** The totals of one strategy at one point. */
export interface SweepTally {
  readonly point: number;
  readonly strategy: StrategyId;
  readonly tally: StrategyTallyData;
}

/** A chunk of one point's trials, with the point's scenario. */
export interface PointChunk extends TrialChunk {
  readonly point: number;
  readonly scenario: Scenario;
}

/**
 * Runs chunks of several scenarios (a sweep's points), each handed to the next worker that frees
 * up, so no worker waits for the last chunk of a point before starting the next point's (the Node
 * pool has it: node/workerPool.ts). Each tally goes to `onChunkDone` with its chunk.
 */
export interface PointChunkExecutor {
  runPoints(
    chunks: Iterable<PointChunk>,
    onChunkDone: (chunk: PointChunk, tally: StrategyTallyData) => void,
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): Promise<void>;
}

/**
 * Every point's chunks, point by point, made as the dispatcher asks for them: of the trial
 * indices in `range` only (a shard's, `sweep --shard`), the whole sweep's by default.
 */
export function* planPointChunks(
  plan: SweepPlan,
  range?: TrialRange,
): Generator<PointChunk, void, undefined> {
  for (const point of plan.points) {
    for (const chunk of planChunks(point.scenario, DEFAULT_CHUNK_TRIALS, range)) {
      yield { ...chunk, point: point.index, scenario: point.scenario };
    }
  }
}

/** Trials of every point and strategy (in `range`, if given): what the progress line counts. */
export function sweepTrials(plan: SweepPlan, range?: TrialRange): number {
  return plan.points.reduce((n, p) => {
    const { fromTrial, toTrial } = range ?? wholeRun(p.scenario);
    return n + (toTrial - fromTrial) * p.scenario.strategies.length;
  }, 0);
}

/**
 * The sweep's totals, one StrategyTally per (point, strategy), each chunk's tally merged in as it
 * arrives (integer addition: any order gives the same bits).
 */
export class SweepTotals {
  readonly #totals = new Map<
    string,
    { readonly point: number; readonly strategy: StrategyId; readonly total: StrategyTally }
  >();
  #doneTrials = 0;

  constructor(plan: SweepPlan) {
    for (const point of plan.points) {
      for (const strategy of point.scenario.strategies) {
        this.#totals.set(SweepTotals.#key(point.index, strategy), {
          point: point.index,
          strategy,
          total: new StrategyTally(),
        });
      }
    }
  }

  static #key(point: number, strategy: StrategyId): string {
    return `${point}\n${strategy}`;
  }

  /** Trials merged so far, over every point and strategy. */
  get doneTrials(): number {
    return this.#doneTrials;
  }

  /** Merges the tally of `trials` trials of `strategy` at `point`. */
  add(point: number, strategy: StrategyId, trials: number, tally: StrategyTallyData): void {
    const entry = this.#totals.get(SweepTotals.#key(point, strategy));
    if (!entry)
      throw new Error(`A tally of point ${point}, strategy "${strategy}", not in this sweep.`);
    entry.total.merge(StrategyTally.fromJSON(tally));
    this.#doneTrials += trials;
  }

  /** Every (point, strategy) total, points in order, strategies in the scenario's order. */
  tallies(): SweepTally[] {
    return [...this.#totals.values()].map(({ point, strategy, total }) => ({
      point,
      strategy,
      tally: total.toJSON(),
    }));
  }
}

/** Runs every point on the calling thread: the same tallies as runSweep. */
export function runSweepSync(
  plan: SweepPlan,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): SweepTally[] {
  const totals = new SweepTotals(plan);
  const total = sweepTrials(plan);
  for (const point of plan.points) {
    const compiled = compileScenario(point.scenario, assets, documents);
    for (const chunk of planChunks(point.scenario)) {
      const tally = runChunk(compiled, chunk).toJSON();
      totals.add(point.index, chunk.strategy, chunk.toTrial - chunk.fromTrial, tally);
      onProgress?.(totals.doneTrials, total);
    }
  }
  return totals.tallies();
}

/**
 * Runs every point through the executor (worker threads, Web Workers): with `runPoints`, every
 * point's chunks in one stream, so the workers stay busy from one point to the next; otherwise one
 * point after another. Identical tallies to runSweepSync either way. With `range`, only those
 * trial indices of every point and strategy (a shard's: partialTallies.ts shardTrialRange).
 */
export async function runSweep(
  plan: SweepPlan,
  executor: ChunkExecutor | (ChunkExecutor & PointChunkExecutor),
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
  range?: TrialRange,
): Promise<SweepTally[]> {
  const totals = new SweepTotals(plan);
  const total = sweepTrials(plan, range);
  const done = (point: number, chunk: TrialChunk, tally: StrategyTallyData) => {
    totals.add(point, chunk.strategy, chunk.toTrial - chunk.fromTrial, tally);
    onProgress?.(totals.doneTrials, total);
  };
  if ('runPoints' in executor) {
    await executor.runPoints(
      planPointChunks(plan, range),
      (chunk, tally) => done(chunk.point, chunk, tally),
      assets,
      documents,
    );
    return totals.tallies();
  }
  for (const point of plan.points) {
    await executor.run(
      point.scenario,
      planChunks(point.scenario, DEFAULT_CHUNK_TRIALS, range),
      (chunk, tally) => done(point.index, chunk, tally),
      assets,
      documents,
    );
  }
  return totals.tallies();
}
