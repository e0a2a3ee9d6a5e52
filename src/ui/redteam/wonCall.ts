import type { StrategyId } from '../../scenario/index.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import { isHit, type Objective } from '../../sim/greetingEvaluation.ts';
import { runAttackTrial, type AttackTrialOutcome } from '../../sim/trial.ts';

/** As far as the command line's `trial --find` looks (and Replay's "Find an intercepted call"). */
export const WON_CALL_LIMIT = 100_000;

/** An attack call a greeting won: the trial and the campaign call that was intercepted. */
export interface WonCall {
  readonly trialIndex: number;
  readonly callIndex: number;
}

/**
 * The campaign call on which an attack trial was won by `objective`, or null when it was not:
 * the first call for interception, else the first intercepted call of the campaign (more calls
 * may follow it, placed before the attacker typed its code).
 */
export function wonCallIndex(objective: Objective, outcome: AttackTrialOutcome): number | null {
  if (!isHit(objective, outcome)) return null;
  return objective === 'interception' ? 0 : outcome.calls.findIndex((call) => call.accepted);
}

/**
 * The first attack trial of `compiled` (its own seed) from `from`, among `count`, that
 * `objective` calls won, with its intercepted call; null when none is.
 */
export function findWonCall(
  compiled: CompiledScenario,
  strategy: StrategyId,
  objective: Objective,
  from: number,
  count: number,
): WonCall | null {
  for (let trialIndex = from; trialIndex < from + count; trialIndex++) {
    const callIndex = wonCallIndex(objective, runAttackTrial(compiled, strategy, trialIndex));
    if (callIndex !== null) return { trialIndex, callIndex };
  }
  return null;
}

export interface WonCallSearch {
  readonly compiled: CompiledScenario;
  readonly strategy: StrategyId;
  readonly objective: Objective;
  /** Trials to look through from trial 0 (WON_CALL_LIMIT). */
  readonly limit?: number;
  /**
   * Trials per slice of main-thread work (250); the page gets the event loop back between
   * slices. A scenario at fidelity "signal" needs far fewer: its calls cost hundreds of times more.
   */
  readonly chunk?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (searched: number) => void;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * findWonCall from trial 0 in slices, so the page stays responsive and the search can be
 * aborted (null then). The same answer as one findWonCall over the whole range.
 */
export async function findWonCallInSlices(search: WonCallSearch): Promise<WonCall | null> {
  const { compiled, strategy, objective, signal, onProgress } = search;
  const limit = search.limit ?? WON_CALL_LIMIT;
  const chunk = search.chunk ?? 250;
  for (let from = 0; from < limit; from += chunk) {
    if (signal?.aborted) return null;
    const size = Math.min(chunk, limit - from);
    const found = findWonCall(compiled, strategy, objective, from, size);
    if (found !== null) return found;
    onProgress?.(from + size);
    await yieldToPage();
  }
  return null;
}
