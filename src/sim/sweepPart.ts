/**
 * A sweep's partial tallies (`sweep --shard i/n --out part.json`; README "Splitting a run across
 * machines"): what a sweep's part file holds beyond a run's, its `plan` (the dimensions and the
 * frontier's objectives) and one point per setting keyed by the dimensions' values, and the
 * sweep's tallies a merge of the parts gives back.
 */
import type { ScenarioIssue, SweepAxisSpec } from '../scenario/index.ts';
import type { PathKey } from '../scenario/jsonPath.ts';
import {
  SECURITY_OBJECTIVES,
  USABILITY_OBJECTIVES,
  type SecurityObjective,
  type UsabilityObjective,
} from './frontier.ts';
import {
  canonicalJson,
  type MergedTallies,
  type PointKey,
  type PointTallies,
} from './partialTallies.ts';
import type { StrategyTallyData } from './strategyTally.ts';
import type { SweepTally } from './sweep.ts';
import type { SweepPlan, SweepPoint } from './sweepPlan.ts';
import { IssueCollector } from './tallyDataIssues.ts';

/**
 * A sweep part's `plan`: the dimensions swept (from `--vary` or the scenario's `sweep.vary`, as
 * resolved) and the frontier's objectives (`--objective`, `--usability`). The scenario (with its
 * seed, trials, strategies and `sweep.expect`) is the file's own `scenario`.
 */
export interface SweepPartPlan {
  readonly vary: readonly SweepAxisSpec[];
  readonly objective: SecurityObjective;
  readonly usability: UsabilityObjective;
}

/** The `plan` a sweep's part file records. */
export function sweepPartPlan(
  plan: SweepPlan,
  objective: SecurityObjective,
  usability: UsabilityObjective,
): SweepPartPlan {
  const vary = plan.axes.map(({ path, from, to, step }) => ({ path, from, to, step }));
  return { vary, objective, usability };
}

/** A point of the sweep as a part keys it: each dimension's value by its path. */
export function sweepPointKey(plan: SweepPlan, point: SweepPoint): PointKey {
  return Object.fromEntries(plan.axes.map((axis, i) => [axis.path, point.values[i]!]));
}

/**
 * The sweep's tallies (runSweep's, of a shard's trials or all of them) as a part's points: one
 * per point of the plan in its order, each with a tally per strategy in the scenario's order.
 */
export function sweepPartPoints(plan: SweepPlan, tallies: readonly SweepTally[]): PointTallies[] {
  return plan.points.map((point) => {
    const byStrategy: Record<string, StrategyTallyData> = {};
    for (const strategy of point.scenario.strategies) {
      const found = tallies.find((t) => t.point === point.index && t.strategy === strategy);
      if (!found) throw new Error(`No tally of point ${point.index}, strategy "${strategy}".`);
      byStrategy[strategy] = found.tally;
    }
    return { point: sweepPointKey(plan, point), tallies: byStrategy };
  });
}

/**
 * Problems with a sweep part's `plan`, at `$.plan…`; empty when it is a SweepPartPlan. Whether
 * the dimensions fit the scenario is resolveSweepAxes's to say.
 */
export function sweepPartPlanIssues(value: unknown): ScenarioIssue[] {
  const check = new IssueCollector();
  const what = 'an object { vary, objective, usability } (what "sweep --out" writes)';
  const plan = check.object(value, ['plan'], what);
  if (!plan || !check.exactKeys(plan, ['vary', 'objective', 'usability'], ['plan'])) {
    return check.issues;
  }
  if (!Array.isArray(plan.vary) || plan.vary.length === 0) {
    check.add(['plan', 'vary'], 'a non-empty list of { path, from, to, step }', plan.vary);
  } else {
    plan.vary.forEach((axis, i) => axisIssues(check, axis, ['plan', 'vary', i]));
  }
  oneOf(check, plan.objective, SECURITY_OBJECTIVES, ['plan', 'objective']);
  oneOf(check, plan.usability, USABILITY_OBJECTIVES, ['plan', 'usability']);
  return check.issues;
}

function axisIssues(check: IssueCollector, value: unknown, keys: PathKey[]): void {
  const axis = check.object(value, keys, 'an object { path, from, to, step }');
  if (!axis || !check.exactKeys(axis, ['path', 'from', 'to', 'step'], keys)) return;
  if (typeof axis.path !== 'string') check.add([...keys, 'path'], 'a string', axis.path);
  for (const name of ['from', 'to', 'step']) {
    const n = axis[name];
    if (typeof n !== 'number' || !Number.isFinite(n)) check.add([...keys, name], 'a number', n);
  }
}

function oneOf(
  check: IssueCollector,
  value: unknown,
  choices: readonly string[],
  keys: PathKey[],
): void {
  if (typeof value === 'string' && choices.includes(value)) return;
  check.add(keys, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
}

/**
 * Problems with merged parts' points against the sweep they say they are (planned again from the
 * file's scenario and plan): the plan's points, in its order, at `$.points[i].point`.
 */
export function sweepPointIssues(plan: SweepPlan, merged: MergedTallies): ScenarioIssue[] {
  const check = new IssueCollector();
  const expected = plan.points.map((point) => sweepPointKey(plan, point));
  if (merged.points.length !== expected.length) {
    check.addText(
      ['points'],
      `${expected.length} points, one per point of the sweep $.plan describes`,
      `${merged.points.length}`,
    );
    return check.issues;
  }
  expected.forEach((key, i) => {
    const found = merged.points[i]!.point;
    if (canonicalJson(found) !== canonicalJson(key)) {
      check.add(
        ['points', i, 'point'],
        `${canonicalJson(key)}, point ${i + 1} of the sweep`,
        found,
      );
    }
  });
  return check.issues;
}

/** Merged parts' tallies as the sweep's: one SweepTally per point (by index) and strategy. */
export function mergedSweepTallies(merged: MergedTallies): SweepTally[] {
  return merged.points.flatMap(({ totals }, point) =>
    Object.entries(totals.tallies()).map(([strategy, tally]) => ({ point, strategy, tally })),
  );
}
