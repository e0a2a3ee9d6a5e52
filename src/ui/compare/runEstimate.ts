import { runCost, type Scenario } from '../../scenario/index.ts';

/**
 * Page milliseconds per second of runCost's CPU estimate, per worker, before any run in this page
 * has measured it: the default Compare run (20,000 trials, runCost 6.72 CPU s at 14 µs a call)
 * gave its final results 1.2 s after Run on 2 workers in Chromium (README: Compare in the
 * browser, `bench/compare.browser.ts` on the quiet development machine), about 0.36 ms of page
 * time per estimated CPU ms and worker.
 */
export const DEFAULT_MS_PER_COST_SECOND = 360;

/** A run longer than this asks first. */
export const CONFIRM_ABOVE_MS = 60_000;

/** Runs shorter than this say little about throughput: starting the workers dominates them. */
const MIN_CALIBRATION_MS = 1000;

/**
 * How long a run of `scenario` on `workers` workers should take, in ms: runCost's CPU estimate
 * (src/scenario/runBounds.ts) scaled by the page's measured cost of it (`msPerCostSecond`).
 */
export function predictRunMs(
  scenario: Scenario,
  workers: number,
  msPerCostSecond = DEFAULT_MS_PER_COST_SECOND,
): number {
  return (runCost(scenario).cpuSeconds * msPerCostSecond) / Math.max(1, workers);
}

/**
 * The page's cost per second of runCost's estimate, from a finished run that took `elapsedMs`
 * on `workers`; null for a run too short to say (its time is mostly start-up).
 */
export function calibrate(scenario: Scenario, workers: number, elapsedMs: number): number | null {
  const cpuSeconds = runCost(scenario).cpuSeconds;
  if (elapsedMs < MIN_CALIBRATION_MS || cpuSeconds <= 0) return null;
  return (elapsedMs * Math.max(1, workers)) / cpuSeconds;
}

/**
 * Time left in ms at the throughput measured so far (trials done over time taken); null before
 * any trial is done.
 */
export function remainingMs(
  doneTrials: number,
  totalTrials: number,
  elapsedMs: number,
): number | null {
  if (doneTrials <= 0) return null;
  return Math.max(0, ((totalTrials - doneTrials) * elapsedMs) / doneTrials);
}

/** The most trials per strategy that fit in `budgetMs` at the predicted pace, two figures, ≥ 1. */
export function trialsWithin(
  scenario: Scenario,
  workers: number,
  budgetMs: number,
  msPerCostSecond = DEFAULT_MS_PER_COST_SECOND,
): number {
  const perTrialMs = predictRunMs({ ...scenario, trials: 1 }, workers, msPerCostSecond);
  const fit = Math.floor(budgetMs / perTrialMs);
  if (fit < 100) return Math.max(1, fit);
  const unit = 10 ** (Math.floor(Math.log10(fit)) - 1);
  return Math.floor(fit / unit) * unit;
}

/** A duration as a person says it: "under a second", "about 12 s", "about 3 min", "about 2 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under a second';
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `about ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${minutes} min`;
  return `about ${(minutes / 60).toFixed(1)} h`;
}
