import { describe, expect, it } from 'vitest';
import { DTMF_COLUMN_HZ, DTMF_ROW_HZ, dtmfFrequencies } from '../../audio/index.ts';
import { synthesizeMurmur } from './murmurSynthesis.ts';
import { synthesizeTone } from './toneSynthesis.ts';

/** Power of one frequency in a block of samples (the Goertzel algorithm, as DTMF receivers use). */
function goertzel(samples: Float32Array, frequency: number, sampleRate: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

const RATE = 8_000;

describe('synthesizeTone', () => {
  it('renders a DTMF key whose two frequencies stand far above the other six', () => {
    for (const key of '0123456789*#') {
      const { lowHz: row, highHz: column } = dtmfFrequencies(key);
      const samples = synthesizeTone({
        frequenciesHz: [row, column],
        durationMs: 120,
        sampleRate: RATE,
      });
      const power = (f: number) => goertzel(samples, f, RATE);
      const others = [...DTMF_ROW_HZ, ...DTMF_COLUMN_HZ].filter((f) => f !== row && f !== column);
      const loudestOther = Math.max(...others.map(power));
      expect(power(row)).toBeGreaterThan(20 * loudestOther);
      expect(power(column)).toBeGreaterThan(20 * loudestOther);
    }
  });

  it('lasts the duration asked for, stays under its amplitude, and fades in and out', () => {
    const samples = synthesizeTone({
      frequenciesHz: [1000],
      durationMs: 500,
      sampleRate: 48_000,
      amplitude: 0.5,
    });
    expect(samples).toHaveLength(24_000);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(0.49);
    expect(samples[0]).toBe(0);
    expect(Math.abs(samples[samples.length - 1]!)).toBeLessThan(1e-3);
  });

  it('renders nothing for no time or no frequency', () => {
    expect(synthesizeTone({ frequenciesHz: [440], durationMs: 0, sampleRate: RATE })).toHaveLength(
      0,
    );
    expect(
      synthesizeTone({ frequenciesHz: [], durationMs: 10, sampleRate: RATE }).every((x) => x === 0),
    ).toBe(true);
  });
});

describe('synthesizeMurmur', () => {
  it('fills the span with voiced syllables and pauses, within its amplitude', () => {
    const samples = synthesizeMurmur({ durationMs: 1_000, sampleRate: RATE, amplitude: 0.25 });
    expect(samples).toHaveLength(8_000);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(0.25);
    // 180 ms of voice, then 50 ms of silence: the pause after the first syllable is quiet.
    const pause = samples.subarray(Math.round(0.185 * RATE), Math.round(0.225 * RATE));
    expect(Math.max(...pause.map(Math.abs))).toBe(0);
    const voiced = samples.subarray(Math.round(0.05 * RATE), Math.round(0.13 * RATE));
    expect(Math.max(...voiced.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('sounds the same every time', () => {
    const a = synthesizeMurmur({ durationMs: 300, sampleRate: RATE });
    const b = synthesizeMurmur({ durationMs: 300, sampleRate: RATE });
    expect(a).toEqual(b);
  });
});
