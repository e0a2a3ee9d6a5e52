/**
 * Running a sweep: every point is a run (runPlan.ts) of its own scenario on the same trial
 * indices, and its tallies are kept per (point, strategy) as plain StrategyTallyData, the form a
 * worker sends and a run's totals merge: integer counts, so tallies of any split of the trials
 * (by chunk, worker or machine) merge to the same bits. README "Sweeps".
 */
import type { StrategyId } from '../scenario/index.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { planChunks, type ChunkExecutor, type ProgressListener } from './runPlan.ts';
import { runChunk } from './runChunk.ts';
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

/** Trials of every point and strategy: what the progress line counts. */
export function sweepTrials(plan: SweepPlan): number {
  return plan.points.reduce((n, p) => n + p.scenario.trials * p.scenario.strategies.length, 0);
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
 * Runs every point through the executor (worker threads, Web Workers), one point after another
 * so each worker compiles each point's scenario once; identical tallies to runSweepSync.
 */
export async function runSweep(
  plan: SweepPlan,
  executor: ChunkExecutor,
  onProgress?: ProgressListener,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): Promise<SweepTally[]> {
  const totals = new SweepTotals(plan);
  const total = sweepTrials(plan);
  for (const point of plan.points) {
    await executor.run(
      point.scenario,
      planChunks(point.scenario),
      (chunk, tally) => {
        totals.add(point.index, chunk.strategy, chunk.toTrial - chunk.fromTrial, tally);
        onProgress?.(totals.doneTrials, total);
      },
      assets,
      documents,
    );
  }
  return totals.tallies();
}
