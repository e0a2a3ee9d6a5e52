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

const SIGNAL_KEY = hashString('signal');

/**
 * The trial's stream for rendering audio at signal level. Apart from trialRng, so a trial draws
 * the same circumstances (who answers, when, which digit) at event and at signal level.
 */
export function trialSignalRng(
  seed: number,
  strategy: StrategyId,
  kind: TrialKind,
  trialIndex: number,
): Rng {
  return createRng(seed, hashString(strategy), KIND_KEY[kind], trialIndex, SIGNAL_KEY);
}
