import type { Hz } from '../../core/units.ts';
import type { SampleRate } from './units.ts';

export interface ToneSpec {
  readonly frequenciesHz: readonly Hz[];
  readonly durationMs: number;
  readonly sampleRate: SampleRate;
  /** Peak level of the sum, 0-1. */
  readonly amplitude?: number;
  /** Raised-cosine fade in and out, so the tone starts and stops without a click. */
  readonly rampMs?: number;
}

/** Samples of equal-level sines summed (a DTMF pair, a beep, ringback), faded in and out. */
export function synthesizeTone(spec: ToneSpec): Float32Array<ArrayBuffer> {
  const { frequenciesHz, durationMs, sampleRate } = spec;
  const amplitude = spec.amplitude ?? 0.3;
  const length = Math.max(0, Math.round((durationMs * sampleRate) / 1000));
  const ramp = Math.min(
    Math.round(((spec.rampMs ?? 5) * sampleRate) / 1000),
    Math.floor(length / 2),
  );
  const samples = new Float32Array(length);
  if (frequenciesHz.length === 0) return samples;
  const perTone = amplitude / frequenciesHz.length;
  for (let n = 0; n < length; n++) {
    const t = n / sampleRate;
    let value = 0;
    for (const f of frequenciesHz) value += Math.sin(2 * Math.PI * f * t);
    samples[n] = value * perTone * fade(n, length, ramp);
  }
  return samples;
}

function fade(n: number, length: number, ramp: number): number {
  if (ramp === 0) return 1;
  const edge = Math.min(n, length - 1 - n);
  return edge >= ramp ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / ramp);
}
