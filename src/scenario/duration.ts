/**
 * Durations in the scenario format: seconds, fixed or drawn from a distribution (README,
 * "Durations"); core/distributions.ts samples them.
 */
import { z } from 'zod';
import { MAX_DAY_SECONDS, MAX_LOGNORMAL_SIGMA } from './bounds.ts';

const nonNegative = z.number().min(0);
/**
 * Longest duration a scenario may give anywhere (a day, bounds.ts MAX_DAY_SECONDS); each field
 * has its own, shorter or equal, bound.
 */
export const MAX_DURATION_SECONDS = MAX_DAY_SECONDS;

/** Seconds from 0 to `maxSeconds`. */
export function secondsUpTo(maxSeconds: number) {
  return nonNegative.max(maxSeconds);
}

/**
 * A duration in seconds up to `maxSeconds`: fixed, uniform or lognormal. The bound holds for
 * the number, both ends of a uniform and a lognormal's median; a lognormal's sigma is at most
 * MAX_LOGNORMAL_SIGMA.
 */
export function durationUpTo(maxSeconds: number) {
  const seconds = secondsUpTo(maxSeconds);
  return z
    .union([
      seconds.describe(`A fixed duration in seconds (0 to ${maxSeconds}).`),
      z
        .strictObject({
          uniform: z
            .tuple([seconds, seconds])
            .describe(
              `[low, high] in seconds (each 0 to ${maxSeconds}); every value between is equally likely.`,
            ),
        })
        .describe('Uniformly distributed duration.'),
      z
        .strictObject({
          lognormal: z
            .strictObject({
              median: z
                .number()
                .positive()
                .max(maxSeconds)
                .describe(`Median in seconds (at most ${maxSeconds}).`),
              sigma: nonNegative
                .max(MAX_LOGNORMAL_SIGMA)
                .describe(
                  `Standard deviation of the natural log (at most ${MAX_LOGNORMAL_SIGMA}: 95% of draws within a factor of 50 of the median).`,
                ),
            })
            .describe('Median and log-spread of the duration.'),
        })
        .describe('Lognormally distributed duration (right-skewed, like human reaction times).'),
    ])
    .describe(
      `A duration in seconds, at most ${maxSeconds}: a number, { "uniform": [a, b] } or { "lognormal": { "median": m, "sigma": s } }.`,
    );
}

/** A duration in seconds: fixed, uniform or lognormal, at most a day. */
export const DurationSchema = durationUpTo(MAX_DURATION_SECONDS);
