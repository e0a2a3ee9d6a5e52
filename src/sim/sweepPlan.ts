/**
 * A sweep planned before anything runs: every point's scenario built and validated, and the
 * sweep's size held to a run's bound. A point is the base scenario with the dimensions' values
 * set, the same seed, trials and strategies: its trials are the same trials, on the same random
 * streams (keyed by seed, strategy, kind and trial index: sim/trialKeys.ts), as every other
 * point's (common random numbers). README "Sweeps".
 */
import {
  loadScenario,
  MAX_RUN_CPU_SECONDS,
  runCost,
  ScenarioError,
  type Scenario,
  type ScenarioIssue,
  type SweepAxis,
} from '../scenario/index.ts';
import { describeValue, type PathKey } from '../scenario/jsonPath.ts';
import { recordedScenarioIssues, recordingLengths, type ScenarioAssets } from './greetingSource.ts';

/** One setting of the sweep. */
export interface SweepPoint {
  /** Its place in the sweep: the first dimension's values outermost. */
  readonly index: number;
  /** The value of each dimension, in the order of the dimensions. */
  readonly values: readonly number[];
  /** The base scenario at these values, validated, without its `sweep`. */
  readonly scenario: Scenario;
}

export interface SweepPlan {
  readonly base: Scenario;
  readonly axes: readonly SweepAxis[];
  readonly points: readonly SweepPoint[];
}

/** `amd.afterGreetingSilenceMs = 500, service.gatherTimeoutSeconds = 3`: a point in words. */
export function pointLabel(axes: readonly SweepAxis[], values: readonly number[]): string {
  return axes.map((axis, i) => `${axis.path} = ${values[i]}`).join(', ');
}

/** Every combination of the dimensions' values, the first dimension outermost. */
function combinations(axes: readonly SweepAxis[]): number[][] {
  return axes.reduce<number[][]>(
    (rows, axis) => rows.flatMap((row) => axis.values.map((v) => [...row, v])),
    [[]],
  );
}

/** The base scenario with each dimension's field set to its value. */
function pointInput(base: Scenario, axes: readonly SweepAxis[], values: readonly number[]) {
  const { sweep: _sweep, ...rest } = base;
  const input = structuredClone(rest) as Record<PathKey, unknown>;
  axes.forEach((axis, i) => {
    let target = input;
    for (const key of axis.keys.slice(0, -1)) target = target[key] as Record<PathKey, unknown>;
    target[axis.keys[axis.keys.length - 1]!] = values[i];
  });
  return input;
}

/** The same problem found at several points: the first point's words and how many more. */
interface GroupedIssue {
  readonly issue: ScenarioIssue;
  readonly label: string;
  more: number;
}

/**
 * Builds and validates every point; throws a ScenarioError listing each distinct problem once,
 * at its JSON path, with the first point that has it ("at the point amd.greetingMs = 0.5, and 20
 * more points"), and the sweep's size past its bound at `$.trials`. `assets`: the greeting's
 * recordings, so their lengths count as in a run.
 */
export function planSweep(
  base: Scenario,
  axes: readonly SweepAxis[],
  assets: ScenarioAssets = {},
): SweepPlan {
  const grouped = new Map<string, GroupedIssue>();
  const points: SweepPoint[] = [];
  combinations(axes).forEach((values, index) => {
    const label = pointLabel(axes, values);
    const issues = pointIssues(pointInput(base, axes, values), assets);
    if ('scenario' in issues) {
      points.push({ index, values, scenario: issues.scenario });
      return;
    }
    for (const issue of issues.problems) {
      const key = `${issue.path}\n${issue.expected}`;
      const seen = grouped.get(key);
      if (seen) seen.more++;
      else grouped.set(key, { issue, label, more: 0 });
    }
  });
  const problems = [...grouped.values()].map(({ issue, label, more }) => ({
    ...issue,
    found: `${issue.found} at the point ${label}${more > 0 ? ` (and ${more} more ${more === 1 ? 'point' : 'points'})` : ''}`,
  }));
  if (problems.length === 0) problems.push(...sweepBoundIssues(points, assets));
  if (problems.length > 0) throw new ScenarioError(problems);
  return { base, axes, points };
}

/** A point's scenario, or its problems: the format's, then the greeting's and run's bounds. */
function pointIssues(
  input: unknown,
  assets: ScenarioAssets,
): { readonly scenario: Scenario } | { readonly problems: readonly ScenarioIssue[] } {
  try {
    const scenario = loadScenario(input);
    const problems = recordedScenarioIssues(scenario, assets);
    return problems.length > 0 ? { problems } : { scenario };
  } catch (error) {
    if (error instanceof ScenarioError) return { problems: error.issues };
    throw error;
  }
}

/**
 * A sweep is bounded like a run (scenario/runBounds.ts): every point's trials together within
 * MAX_RUN_CPU_SECONDS, at `$.trials` with the trials per point that fit.
 */
export function sweepBoundIssues(
  points: readonly SweepPoint[],
  assets: ScenarioAssets = {},
): ScenarioIssue[] {
  const lengths = recordingLengths(assets);
  const trialUs = points.reduce((sum, p) => sum + runCost(p.scenario, lengths).trialUs, 0);
  const trials = points[0]?.scenario.trials ?? 0;
  const cpuSeconds = (trials * trialUs) / 1e6;
  if (cpuSeconds <= MAX_RUN_CPU_SECONDS) return [];
  const fit = Math.floor((MAX_RUN_CPU_SECONDS * 1e6) / trialUs);
  return [
    {
      path: '$.trials',
      expected: `at most ${fit} trials per point here (a sweep is bounded as a run is, to ${MAX_RUN_CPU_SECONDS / 3600} hour of CPU for all its ${points.length} points together)`,
      found: `${describeValue(trials)} (about ${(cpuSeconds / 3600).toPrecision(3)} hours of CPU)`,
    },
  ];
}
