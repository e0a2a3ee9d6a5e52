/** Line noise: white Gaussian noise from a seeded stream, sized by a signal-to-noise ratio. */
import type { Rng } from '../core/rng.ts';
import { standardNormal } from '../core/distributions.ts';

/** Adds white noise of RMS `rms` (full scale ±1) to `samples` in place. */
export function addWhiteNoise(samples: Float32Array, rms: number, rng: Rng): Float32Array {
  if (!(rms >= 0)) {
    throw new RangeError(`addWhiteNoise: rms ${rms} must be a number >= 0 (full scale is 1).`);
  }
  for (let n = 0; n < samples.length; n++) samples[n]! += rms * standardNormal(rng);
  return samples;
}

/** The noise RMS that sits `snrDb` below a signal of mean power `signalPower`. */
export function noiseRmsForSnr(signalPower: number, snrDb: number): number {
  return Math.sqrt(signalPower / 10 ** (snrDb / 10));
}

/** Mean of x² over the non-silent stretch a caller hands in. */
export function meanPower(samples: Float32Array): number {
  let sum = 0;
  for (let n = 0; n < samples.length; n++) sum += samples[n]! * samples[n]!;
  return samples.length === 0 ? 0 : sum / samples.length;
}

/** Scales `samples` in place to RMS `rms` (silence stays silence). */
export function normaliseRms(samples: Float32Array, rms: number): Float32Array {
  const power = meanPower(samples);
  if (power === 0) return samples;
  const scale = rms / Math.sqrt(power);
  for (let n = 0; n < samples.length; n++) samples[n]! *= scale;
  return samples;
}
