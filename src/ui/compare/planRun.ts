import { formatIssues, MAX_TRIALS, ScenarioError, type Scenario } from '../../scenario/index.ts';
import { MAX_SEED } from '../../scenario/trialLimits.ts';
import type { TrialChunk } from '../../sim/runChunk.ts';
import { applyOverrides, type RunOverrides } from '../../sim/runPlan.ts';

export type RunPlan =
  | { readonly ok: true; readonly scenario: Scenario; readonly overridden: boolean }
  | { readonly ok: false; readonly blockedBy: 'scenario' | 'settings'; readonly reason: string };

function wholeNumber(text: string, name: string, min: number, max: number): number | string {
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= min && value <= max) return value;
  return `${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}; got “${text}”.`;
}

/**
 * The scenario a Run would simulate: the workbench's valid scenario with the trials and seed
 * fields applied (empty means the scenario's own), or why Run is refused.
 */
export function planRun(scenario: Scenario | null, trialsText: string, seedText: string): RunPlan {
  if (!scenario) {
    return {
      ok: false,
      blockedBy: 'scenario',
      reason:
        'The scenario has errors, so there is nothing valid to run. Fix them in the Scenario view.',
    };
  }
  const overrides: { -readonly [K in keyof RunOverrides]: RunOverrides[K] } = {};
  const problems: string[] = [];
  if (trialsText.trim() !== '') {
    const trials = wholeNumber(trialsText.trim(), 'Trials per strategy', 1, MAX_TRIALS);
    if (typeof trials === 'string') problems.push(trials);
    else if (trials !== scenario.trials) overrides.trials = trials;
  }
  if (seedText.trim() !== '') {
    const seed = wholeNumber(seedText.trim(), 'Seed', 0, MAX_SEED);
    if (typeof seed === 'string') problems.push(seed);
    else if (seed !== scenario.seed) overrides.seed = seed;
  }
  if (problems.length > 0) return { ok: false, blockedBy: 'settings', reason: problems.join(' ') };
  if (Object.keys(overrides).length === 0) return { ok: true, scenario, overridden: false };
  try {
    return { ok: true, scenario: applyOverrides(scenario, overrides), overridden: true };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ok: false,
      blockedBy: 'settings',
      reason: formatIssues(error.issues, error.moreIssues),
    };
  }
}

/** Trials in each strategy's first chunk: small, so every strategy has an estimate at once. */
export const FIRST_CHUNK_TRIALS = 250;
/** The largest chunk: big enough to amortise a message, small enough that workers end together. */
export const LARGEST_CHUNK_TRIALS = 1000;

/**
 * The run cut for streaming: round by round, one chunk of each strategy in turn, the first of
 * FIRST_CHUNK_TRIALS trials and each round's twice the last up to LARGEST_CHUNK_TRIALS. Every
 * strategy thus has an estimate after the first round, and the estimate narrows as rounds arrive.
 * The chunks cover each strategy's trials 0 … trials − 1 exactly once, so the merged tallies are
 * those of any other cut (a trial is a pure function of scenario, strategy, seed and index).
 */
export function* streamingChunks(
  scenario: Pick<Scenario, 'strategies' | 'trials'>,
  first = FIRST_CHUNK_TRIALS,
  largest = LARGEST_CHUNK_TRIALS,
): Generator<TrialChunk, void, undefined> {
  let size = Math.min(first, largest);
  for (let from = 0; from < scenario.trials; from += size, size = Math.min(size * 2, largest)) {
    const to = Math.min(scenario.trials, from + size);
    for (const strategy of scenario.strategies) yield { strategy, fromTrial: from, toTrial: to };
  }
}

/** How many chunks streamingChunks yields, counted without making them. */
export function streamingChunkCount(
  scenario: Pick<Scenario, 'strategies' | 'trials'>,
  first = FIRST_CHUNK_TRIALS,
  largest = LARGEST_CHUNK_TRIALS,
): number {
  let rounds = 0;
  let from = 0;
  let size = Math.min(first, largest);
  for (; from < scenario.trials && size < largest; from += size, size = Math.min(size * 2, largest))
    rounds++;
  if (from < scenario.trials) rounds += Math.ceil((scenario.trials - from) / largest);
  return scenario.strategies.length * rounds;
}
