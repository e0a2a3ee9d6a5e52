import type { StrategyId } from '../../scenario/index.ts';
import type { RunResults, StrategyResult } from '../../sim/results.ts';

/**
 * A rate as a person says it: two significant figures or so ("98%", "9.6%", "0.51%"), never
 * rounded up to 100% or down to 0% unless it is exactly that.
 */
export function roughPercent(rate: number): string {
  const p = rate * 100;
  if (p === 0 || p === 100) return `${p}%`;
  if (p >= 99.5) return `${(Math.floor(p * 10) / 10).toFixed(1)}%`;
  if (p >= 10) return `${Math.round(p)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  return `${Number(p.toPrecision(2))}%`;
}

/** A difference of two rates in percentage points, one decimal: "1.9 points". */
function points(difference: number): string {
  const p = difference * 100;
  return p < 0.05 ? 'under 0.1 points' : `${p.toFixed(1)} points`;
}

interface Ranked {
  readonly id: StrategyId;
  readonly r: StrategyResult;
}

/** Lower first-call interception first; then lower campaign interception, then higher success. */
function safer(a: Ranked, b: Ranked): number {
  return (
    a.r.interceptionRate - b.r.interceptionRate ||
    a.r.campaignInterceptionRate - b.r.campaignInterceptionRate ||
    b.r.legitSuccessRate - a.r.legitSuccessRate
  );
}

function campaignClause(r: StrategyResult, campaignCalls: number): string {
  return campaignCalls > 1
    ? ` — ${roughPercent(r.campaignInterceptionRate)} over a ${campaignCalls}-call campaign —`
    : '';
}

function costClause(best: StrategyResult, baseline: StrategyResult): string {
  const abandon = `${roughPercent(best.abandonRate)} abandonment`;
  const lost = baseline.legitSuccessRate - best.legitSuccessRate;
  if (lost > 0) return `for ${points(lost)} of owner success and ${abandon}`;
  if (lost < 0) return `while raising owner success by ${points(-lost)}, with ${abandon}`;
  return `with no loss of owner success and ${abandon}`;
}

function single({ id, r }: Ranked, campaignCalls: number): string {
  const campaign =
    campaignCalls > 1
      ? ` (${roughPercent(r.campaignInterceptionRate)} over a ${campaignCalls}-call campaign)`
      : '';
  return (
    `${id}: the attacker intercepts ${roughPercent(r.interceptionRate)} of first calls${campaign}; ` +
    `${roughPercent(r.legitSuccessRate)} of owners get the code, ` +
    `${roughPercent(r.abandonRate)} abandon.`
  );
}

/**
 * The run in one sentence: the strategy with the lowest first-call interception against the one
 * with the highest (the weakest baseline), what it leaves over a campaign of `campaignCalls`
 * calls, and what it costs owners (success lost in points, its own abandonment). True for any
 * results: one strategy, or none better than another.
 */
export function headline(results: RunResults, campaignCalls: number): string {
  const ranked: Ranked[] = Object.entries(results.strategies).map(([id, r]) => ({ id, r }));
  if (ranked.length === 0) return 'No strategies were run.';
  const bySafety = [...ranked].sort(safer);
  const best = bySafety[0]!;
  const baseline = bySafety.at(-1)!;
  if (ranked.length === 1) return single(best, campaignCalls);
  if (best.r.interceptionRate === baseline.r.interceptionRate) {
    return (
      `No strategy cuts first-call interception: it is ${roughPercent(best.r.interceptionRate)} ` +
      `for each of the ${ranked.length}.`
    );
  }
  return (
    `${best.id} cuts first-call interception from ${roughPercent(baseline.r.interceptionRate)} ` +
    `(${baseline.id}) to ${roughPercent(best.r.interceptionRate)}` +
    `${campaignClause(best.r, campaignCalls)} ${costClause(best.r, baseline.r)}.`
  );
}
