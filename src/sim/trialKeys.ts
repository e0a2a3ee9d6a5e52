import { createRng, hashString, type Rng } from '../core/rng.ts';
import type { StrategyId } from '../scenario/index.ts';

/** The two kinds of trial run for every strategy. */
export type TrialKind = 'attack' | 'legit';

const KIND_KEY: Record<TrialKind, number> = { attack: 1, legit: 2 };

/**
 * A trial's own random stream: a pure function of (seed, strategy, kind, trial index), so a
 * trial replays alone and gives the same draws on any worker in any runtime.
 */
export function trialRng(
  seed: number,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
): Rng {
  return createRng(seed, hashString(strategy), KIND_KEY[kind], trialIndex);
}
