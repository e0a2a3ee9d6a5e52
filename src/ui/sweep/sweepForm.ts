import {
  MAX_TRIALS,
  resolveSweepAxes,
  ScenarioError,
  type Scenario,
  type ScenarioIssue,
  type StrategyId,
  type SweepAxis,
  type SweepAxisSpec,
} from '../../scenario/index.ts';
import { jsonPath } from '../../scenario/jsonPath.ts';
import { MAX_SEED } from '../../scenario/trialLimits.ts';
import type { SecurityObjective, UsabilityObjective } from '../../sim/frontier.ts';
import { applyOverrides, type RunOverrides } from '../../sim/runPlan.ts';
import { planSweep, type SweepPlan } from '../../sim/sweepPlan.ts';
import { suggestedRange, sweepFieldChoices } from './sweepFields.ts';

/** One field to vary, as typed: the numbers are text until checked. */
export interface DimensionInput {
  readonly path: string;
  readonly from: string;
  readonly to: string;
  readonly step: string;
}

/** The Sweep view's controls: `sim sweep`'s options. */
export interface SweepForm {
  /** One (curves) or two (a heat map). */
  readonly dimensions: readonly DimensionInput[];
  readonly strategies: readonly StrategyId[];
  /** Trials per point, strategy and kind. */
  readonly trials: string;
  readonly seed: string;
  readonly objective: SecurityObjective;
  readonly usability: UsabilityObjective;
}

/** Trials per point a sweep starts with at most: a sweep is many runs, so it starts small. */
export const FIRST_SWEEP_TRIALS = 1000;

/** Which control a problem is shown at. */
export type FormField =
  `dimension-${number}-${keyof SweepAxisSpec}` | 'dimensions' | 'strategies' | 'trials' | 'seed';

/** A problem with the input, at the control it concerns: where in JSON, expected, found. */
export interface FormIssue {
  readonly field: FormField;
  /** The JSON path the problem is at, as the scenario's `sweep` or a point's scenario says it. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

function dimensionText(spec: SweepAxisSpec): DimensionInput {
  return { path: spec.path, from: String(spec.from), to: String(spec.to), step: String(spec.step) };
}

/** A field picked for a dimension, with the range suggestedRange gives it. */
export function dimensionFor(path: string, value: number): DimensionInput {
  return dimensionText({ path, ...suggestedRange(path, value) });
}

/**
 * The controls as `scenario` fills them: its own `sweep.vary` when it has one, else its first
 * suggested field around its value; every strategy; its trials up to FIRST_SWEEP_TRIALS; its
 * seed; the command line's default objectives.
 */
export function sweepFormFrom(scenario: Scenario): SweepForm {
  const first = sweepFieldChoices(scenario)[0];
  const dimensions = scenario.sweep
    ? scenario.sweep.vary.map(dimensionText)
    : first
      ? [dimensionFor(first.path, first.value)]
      : [{ path: '', from: '', to: '', step: '' }];
  return {
    dimensions,
    strategies: [...scenario.strategies],
    trials: String(Math.min(scenario.trials, FIRST_SWEEP_TRIALS)),
    seed: String(scenario.seed),
    objective: 'interception',
    usability: 'legit-success',
  };
}

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WHOLE = /^\d+$/;

/** `$.sweep.vary[0].to`: where a dimension's part would be in the scenario's `sweep`. */
function varyPath(axis: number, part: keyof SweepAxisSpec | null): string {
  return `$.sweep.vary${part === null ? '' : `[${axis}].${part}`}`;
}

/** The dimensions as specs, or the parts that are not numbers. */
function dimensionSpecs(
  dimensions: readonly DimensionInput[],
): { readonly specs: SweepAxisSpec[] } | { readonly issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const specs = dimensions.map((d, axis) => {
    for (const part of ['from', 'to', 'step'] as const) {
      if (!DECIMAL.test(d[part].trim())) {
        issues.push({
          field: `dimension-${axis}-${part}`,
          path: varyPath(axis, part),
          expected: 'a decimal number',
          found: d[part].trim() === '' ? 'nothing' : JSON.stringify(d[part]),
        });
      }
    }
    return { path: d.path.trim(), from: Number(d.from), to: Number(d.to), step: Number(d.step) };
  });
  return issues.length > 0 ? { issues } : { specs };
}

/** The run overrides the controls give, or the problems with them. */
function formOverrides(
  scenario: Scenario,
  form: SweepForm,
): { readonly overrides: RunOverrides } | { readonly issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const whole = (field: 'trials' | 'seed', min: number, max: number): number | undefined => {
    const text = form[field].trim();
    const value = Number(text);
    if (WHOLE.test(text) && value >= min && value <= max) return value;
    issues.push({
      field,
      path: `$.${field}`,
      expected: `a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`,
      found: text === '' ? 'nothing' : JSON.stringify(form[field]),
    });
    return undefined;
  };
  const trials = whole('trials', 1, MAX_TRIALS);
  const seed = whole('seed', 0, MAX_SEED);
  if (form.strategies.length === 0) {
    issues.push({
      field: 'strategies',
      path: '$.strategies',
      expected: `at least one of the scenario's strategies (${scenario.strategies.join(', ')})`,
      found: 'none ticked',
    });
  }
  if (issues.length > 0) return { issues };
  const sameStrategies = form.strategies.join() === scenario.strategies.join();
  return {
    overrides: {
      ...(trials !== scenario.trials ? { trials } : {}),
      ...(seed !== scenario.seed ? { seed } : {}),
      ...(sameStrategies ? {} : { strategies: [...form.strategies] }),
    },
  };
}

/** The control a problem of a point's scenario is about: the dimension of its path, if any. */
function pointIssueField(issue: ScenarioIssue, axes: readonly SweepAxis[]): FormField {
  if (issue.path === '$.trials') return 'trials';
  const axis = axes.findIndex((a) => jsonPath(a.keys) === issue.path);
  return axis >= 0 ? `dimension-${axis}-path` : 'dimensions';
}

/** The checked form: the base scenario (overrides applied), the overrides and the dimensions. */
export type CheckedForm =
  | {
      readonly ok: true;
      readonly base: Scenario;
      readonly overrides: RunOverrides;
      readonly axes: readonly SweepAxis[];
    }
  | { readonly ok: false; readonly issues: readonly FormIssue[] };

/**
 * The quick checks, made as the user types: numbers, the overrides (held to the scenario's
 * limits), each path names a number of the scenario, each grid is exact, the point bound.
 * Each point's own validity is planSweepForm's.
 */
export function checkSweepForm(scenario: Scenario, form: SweepForm): CheckedForm {
  const specs = dimensionSpecs(form.dimensions);
  const given = formOverrides(scenario, form);
  const issues = [
    ...('issues' in specs ? specs.issues : []),
    ...('issues' in given ? given.issues : []),
  ];
  if ('issues' in specs || 'issues' in given) return { ok: false, issues };
  let base: Scenario;
  try {
    base = applyOverrides(scenario, given.overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ok: false,
      issues: error.issues.map((i) => ({ ...i, field: i.path === '$.seed' ? 'seed' : 'trials' })),
    };
  }
  const resolved = resolveSweepAxes(base, specs.specs);
  if ('problems' in resolved) {
    return {
      ok: false,
      issues: resolved.problems.map((p) => ({
        field: p.part === null ? 'dimensions' : `dimension-${p.axis}-${p.part}`,
        path: varyPath(p.axis, p.part),
        expected: p.expected,
        found: p.found,
      })),
    };
  }
  return { ok: true, base, overrides: given.overrides, axes: resolved.axes };
}

export type FormPlan =
  | { readonly ok: true; readonly plan: SweepPlan; readonly overrides: RunOverrides }
  | { readonly ok: false; readonly issues: readonly FormIssue[] };

/**
 * The sweep the controls ask for, every point built and validated (planSweep), or every problem
 * at its control: what Run does first, so an invalid sweep runs nothing.
 */
export function planSweepForm(scenario: Scenario, form: SweepForm): FormPlan {
  const checked = checkSweepForm(scenario, form);
  if (!checked.ok) return checked;
  try {
    return {
      ok: true,
      plan: planSweep(checked.base, checked.axes),
      overrides: checked.overrides,
    };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ok: false,
      issues: error.issues.map((i) => ({ ...i, field: pointIssueField(i, checked.axes) })),
    };
  }
}

/** `--vary amd.greetingMs=200..1500:100`. */
function varyArgument(d: DimensionInput): string {
  return `--vary ${d.path.trim()}=${d.from.trim()}..${d.to.trim()}:${d.step.trim()}`;
}

/**
 * The command line that runs the same sweep: `npm run sim -- sweep <file> --vary …`, with
 * `--trials`, `--seed` and `--strategies` where they differ from the scenario's and the
 * objectives where they differ from the defaults.
 */
export function sweepCommandLine(file: string, scenario: Scenario, form: SweepForm): string {
  const parts = ['npm run sim -- sweep', file, ...form.dimensions.map(varyArgument)];
  if (form.trials.trim() !== String(scenario.trials)) parts.push(`--trials ${form.trials.trim()}`);
  if (form.seed.trim() !== String(scenario.seed)) parts.push(`--seed ${form.seed.trim()}`);
  if (form.strategies.join() !== scenario.strategies.join())
    parts.push(`--strategies ${form.strategies.join(',')}`);
  if (form.objective !== 'interception') parts.push(`--objective ${form.objective}`);
  if (form.usability !== 'legit-success') parts.push(`--usability ${form.usability}`);
  return parts.join(' ');
}
