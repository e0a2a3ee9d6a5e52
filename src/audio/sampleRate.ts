import type { Hz, Ms } from '../core/units.ts';

/** The telephone band's sample rate: every PCM buffer in src/audio is 8 kHz mono, full scale ±1. */
export const SAMPLE_RATE_HZ = 8000 satisfies Hz;

export function msToSamples(ms: Ms): number {
  return Math.round((ms * SAMPLE_RATE_HZ) / 1000);
}

export function samplesToMs(samples: number): Ms {
  return (samples * 1000) / SAMPLE_RATE_HZ;
}

/** Peak amplitude of a sine at `dbfs` (0 dBFS is a full-scale sine). */
export function dbfsToAmplitude(dbfs: number): number {
  return 10 ** (dbfs / 20);
}
