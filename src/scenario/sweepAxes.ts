/**
 * A sweep's dimensions: which number of the scenario varies (a path) and the values it takes (a
 * grid from, from + step, … to). The values are exact to the step's decimals, whatever the float
 * arithmetic: each is an integer count of steps, scaled once (0.1 + 0.2 is never 0.30000000000000004
 * here). README "Sweeps".
 */
import type { Scenario } from './schema.ts';
import { describeValue, jsonPath, type PathKey } from './jsonPath.ts';
import { closestKey, knownKeysAt } from './knownKeys.ts';
import { FLOW_PROPERTY_NAMES } from './flowSchema.ts';
import {
  MAX_SWEEP_DIMENSIONS,
  MAX_SWEEP_PATH_CHARS,
  MAX_SWEEP_POINTS,
  type SweepAxisSpec,
} from './sweepSchema.ts';

/** One dimension of a sweep, checked against the scenario it varies. */
export interface SweepAxis extends SweepAxisSpec {
  /** The path as keys into the scenario: list indices are numbers. */
  readonly keys: readonly PathKey[];
  /** from, from + step, … to: exact to the decimals written. */
  readonly values: readonly number[];
}

/** What is wrong with a dimension: which part, what was expected, what was found. */
export interface SweepAxisProblem {
  /** The dimension (its position in the list). */
  readonly axis: number;
  /** The part at fault: a field of the dimension, or null for the dimensions as a whole. */
  readonly part: keyof SweepAxisSpec | null;
  readonly expected: string;
  readonly found: string;
}

/** The most decimal places a grid's numbers may have: a step of 10^-9 is finer than any field. */
export const MAX_SWEEP_DECIMALS = 9;

/** How `--vary` is written, for messages. */
export const VARY_SYNTAX = '<path>=<from>..<to>:<step>';
const VARY_EXAMPLE = 'amd.afterGreetingSilenceMs=500..2500:100';

const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)`;
const VARY_PATTERN = new RegExp(`^([^=]+)=(${NUMBER})\\.\\.(${NUMBER}):(${NUMBER})$`);

/** `path=from..to:step` as a dimension's spec, or what is wrong with the text. */
export function parseVary(text: string): SweepAxisSpec | { readonly problem: string } {
  const match = VARY_PATTERN.exec(text.replace(/\s+/g, ''));
  if (!match) {
    return {
      problem: `expected ${VARY_SYNTAX} with decimal numbers (e.g. ${VARY_EXAMPLE}), found ${JSON.stringify(text)}`,
    };
  }
  const [, path, from, to, step] = match;
  return { path: path!, from: Number(from), to: Number(to), step: Number(step) };
}

/** Decimal places of a number as JavaScript writes it (1e-7 has 7, 2.50 has 1). */
function decimalPlaces(x: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(x)).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** The grid as integers: from and step in units of 10^-decimals, and how many values. */
interface IntegerGrid {
  readonly scale: number;
  readonly from: number;
  readonly step: number;
  readonly count: number;
}

type Problem = Omit<SweepAxisProblem, 'axis'>;

/** The grid of a spec in integer steps, or what is wrong with its numbers. */
function integerGrid(spec: SweepAxisSpec): IntegerGrid | Problem {
  const { from, to, step } = spec;
  for (const part of ['from', 'to', 'step'] as const) {
    if (!Number.isFinite(spec[part]))
      return { part, expected: 'a finite number', found: describeValue(spec[part]) };
  }
  if (!(step > 0)) return { part: 'step', expected: 'a number > 0', found: describeValue(step) };
  if (to < from)
    return { part: 'to', expected: `a number ≥ from (${from})`, found: describeValue(to) };
  const decimals = Math.max(decimalPlaces(from), decimalPlaces(to), decimalPlaces(step));
  if (decimals > MAX_SWEEP_DECIMALS) {
    const part = (['step', 'from', 'to'] as const).find(
      (p) => decimalPlaces(spec[p]) > MAX_SWEEP_DECIMALS,
    )!;
    return {
      part,
      expected: `a number of at most ${MAX_SWEEP_DECIMALS} decimal places`,
      found: describeValue(spec[part]),
    };
  }
  const scale = 10 ** decimals;
  const [fromSteps, toSteps, stepSize] = [from, to, step].map((x) => Math.round(x * scale));
  const span = toSteps! - fromSteps!;
  if (![fromSteps, toSteps, span].every((n) => Number.isSafeInteger(n))) {
    return {
      part: 'to',
      expected: `from and to within ±${Number.MAX_SAFE_INTEGER} units of the step's last decimal place`,
      found: describeValue(to),
    };
  }
  if (span % stepSize! !== 0) {
    const stepsBelow = Math.floor(span / stepSize!);
    const [below, above] = [stepsBelow, stepsBelow + 1].map(
      (k) => (fromSteps! + k * stepSize!) / scale,
    );
    return {
      part: 'to',
      expected: `from (${from}) plus a whole number of steps (${step}), such as ${below} or ${above}`,
      found: describeValue(to),
    };
  }
  return { scale, from: fromSteps!, step: stepSize!, count: span / stepSize! + 1 };
}

/** The values of a grid: integers scaled once, so each is the double nearest its decimal. */
function gridValues(grid: IntegerGrid): number[] {
  return Array.from({ length: grid.count }, (_, k) => (grid.from + k * grid.step) / grid.scale);
}

/** A path as written (`amd.afterGreetingSilenceMs`, `$.voicemail.greeting[1].silence`) as keys. */
export function parseSweepPath(text: string): PathKey[] | null {
  let rest = text.replace(/^\$\.?/, '');
  const keys: PathKey[] = [];
  while (rest.length > 0) {
    const name = /^[A-Za-z0-9_-]+/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    if (name) {
      keys.push(name[0]);
      rest = rest.slice(name[0].length);
    } else if (index) {
      keys.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else {
      return null;
    }
    if (rest.startsWith('.') && rest.length > 1) rest = rest.slice(1);
    else if (rest.length > 0 && !rest.startsWith('[')) return null;
  }
  return keys.length > 0 ? keys : null;
}

/**
 * Fields a sweep may not vary: the seed and the trials are what every point shares (the same
 * trials on the same random streams: common random numbers), and `expect`, `sweep`,
 * `expectWorstCase` and `worstCaseSearch` are not simulated by a sweep.
 */
const FIXED_FIELDS: Readonly<Record<string, string>> = {
  seed: 'every point runs on the same seed (common random numbers); give it with --seed',
  trials: 'every point runs the same trials (common random numbers); give them with --trials',
  expect: 'thresholds are not simulated',
  sweep: 'the sweep itself is not simulated',
  expectWorstCase: 'thresholds are not simulated',
  worstCaseSearch: 'a sweep runs no worst-case search (run or check does)',
};

const SWEEP_PATH_EXAMPLES =
  'e.g. amd.afterGreetingSilenceMs, service.gatherTimeoutSeconds, voicemail.greeting.1.silence';

/**
 * The number a path names in the scenario (with every default filled in): its keys, or what is
 * wrong with the path.
 */
export function resolveSweepPath(
  scenario: Scenario,
  text: string,
): { readonly keys: PathKey[] } | { readonly expected: string; readonly found: string } {
  const written = parseSweepPath(text);
  if (text.length > MAX_SWEEP_PATH_CHARS || written === null) {
    return {
      expected: `a dotted path to a number in the scenario (${SWEEP_PATH_EXAMPLES})`,
      found: describeValue(text),
    };
  }
  const why = FIXED_FIELDS[String(written[0])];
  if (why !== undefined) {
    return {
      expected: `a field other than ${Object.keys(FIXED_FIELDS).join(', ')} (${why})`,
      found: describeValue(text),
    };
  }
  const keys: PathKey[] = [];
  let value: unknown = scenario;
  for (const key of written) {
    const step = childKey(value, key, keys);
    if ('expected' in step) return step;
    keys.push(step.key);
    value = step.value;
  }
  if (typeof value !== 'number') {
    const distribution =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? ' (a duration drawn from a distribution: vary one of its numbers, such as its lognormal.median or uniform.0)'
        : '';
    return {
      expected: `a number at ${jsonPath(keys)}${distribution}`,
      found: describeValue(value),
    };
  }
  return { keys };
}

/** One step down a path: the child and its key (a number in a list), or what is wrong. */
function childKey(
  value: unknown,
  key: PathKey,
  above: readonly PathKey[],
): { key: PathKey; value: unknown } | { expected: string; found: string } {
  const here = jsonPath(above);
  if (Array.isArray(value)) {
    const index = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    if (!(index < value.length)) {
      return {
        expected: `an index from 0 to ${value.length - 1} into ${here} (a list of ${value.length})`,
        found: describeValue(key),
      };
    }
    return { key: index, value: value[index] };
  }
  if (typeof value !== 'object' || value === null) {
    return { expected: `a path that ends at ${here}, a number`, found: `more: ${String(key)}` };
  }
  const name = String(key);
  if (Object.prototype.hasOwnProperty.call(value, name)) {
    return { key: name, value: (value as Record<string, unknown>)[name] };
  }
  const isFlow = above.length === 2 && above[0] === 'flows';
  const known = [
    ...new Set([
      ...Object.keys(value),
      ...((isFlow ? FLOW_PROPERTY_NAMES : knownKeysAt(above)) ?? []),
    ]),
  ];
  if (known.includes(name)) {
    return {
      expected: `a field this scenario sets: ${jsonPath([...above, name])} has no default (give it a value in the file to sweep it)`,
      found: 'nothing',
    };
  }
  const suggestion = closestKey(name, known);
  return {
    expected: `a field of ${here} (${suggestion ? `did you mean "${suggestion}"? ` : ''}${above[0] === 'flows' && above.length === 1 ? 'flows declared' : 'fields'} here: ${known.join(', ') || 'none'})`,
    found: describeValue(name),
  };
}

/**
 * The dimensions checked against the scenario: each path names a number, each grid is exact,
 * no field twice, at most MAX_SWEEP_DIMENSIONS of them and MAX_SWEEP_POINTS points in all. Each
 * point's own validity (an integer field at 0.5, a value past its bound) is checked when the
 * sweep is planned (sim/sweepPlan.ts).
 */
export function resolveSweepAxes(
  scenario: Scenario,
  specs: readonly SweepAxisSpec[],
): { readonly axes: SweepAxis[] } | { readonly problems: SweepAxisProblem[] } {
  const problems: SweepAxisProblem[] = [];
  if (specs.length === 0 || specs.length > MAX_SWEEP_DIMENSIONS) {
    problems.push({
      axis: 0,
      part: null,
      expected: `1 or ${MAX_SWEEP_DIMENSIONS} fields to vary`,
      found: `${specs.length}`,
    });
    return { problems };
  }
  const axes: SweepAxis[] = [];
  const grids: IntegerGrid[] = [];
  specs.forEach((spec, axis) => {
    const resolved = resolveSweepPath(scenario, spec.path);
    if ('expected' in resolved) {
      problems.push({ axis, part: 'path', ...resolved });
    } else {
      const earlier = axes.findIndex((a) => jsonPath(a.keys) === jsonPath(resolved.keys));
      if (earlier >= 0)
        problems.push({
          axis,
          part: 'path',
          expected: `a field other than the one dimension ${earlier + 1} varies`,
          found: describeValue(spec.path),
        });
    }
    const grid = integerGrid(spec);
    if ('expected' in grid) problems.push({ axis, ...grid });
    else grids.push(grid);
    if (!('expected' in resolved) && !('expected' in grid))
      axes.push({ ...spec, keys: resolved.keys, values: [] });
  });
  if (problems.length > 0) return { problems };
  const points = grids.reduce((n, g) => n * g.count, 1);
  if (points > MAX_SWEEP_POINTS) {
    return {
      problems: [
        {
          axis: 0,
          part: null,
          expected: `at most ${MAX_SWEEP_POINTS} points in all (each is a whole run; use a coarser step)`,
          found: `${grids.map((g) => g.count).join(' × ')} = ${points} points`,
        },
      ],
    };
  }
  return { axes: axes.map((axis, i) => ({ ...axis, values: gridValues(grids[i]!) })) };
}
