/**
 * A sweep's figures: every point's results as `run` reports them, each rate with its 95%
 * interval (Wilson; end-to-end is the exact compromise rate times campaign interception and its
 * interval) and the median time to the code with its distribution-free interval. README "Sweeps".
 */
import { voicemailCompromise } from '../attacker/index.ts';
import { msToSeconds, type Seconds } from '../core/units.ts';
import type { StrategyId, SweepAxis } from '../scenario/index.ts';
import { summarizeTally, type StrategyResult } from './results.ts';
import { StrategyTally } from './strategyTally.ts';
import type { SweepTally } from './sweep.ts';
import type { SweepPlan } from './sweepPlan.ts';

type Pair = readonly [number, number];

/** A strategy's results at one point: `run`'s, and an interval for every rate and the median. */
export interface SweepStrategyResult extends StrategyResult {
  readonly leakCi95: Pair;
  readonly endToEndCi95: Pair;
  readonly abandonCi95: Pair;
  /** Distribution-free 95% interval of legitMedianSecondsToCode; null when no owner got in. */
  readonly legitMedianSecondsToCodeCi95: readonly [Seconds, Seconds] | null;
}

/** One dimension as reported: its field and its values. */
export interface SweepAxisReport {
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly step: number;
  readonly values: readonly number[];
}

export interface SweepPointResult {
  readonly index: number;
  /** Each dimension's value at this point, by its path as written. */
  readonly values: Readonly<Record<string, number>>;
  /** Exact chance the attacker gets into the voicemail box at this point. */
  readonly compromiseRate: number;
  readonly strategies: Readonly<Record<StrategyId, SweepStrategyResult>>;
}

export interface SweepResults {
  readonly scenario: string;
  readonly seed: number;
  readonly trials: number;
  readonly strategies: readonly StrategyId[];
  readonly axes: readonly SweepAxisReport[];
  readonly points: readonly SweepPointResult[];
}

const pair = (i: { low: number; high: number }): Pair => [i.low, i.high];

/** `run`'s summary of a tally, with the intervals a sweep adds. */
export function summarizeSweepTally(
  tally: StrategyTally,
  compromiseRate: number,
): SweepStrategyResult {
  const result = summarizeTally(tally, compromiseRate);
  const campaign = result.campaignInterceptionCi95;
  const median = tally.legitTimeToCode.medianInterval();
  return {
    ...result,
    leakCi95: pair(tally.leak.interval()),
    endToEndCi95: [compromiseRate * campaign[0], compromiseRate * campaign[1]],
    abandonCi95: pair(tally.abandon.interval()),
    legitMedianSecondsToCodeCi95: median && [msToSeconds(median[0]), msToSeconds(median[1])],
  };
}

export function axisReport(axis: SweepAxis): SweepAxisReport {
  return { path: axis.path, from: axis.from, to: axis.to, step: axis.step, values: axis.values };
}

/** The sweep's tallies summarised, point by point. */
export function sweepResults(plan: SweepPlan, tallies: readonly SweepTally[]): SweepResults {
  const byPoint = new Map<number, SweepTally[]>();
  for (const t of tallies) byPoint.set(t.point, [...(byPoint.get(t.point) ?? []), t]);
  const { base } = plan;
  return {
    scenario: base.name,
    seed: base.seed,
    trials: base.trials,
    strategies: base.strategies,
    axes: plan.axes.map(axisReport),
    points: plan.points.map((point) => {
      const { pin } = point.scenario.voicemail;
      const compromiseRate = voicemailCompromise(pin, point.scenario.attacker.guessBudget).rate;
      const strategies: Record<StrategyId, SweepStrategyResult> = {};
      for (const t of byPoint.get(point.index) ?? []) {
        strategies[t.strategy] = summarizeSweepTally(
          StrategyTally.fromJSON(t.tally),
          compromiseRate,
        );
      }
      return {
        index: point.index,
        values: Object.fromEntries(plan.axes.map((axis, i) => [axis.path, point.values[i]!])),
        compromiseRate,
        strategies,
      };
    }),
  };
}
