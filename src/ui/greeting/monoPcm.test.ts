import { describe, expect, it } from 'vitest';
import { mixToMono, resamplePcm } from './monoPcm.ts';

function sine(hz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let n = 0; n < out.length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * hz * n) / rate);
  return out;
}

/** Amplitude of the `hz` component over the middle half of the signal (edges have filter ramps). */
function amplitudeAt(samples: Float32Array, hz: number, rate: number): number {
  const from = Math.floor(samples.length / 4);
  const to = Math.floor((3 * samples.length) / 4);
  let re = 0;
  let im = 0;
  for (let n = from; n < to; n++) {
    re += samples[n]! * Math.cos((2 * Math.PI * hz * n) / rate);
    im += samples[n]! * Math.sin((2 * Math.PI * hz * n) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

describe('mixToMono', () => {
  it('averages the channels sample by sample', () => {
    const mono = mixToMono([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 1)]);
    expect([...mono]).toEqual([0.5, 0.5, 0]);
  });

  it('returns a copy of a single channel', () => {
    const channel = Float32Array.of(0.25, -0.25);
    const mono = mixToMono([channel]);
    expect([...mono]).toEqual([0.25, -0.25]);
    expect(mono).not.toBe(channel);
  });

  it('refuses an empty channel list', () => {
    expect(() => mixToMono([])).toThrow(/no channels/);
  });
});

describe('resamplePcm', () => {
  it('keeps a 1 kHz tone at its frequency and level going from 44.1 kHz to 8 kHz', () => {
    const out = resamplePcm(sine(1000, 44_100, 0.5), 44_100, 8000);
    expect(out.length).toBe(4000);
    expect(amplitudeAt(out, 1000, 8000)).toBeCloseTo(0.5, 2);
  });

  it('keeps the top DTMF frequency (1633 Hz) at its level from 48 kHz', () => {
    const out = resamplePcm(sine(1633, 48_000, 0.5), 48_000, 8000);
    expect(amplitudeAt(out, 1633, 8000)).toBeCloseTo(0.5, 2);
  });

  it('removes a 5 kHz tone instead of folding it back to 3 kHz', () => {
    const out = resamplePcm(sine(5000, 48_000, 0.5), 48_000, 8000);
    expect(amplitudeAt(out, 3000, 8000)).toBeLessThan(0.005);
  });

  it('upsamples without changing a tone', () => {
    const out = resamplePcm(sine(700, 8000, 0.5), 8000, 16_000);
    expect(out.length).toBe(8000);
    expect(amplitudeAt(out, 700, 16_000)).toBeCloseTo(0.5, 2);
  });

  it('returns a copy when the rates are equal', () => {
    const input = Float32Array.of(0.1, 0.2);
    const out = resamplePcm(input, 8000, 8000);
    expect([...out]).toEqual([...input]);
    expect(out).not.toBe(input);
  });

  it('names a bad rate', () => {
    expect(() => resamplePcm(new Float32Array(4), 0, 8000)).toThrow(/fromHz is 0/);
    expect(() => resamplePcm(new Float32Array(4), 8000, Number.NaN)).toThrow(/toHz is NaN/);
  });
});
