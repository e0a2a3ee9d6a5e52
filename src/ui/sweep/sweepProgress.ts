import type { SweepTally } from '../../sim/sweep.ts';
import type { SweepPlan } from '../../sim/sweepPlan.ts';
import { sweepResults, type SweepPointResult, type SweepResults } from '../../sim/sweepResults.ts';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Where a sweep stands, as the store counts it. */
export interface SweepProgress {
  readonly status: SweepStatus;
  readonly donePoints: number;
  readonly totalPoints: number;
  readonly doneTrials: number;
  readonly totalTrials: number;
  readonly workers: number;
}

/** What the status line shows: a sentence, and the bar's fraction (null: no bar). */
export interface SweepProgressView {
  readonly text: string;
  readonly fraction: number | null;
}

const count = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** The status line of a sweep: points and trials done, on how many workers, or how it ended. */
export function sweepProgressView(p: SweepProgress): SweepProgressView {
  const points = `${count(p.donePoints)} of ${plural(p.totalPoints, 'point')}`;
  switch (p.status) {
    case 'idle':
      return { text: 'No sweep run yet.', fraction: null };
    case 'running':
      return {
        text: `Running: ${points} done, ${count(p.doneTrials)} of ${count(p.totalTrials)} trials, on ${plural(p.workers, 'worker')}.`,
        fraction: p.totalTrials === 0 ? 0 : p.doneTrials / p.totalTrials,
      };
    case 'done':
      return {
        text: `Done: ${plural(p.totalPoints, 'point')}, ${count(p.totalTrials)} trials.`,
        fraction: null,
      };
    case 'cancelled':
      return { text: `Cancelled after ${points}; those are shown.`, fraction: null };
    case 'failed':
      return { text: `The sweep failed after ${points}.`, fraction: null };
  }
}

/** Trials of one point, over its strategies: each is an attack campaign and a legit call. */
export function pointTrials(plan: SweepPlan, index: number): number {
  const { scenario } = plan.points[index]!;
  return scenario.trials * scenario.strategies.length;
}

/** One finished point's figures, as sweepResults gives them for the whole sweep. */
export function pointResult(
  plan: SweepPlan,
  index: number,
  tallies: readonly SweepTally[],
): SweepPointResult {
  const single = { ...plan, points: [plan.points[index]!] };
  return sweepResults(single, tallies).points[0]!;
}

/**
 * The sweep's results so far: the points finished (points run in order, so they are the first
 * ones and each keeps its index as its place), with the sweep's axes, seed, trials and strategies.
 */
export function partialResults(
  plan: SweepPlan,
  finished: readonly SweepPointResult[],
): SweepResults {
  const empty = sweepResults({ ...plan, points: [] }, []);
  return { ...empty, points: [...finished] };
}
