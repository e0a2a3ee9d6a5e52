/**
 * The security–usability frontier (the Pareto set) of a sweep: the settings no other setting
 * beats on both security (a rate the attacker gets the code: lower is better) and usability
 * (owner success: higher is better; or median time to the code: lower is better). README
 * "Sweeps", The frontier.
 */
import type { StrategyId } from '../scenario/index.ts';
import type { SweepResults, SweepStrategyResult } from './sweepResults.ts';

/** Which rate is security: first-call interception, campaign interception or end-to-end. */
export type SecurityObjective = 'interception' | 'campaign' | 'end-to-end';
/** Which figure is usability: owner success, or median time to the code. */
export type UsabilityObjective = 'legit-success' | 'time-to-code';

export const SECURITY_OBJECTIVES: readonly SecurityObjective[] = [
  'interception',
  'campaign',
  'end-to-end',
];
export const USABILITY_OBJECTIVES: readonly UsabilityObjective[] = [
  'legit-success',
  'time-to-code',
];

/** A candidate's two figures: security (lower is better) and usability, null when it has none. */
export interface Tradeoff {
  readonly security: number;
  readonly usability: number | null;
}

/** Higher usability is better (success) or lower is (time). */
export type UsabilityDirection = 'higher' | 'lower';

/**
 * Usability as a figure where higher is better; no value (no owner got the code, so no median
 * time) is worse than any value.
 */
function usabilityScore(t: Tradeoff, direction: UsabilityDirection): number {
  if (t.usability === null) return -Infinity;
  return direction === 'higher' ? t.usability : -t.usability;
}

/**
 * `a` dominates `b`: at least as good on both figures and better on one. Equal candidates do not
 * dominate each other.
 */
export function dominates(a: Tradeoff, b: Tradeoff, direction: UsabilityDirection): boolean {
  const [ua, ub] = [usabilityScore(a, direction), usabilityScore(b, direction)];
  return a.security <= b.security && ua >= ub && (a.security < b.security || ua > ub);
}

/**
 * Which candidates are on the frontier, as flags in their order: those no other candidate
 * dominates. Ties: candidates with the same two figures are all on it or all off it; of those
 * with the same security only the best usability can be on it, and of those with the same
 * usability only the lowest security. Sorting by security, then usability best first, and
 * keeping a group whose best usability beats every lower security's: O(n log n).
 */
export function frontierFlags(
  candidates: readonly Tradeoff[],
  direction: UsabilityDirection,
): boolean[] {
  const order = candidates
    .map((t, i) => ({ i, s: t.security, u: usabilityScore(t, direction) }))
    .sort((a, b) => a.s - b.s || b.u - a.u || a.i - b.i);
  const flags = candidates.map(() => false);
  let bestBelow: number | null = null;
  for (let g = 0; g < order.length;) {
    const groupSecurity = order[g]!.s;
    const groupBest = order[g]!.u;
    const onFrontier = bestBelow === null || groupBest > bestBelow;
    for (; g < order.length && order[g]!.s === groupSecurity; g++) {
      if (onFrontier && order[g]!.u === groupBest) flags[order[g]!.i] = true;
    }
    if (bestBelow === null || groupBest > bestBelow) bestBelow = groupBest;
  }
  return flags;
}

/** A strategy's security figure at a point. */
export function securityOf(r: SweepStrategyResult, objective: SecurityObjective): number {
  if (objective === 'interception') return r.interceptionRate;
  if (objective === 'campaign') return r.campaignInterceptionRate;
  return r.endToEndRate;
}

/** A strategy's usability figure at a point (null: no owner got the code). */
export function usabilityOf(r: SweepStrategyResult, objective: UsabilityObjective): number | null {
  return objective === 'legit-success' ? r.legitSuccessRate : r.legitMedianSecondsToCode;
}

export function usabilityDirection(objective: UsabilityObjective): UsabilityDirection {
  return objective === 'legit-success' ? 'higher' : 'lower';
}

/** A (point, strategy) pair on a frontier. */
export interface FrontierMember {
  readonly point: number;
  readonly strategy: StrategyId;
}

export interface SweepFrontier {
  readonly security: SecurityObjective;
  readonly usability: UsabilityObjective;
  /** Each strategy's frontier over the points: point indices, in point order. */
  readonly byStrategy: Readonly<Record<StrategyId, readonly number[]>>;
  /** The frontier over every (point, strategy) pair, in point then strategy order. */
  readonly overall: readonly FrontierMember[];
}

/** The frontier of each strategy over the points, and over every strategy together. */
export function sweepFrontier(
  results: SweepResults,
  security: SecurityObjective,
  usability: UsabilityObjective,
): SweepFrontier {
  const direction = usabilityDirection(usability);
  const members = results.points.flatMap((p) =>
    results.strategies
      .filter((strategy) => p.strategies[strategy] !== undefined)
      .map((strategy) => ({ point: p.index, strategy, result: p.strategies[strategy]! })),
  );
  const tradeoffs = members.map((m) => ({
    security: securityOf(m.result, security),
    usability: usabilityOf(m.result, usability),
  }));
  const overallFlags = frontierFlags(tradeoffs, direction);
  const byStrategy: Record<StrategyId, number[]> = {};
  for (const strategy of results.strategies) {
    const own = members.flatMap((m, i) => (m.strategy === strategy ? [i] : []));
    const flags = frontierFlags(
      own.map((i) => tradeoffs[i]!),
      direction,
    );
    byStrategy[strategy] = own.filter((_, k) => flags[k]).map((i) => members[i]!.point);
  }
  return {
    security,
    usability,
    byStrategy,
    overall: members
      .filter((_, i) => overallFlags[i])
      .map(({ point, strategy }) => ({ point, strategy })),
  };
}
