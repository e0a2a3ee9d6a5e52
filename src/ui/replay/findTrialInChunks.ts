import type { StrategyId } from '../../scenario/index.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import { findTrial } from '../../sim/replay.ts';
import type { AttackTrialOutcome, LegitTrialOutcome } from '../../sim/trial.ts';
import type { TrialKind } from '../../sim/trialKeys.ts';

export interface TrialSearch {
  readonly compiled: CompiledScenario;
  readonly strategy: StrategyId;
  readonly kind: TrialKind;
  readonly matches: (outcome: AttackTrialOutcome | LegitTrialOutcome) => boolean;
  readonly from: number;
  /** Trials to search, as the CLI's `trial --find` (100,000). */
  readonly limit: number;
  /** Trials per slice of main-thread work; the page gets the event loop back between slices. */
  readonly chunk?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (searched: number) => void;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * findTrial in slices, so a long search (a flow that is never intercepted) keeps the page
 * responsive and can be cancelled. Same answer as one findTrial over the whole range.
 */
export async function findTrialInChunks(search: TrialSearch): Promise<number | null> {
  const { compiled, strategy, kind, matches, from, limit, signal, onProgress } = search;
  const chunk = search.chunk ?? 250;
  for (let start = from; start < from + limit; start += chunk) {
    if (signal?.aborted) return null;
    const size = Math.min(chunk, from + limit - start);
    const found = findTrial(compiled, strategy, kind, matches, start, size);
    if (found !== null) return found;
    onProgress?.(start + size - from);
    await yieldToPage();
  }
  return null;
}
