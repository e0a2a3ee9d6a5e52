import type { Scenario } from '../../scenario/index.ts';

/** A number of the scenario a sweep can vary, as the field picker offers it. */
export interface SweepFieldChoice {
  /** The path as `--vary` and the scenario's `sweep.vary` write it. */
  readonly path: string;
  /** Its value in the scenario now (defaults filled in). */
  readonly value: number;
  /** The picker's group: "Suggested", or the scenario's section the field is in. */
  readonly group: string;
}

/** The group listed first: the fields a sweep is usually about (issue 15). */
export const SUGGESTED_GROUP = 'Suggested';

/**
 * The fields most sweeps vary: AMD's timings (Twilio's guidance on
 * MachineDetectionSpeechEndThreshold is about exactly this trade-off), the gather timeout, whether
 * the owner answers at all.
 */
const SUGGESTED_PATHS: readonly string[] = [
  'amd.afterGreetingSilenceMs',
  'amd.greetingMs',
  'amd.initialSilenceMs',
  'service.gatherTimeoutSeconds',
  'person.answerProbability',
  'person.patienceSeconds',
  'voicemail.pickupAfterSeconds',
];

/** Top-level fields a sweep may not vary (scenario/sweepAxes.ts), or that hold no setting. */
const NOT_SWEPT = new Set([
  'seed',
  'trials',
  'expect',
  'sweep',
  'expectWorstCase',
  'worstCaseSearch',
  'startEpochSeconds',
]);

/** Every number in `value`, by its dotted path (list items by index), in the object's order. */
function numericLeaves(value: unknown, path: string, out: SweepFieldChoice[], group: string): void {
  if (typeof value === 'number') {
    out.push({ path, value, group });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => numericLeaves(item, `${path}.${i}`, out, group));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      numericLeaves(item, `${path}.${key}`, out, group);
  }
}

/**
 * The fields the picker offers for `scenario`: the suggested ones it has, each flow's call
 * options (`flows.<id>.machineDetectionSpeechEndThreshold` …) and the greeting's segments, then
 * every other number of the scenario by section; each path once, with its value now.
 */
export function sweepFieldChoices(scenario: Scenario): SweepFieldChoice[] {
  const all: SweepFieldChoice[] = [];
  for (const [key, value] of Object.entries(scenario)) {
    if (!NOT_SWEPT.has(key)) numericLeaves(value, key, all, key);
  }
  const suggested = (c: SweepFieldChoice) =>
    SUGGESTED_PATHS.includes(c.path) ||
    c.path.startsWith('flows.') ||
    c.path.startsWith('voicemail.greeting.');
  const first = [
    ...SUGGESTED_PATHS.flatMap((p) => all.filter((c) => c.path === p)),
    ...all.filter((c) => suggested(c) && !SUGGESTED_PATHS.includes(c.path)),
  ].map((c) => ({ ...c, group: SUGGESTED_GROUP }));
  return [...first, ...all.filter((c) => !suggested(c))];
}

/** The picker's groups in order, each with its fields. */
export function groupedChoices(
  choices: readonly SweepFieldChoice[],
): { readonly group: string; readonly choices: readonly SweepFieldChoice[] }[] {
  const groups = [...new Set(choices.map((c) => c.group))];
  return groups.map((group) => ({ group, choices: choices.filter((c) => c.group === group) }));
}

/** A decimal number without float noise: 0.1 * 3 is written 0.3. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * A first range for a field just picked: nine values around its current one, a power of ten
 * apart near a quarter of it (800 → 400 … 1200 by 100), never below 0, and within [0, 1] for a
 * probability or rate.
 */
export function suggestedRange(
  path: string,
  value: number,
): { readonly from: number; readonly to: number; readonly step: number } {
  const magnitude = value === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(value) / 4));
  const fraction = /(Probability|Rate)$/.test(path);
  const step = fraction ? Math.min(magnitude, 0.1) : magnitude;
  const steps = (x: number) => Math.round(x / step);
  const low = Math.max(0, steps(value) - 4);
  const high = fraction ? Math.min(steps(1), steps(value) + 4) : steps(value) + 4;
  return { from: tidy(low * step), to: tidy(high * step), step };
}
