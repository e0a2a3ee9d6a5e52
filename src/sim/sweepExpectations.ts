/**
 * A sweep's thresholds (the scenario's `sweep.expect`): "some" point meets every bound of a rule
 * at once, or "every" point meets them. When one fails, the points nearest to passing (some) or
 * furthest from it (every) say why. README "Sweeps", Thresholds on a sweep.
 */
import type { MetricBounds, MetricName, StrategyId, SweepExpectation } from '../scenario/index.ts';
import type { SweepResults, SweepStrategyResult } from './sweepResults.ts';

/** How many points a failed check lists. */
export const LISTED_POINTS = 3;

/** One bound a point misses. */
export interface BoundMiss {
  readonly metric: MetricName;
  readonly bound: 'min' | 'max';
  readonly limit: number;
  readonly actual: number | null;
}

/** A point as a check sees it: the bounds it misses, and by how much in all. */
export interface PointVerdict {
  readonly point: number;
  readonly misses: readonly BoundMiss[];
  /**
   * How far from meeting every bound: the sum of each miss, rates in absolute terms (0.02 is two
   * points of percent) and seconds relative to their limit; Infinity when a figure has no value.
   */
  readonly distance: number;
}

export interface SweepCheck {
  /** The rule's place in `sweep.expect`. */
  readonly rule: number;
  readonly strategy: StrategyId;
  readonly kind: 'some' | 'every';
  readonly bounds: MetricBounds;
  readonly passed: boolean;
  /**
   * some: the points that meet every bound when it passed, else the LISTED_POINTS closest to it;
   * every: the LISTED_POINTS furthest from it when it failed, else none.
   */
  readonly points: readonly PointVerdict[];
}

/** Metrics in seconds: a miss counts relative to the limit, so it weighs like a rate's. */
const SECONDS_METRICS: ReadonlySet<MetricName> = new Set([
  'legitMedianSecondsToCode',
  'meanCallSeconds',
]);

/** How much `actual` misses a bound by, in the units `distance` adds up. */
function missSize(metric: MetricName, limit: number, actual: number | null): number {
  if (actual === null) return Infinity;
  const miss = Math.abs(actual - limit);
  return SECONDS_METRICS.has(metric) ? miss / Math.max(Math.abs(limit), 1e-9) : miss;
}

/** The bounds a strategy's result at a point misses (null figures miss every bound on them). */
export function pointVerdict(
  point: number,
  result: SweepStrategyResult,
  bounds: MetricBounds,
): PointVerdict {
  const misses: BoundMiss[] = [];
  for (const [metric, bound] of Object.entries(bounds) as [
    MetricName,
    { min?: number; max?: number },
  ][]) {
    const actual = result[metric];
    if (bound.min !== undefined && !(actual !== null && actual >= bound.min))
      misses.push({ metric, bound: 'min', limit: bound.min, actual });
    if (bound.max !== undefined && !(actual !== null && actual <= bound.max))
      misses.push({ metric, bound: 'max', limit: bound.max, actual });
  }
  const distance = misses.reduce((d, m) => d + missSize(m.metric, m.limit, m.actual), 0);
  return { point, misses, distance };
}

/** Fewer bounds missed, then the smaller total miss, orders first. */
function nearer(a: PointVerdict, b: PointVerdict): number {
  return (
    a.misses.length - b.misses.length ||
    (a.distance === b.distance ? 0 : a.distance < b.distance ? -1 : 1)
  );
}

/** Nearest to meeting every bound first; the earliest point of equals first. */
function closestFirst(a: PointVerdict, b: PointVerdict): number {
  return nearer(a, b) || a.point - b.point;
}

/** Furthest from meeting them first; the earliest point of equals first. */
function furthestFirst(a: PointVerdict, b: PointVerdict): number {
  return nearer(b, a) || a.point - b.point;
}

/** Checks every rule; a rule for "all" is checked for each strategy the sweep ran. */
export function checkSweepExpectations(
  rules: readonly SweepExpectation[],
  results: SweepResults,
): SweepCheck[] {
  return rules.flatMap((rule, index) => {
    const kind = rule.some !== undefined ? 'some' : 'every';
    const bounds = (rule.some ?? rule.every)!;
    const strategies = rule.strategy === 'all' ? results.strategies : [rule.strategy];
    return strategies
      .filter((s) => results.strategies.includes(s))
      .map((strategy) => {
        const verdicts = results.points.map((p) =>
          pointVerdict(p.index, p.strategies[strategy]!, bounds),
        );
        const meeting = verdicts.filter((v) => v.misses.length === 0);
        const missing = verdicts.filter((v) => v.misses.length > 0);
        const passed = kind === 'some' ? meeting.length > 0 : missing.length === 0;
        const points =
          kind === 'some'
            ? passed
              ? meeting
              : [...verdicts].sort(closestFirst).slice(0, LISTED_POINTS)
            : [...missing].sort(furthestFirst).slice(0, LISTED_POINTS);
        return { rule: index, strategy, kind, bounds, passed, points };
      });
  });
}

/** "interceptionRate ≤ 0.05 and legitSuccessRate ≥ 0.9": a rule's bounds in words. */
export function describeBounds(bounds: MetricBounds): string {
  return Object.entries(bounds)
    .flatMap(([metric, bound]) => [
      ...(bound?.min !== undefined ? [`${metric} ≥ ${bound.min}`] : []),
      ...(bound?.max !== undefined ? [`${metric} ≤ ${bound.max}`] : []),
    ])
    .join(' and ');
}

/** A miss in words: "interceptionRate = 0.0712 (≤ 0.05)". */
export function describeMiss(miss: BoundMiss): string {
  const actual = miss.actual === null ? 'no value' : String(Math.round(miss.actual * 1e6) / 1e6);
  return `${miss.metric} = ${actual} (${miss.bound === 'min' ? '≥' : '≤'} ${miss.limit})`;
}

/** The check in one line: "some point of amd: interceptionRate ≤ 0.05 and …". */
export function describeSweepCheck(check: SweepCheck): string {
  return `${check.kind} point of ${check.strategy}: ${describeBounds(check.bounds)}`;
}
