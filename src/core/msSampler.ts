import { sampleMs, secondsToMs, type Duration, type Ms } from './distributions.ts';
import type { Rng } from './rng.ts';

/** Draws one duration in whole simulated milliseconds from a trial's stream. */
export type MsSampler = (rng: Rng) => Ms;

/**
 * A scenario duration (seconds, fixed or a distribution) as a sampler of engine ms. A fixed
 * duration is converted once and draws nothing; a distribution draws exactly as `sampleMs` does,
 * so a trial's stream is consumed the same way whichever is used.
 */
export function msSampler(duration: Duration): MsSampler {
  if (typeof duration === 'number') {
    const ms = secondsToMs(duration);
    return () => ms;
  }
  return (rng) => sampleMs(duration, rng);
}
