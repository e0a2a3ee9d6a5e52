import type { Rng } from './rng.ts';
import { secondsToMs, type Ms, type Seconds } from './units.ts';

export { secondsToMs };
export type { Ms };

/**
 * A duration in seconds, as scenarios give it: fixed, uniform on [low, high], or lognormal with a
 * median and the standard deviation of its natural log. The scenario format's DurationSchema
 * (scenario/schema.ts) validates it; a type test (scenario/duration.test.ts) keeps the two equal.
 */
export type Duration =
  Seconds | { uniform: [Seconds, Seconds] } | { lognormal: { median: Seconds; sigma: number } };

/** Standard normal draw (Box-Muller, two uniforms; the second variate is not cached so that the
 * number of draws per call never depends on history). */
export function standardNormal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws a scenario duration (seconds) and returns whole simulated milliseconds. */
export function sampleMs(duration: Duration, rng: Rng): Ms {
  let seconds: Seconds;
  if (typeof duration === 'number') {
    seconds = duration;
  } else if ('uniform' in duration) {
    const [low, high] = duration.uniform;
    seconds = low + (high - low) * rng.next();
  } else {
    const { median, sigma } = duration.lognormal;
    seconds = median * Math.exp(sigma * standardNormal(rng));
  }
  return Math.round(seconds * 1000);
}

/** The distribution's mean in seconds, for reports and sanity checks. */
export function meanSeconds(duration: Duration): Seconds {
  if (typeof duration === 'number') return duration;
  if ('uniform' in duration) return (duration.uniform[0] + duration.uniform[1]) / 2;
  const { median, sigma } = duration.lognormal;
  return median * Math.exp((sigma * sigma) / 2);
}
