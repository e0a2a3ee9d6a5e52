import type { Scenario, StrategyId } from '../scenario/index.ts';
import type { RunResults } from '../sim/results.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import { RunTotals, type ChunkExecutor } from '../sim/runPlan.ts';
import type { StrategyTallyData } from '../sim/strategyTally.ts';

/** Where a streaming run stands after a chunk is merged. */
export interface StreamProgress {
  /** Trials merged so far, over all strategies. */
  readonly doneTrials: number;
  readonly totalTrials: number;
  /** Whether every strategy has at least one chunk merged, so an estimate covers them all. */
  readonly everyStrategyStarted: boolean;
  /**
   * The results of the trials merged by the time it is called, made only when asked (a caller
   * showing them a few times a second need not pay for every chunk). `trials` is the fewest
   * merged for a strategy; each strategy's own count is in its `trials`.
   */
  estimate(): RunResults;
}

export type StreamListener = (progress: StreamProgress) => void;

/** A run's totals that can also be read part-way, with the trials each strategy has so far. */
class StreamTotals {
  readonly #totals: RunTotals;
  readonly #perStrategy: Map<StrategyId, number>;

  constructor(scenario: Scenario) {
    this.#totals = new RunTotals(scenario);
    this.#perStrategy = new Map(scenario.strategies.map((id) => [id, 0]));
  }

  add(chunk: TrialChunk, tally: StrategyTallyData): void {
    this.#totals.add(chunk, tally);
    const before = this.#perStrategy.get(chunk.strategy) ?? 0;
    this.#perStrategy.set(chunk.strategy, before + chunk.toTrial - chunk.fromTrial);
  }

  get doneTrials(): number {
    return this.#totals.doneTrials;
  }

  get fewestTrials(): number {
    return Math.min(...this.#perStrategy.values());
  }

  results(): RunResults {
    return this.#totals.results();
  }
}

/**
 * Runs `chunks` of `scenario` on `executor`, merging each tally as it arrives exactly as the
 * command line does (RunTotals: integer addition, any order), and tells `onProgress` after each
 * merge. Resolves with the final results: the same as any other cut of the same trials.
 */
export async function runStreaming(
  scenario: Scenario,
  executor: ChunkExecutor,
  chunks: Iterable<TrialChunk>,
  onProgress: StreamListener,
): Promise<RunResults> {
  const totals = new StreamTotals(scenario);
  const totalTrials = scenario.trials * scenario.strategies.length;
  await executor.run(scenario, chunks, (chunk, tally) => {
    totals.add(chunk, tally);
    onProgress({
      doneTrials: totals.doneTrials,
      totalTrials,
      everyStrategyStarted: totals.fewestTrials > 0,
      estimate: () => ({ ...totals.results(), trials: totals.fewestTrials }),
    });
  });
  return totals.results();
}
