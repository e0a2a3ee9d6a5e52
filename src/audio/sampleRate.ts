/** The telephone band's sample rate: every PCM buffer in src/audio is 8 kHz mono, full scale ±1. */
export const SAMPLE_RATE_HZ = 8000;

export function msToSamples(ms: number): number {
  return Math.round((ms * SAMPLE_RATE_HZ) / 1000);
}

export function samplesToMs(samples: number): number {
  return (samples * 1000) / SAMPLE_RATE_HZ;
}

/** Peak amplitude of a sine at `dbfs` (0 dBFS is a full-scale sine). */
export function dbfsToAmplitude(dbfs: number): number {
  return 10 ** (dbfs / 20);
}
