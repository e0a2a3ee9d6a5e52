/**
 * The scenario's `sweep`: the settings `sim sweep` (and `sim check`) runs the scenario at, one or
 * two numeric fields over a grid, and thresholds on the whole sweep ("some setting keeps
 * interception at most 5% with owner success at least 90%"). The grid's rules (a path to a
 * number, an exact grid, the point bound) are in sweepAxes.ts; README "Sweeps".
 */
import { z } from 'zod';
import { STRATEGY_ID_PATTERN, STRATEGY_ID_RULE } from './flowSchema.ts';
import { MetricBoundsSchema } from './metricBounds.ts';

/** A sweep varies one field (curves) or two (a heat map). */
export const MAX_SWEEP_DIMENSIONS = 2;

/**
 * The most points a sweep has, every dimension together: a 100 × 100 heat map, or a curve of
 * 10,000 settings. Each point is a whole run, validated before anything runs; the sweep's
 * CPU is bounded as a run's is (runBounds.ts), so many points mean few trials each.
 */
export const MAX_SWEEP_POINTS = 10_000;

/** Thresholds on a sweep a scenario may give: enough for any study, few enough to list. */
export const MAX_SWEEP_EXPECTATIONS = 50;

/** The longest path a sweep names: the longest real one is under 80 characters. */
export const MAX_SWEEP_PATH_CHARS = 200;

export const SweepAxisSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .max(MAX_SWEEP_PATH_CHARS)
      .describe(
        'The number to vary, by its path in the scenario with every default filled in: "amd.afterGreetingSilenceMs", "service.gatherTimeoutSeconds", "flows.my-flow.machineDetectionSpeechEndThreshold", "voicemail.greeting.1.silence" (a list item by its index), "person.answerDelaySeconds.lognormal.median". Not seed or trials: every point runs the same trials on the same seed.',
      ),
    from: z.number().describe('The first value.'),
    to: z.number().describe('The last value: from plus a whole number of steps.'),
    step: z
      .number()
      .positive()
      .describe('The distance between values (at most 9 decimal places; values are exact to it).'),
  })
  .describe(
    'One dimension of the sweep: a field and the values it takes, from, from + step, … to.',
  );

export const SweepExpectationSchema = z
  .strictObject({
    strategy: z
      .string()
      .regex(STRATEGY_ID_PATTERN, `"all" or ${STRATEGY_ID_RULE}`)
      .describe(
        'The strategy the bounds are for (listed in "strategies"), or "all": each strategy.',
      ),
    some: MetricBoundsSchema.optional().describe(
      'At least one point of the sweep meets every bound here (at the same point).',
    ),
    every: MetricBoundsSchema.optional().describe(
      'Every point of the sweep meets every bound here.',
    ),
  })
  .describe(
    'A threshold on the sweep: exactly one of "some" and "every", each a map of metric to { "min", "max" } as in "expect".',
  );

export const SweepSchema = z
  .strictObject({
    vary: z
      .array(SweepAxisSchema)
      .min(1)
      .max(MAX_SWEEP_DIMENSIONS)
      .describe(
        `The fields to vary: one (curves) or ${MAX_SWEEP_DIMENSIONS} (a heat map), at most ${MAX_SWEEP_POINTS} points in all. \`sim sweep --vary\` replaces them.`,
      ),
    expect: z
      .array(SweepExpectationSchema)
      .max(MAX_SWEEP_EXPECTATIONS)
      .default([])
      .describe(
        'Thresholds on the sweep, checked by `sim sweep` and `sim check` (exit 1 when one fails, with the closest points).',
      ),
  })
  .describe(
    'A sweep of this scenario (README "Sweeps"): `sim sweep` runs every point on the same trials and seed, `sim check` checks its thresholds. `sim run` and the app run the scenario as written.',
  );

export type SweepAxisSpec = z.output<typeof SweepAxisSchema>;
export type SweepExpectation = z.output<typeof SweepExpectationSchema>;
export type SweepSettings = z.output<typeof SweepSchema>;
