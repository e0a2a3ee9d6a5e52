import {
  parseScenarioText,
  type Scenario,
  type StrategyId,
  type SweepAxis,
} from '../../scenario/index.ts';
import type { PathKey } from '../../scenario/jsonPath.ts';
import type { RunResults } from '../../sim/results.ts';
import { RunTotals, type RunOverrides } from '../../sim/runPlan.ts';
import type { SweepTally } from '../../sim/sweep.ts';
import type { SweepPoint } from '../../sim/sweepPlan.ts';

type Json = Record<PathKey, unknown>;

/**
 * Sets `keys` to `value` in a parsed scenario file, making the objects on the way that the file
 * leaves to their defaults; false when the way goes through a list the file does not have.
 */
function setAt(root: Json, keys: readonly PathKey[], value: number): boolean {
  let target = root;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    if (target[key] === undefined) {
      if (typeof keys[i + 1] === 'number') return false;
      target[key] = {};
    }
    target = target[key] as Json;
  }
  target[keys[keys.length - 1]!] = value;
  return true;
}

/** The file's trials, seed and strategies as the sweep ran them (its thresholds kept to those). */
function applyFileOverrides(file: Json, overrides: RunOverrides): void {
  if (overrides.trials !== undefined) file.trials = overrides.trials;
  if (overrides.seed !== undefined) file.seed = overrides.seed;
  const strategies = overrides.strategies;
  if (strategies === undefined) return;
  const kept = (id: unknown) => id === 'all' || strategies.includes(id as StrategyId);
  file.strategies = [...strategies];
  if (typeof file.expect === 'object' && file.expect !== null)
    file.expect = Object.fromEntries(Object.entries(file.expect).filter(([id]) => kept(id)));
  const sweep = file.sweep as { expect?: { strategy: unknown }[] } | undefined;
  if (Array.isArray(sweep?.expect)) sweep.expect = sweep.expect.filter((r) => kept(r.strategy));
}

/** A scenario without its `sweep`, which a point's scenario does not have. */
function withoutSweep(scenario: Scenario): Omit<Scenario, 'sweep'> {
  const { sweep: _sweep, ...rest } = scenario;
  return rest;
}

/** Whether `text` is a valid scenario that runs exactly as `point` does. */
function runsAsPoint(text: string, point: SweepPoint): boolean {
  const parsed = parseScenarioText(text);
  return (
    parsed.ok &&
    JSON.stringify(withoutSweep(parsed.scenario)) === JSON.stringify(withoutSweep(point.scenario))
  );
}

/**
 * The scenario text of a point: the file the sweep started from (`baseText`) with each swept
 * field at the point's value and the sweep's trials, seed and strategies, everything else as
 * written (its `sweep` too, so the study stays in the file). Should the file not hold the way to a
 * field (an item of a list left to its default), the point's whole scenario, every default
 * written out. Either way the text runs exactly as the point did.
 */
export function pointScenarioText(
  baseText: string,
  axes: readonly SweepAxis[],
  overrides: RunOverrides,
  point: SweepPoint,
  base: Scenario,
): string {
  const file = JSON.parse(baseText) as Json;
  applyFileOverrides(file, overrides);
  const placed = axes.every((axis, i) => setAt(file, axis.keys, point.values[i]!));
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (placed && runsAsPoint(text, point)) return text;
  const whole = { ...point.scenario, ...(base.sweep ? { sweep: base.sweep } : {}) };
  return `${JSON.stringify(whole, null, 2)}\n`;
}

/**
 * The results of a run of the point's scenario, from the sweep's tallies of that point: a run of
 * the same trials merges to the same integers, so these are the numbers Compare would get.
 */
export function pointRunResults(scenario: Scenario, tallies: readonly SweepTally[]): RunResults {
  const totals = new RunTotals(scenario);
  for (const t of tallies) {
    totals.add({ strategy: t.strategy, fromTrial: 0, toTrial: scenario.trials }, t.tally);
  }
  return totals.results();
}
