import { describe, expect, it } from 'vitest';
import { GoertzelBank } from './goertzel.ts';

function directDft(samples: Float32Array, start: number, length: number, hz: number) {
  let re = 0;
  let im = 0;
  for (let n = 0; n < length; n++) {
    const w = (2 * Math.PI * hz * n) / 8000;
    re += samples[start + n]! * Math.cos(w);
    im -= samples[start + n]! * Math.sin(w);
  }
  return { re, im };
}

describe('GoertzelBank', () => {
  it('matches the direct DFT, phase included, at non-integer bins', () => {
    const samples = new Float32Array(300);
    for (let n = 0; n < samples.length; n++) {
      samples[n] = Math.sin((2 * Math.PI * 700 * n) / 8000 + 0.3) + 0.5 * Math.cos(n * 0.91);
    }
    const frequencies = [697, 1209, 1633];
    const bank = new GoertzelBank(frequencies, 51);
    const re = new Float64Array(3);
    const im = new Float64Array(3);
    bank.analyse(samples, 17, re, im);
    frequencies.forEach((hz, f) => {
      const expected = directDft(samples, 17, 51, hz);
      expect(re[f]).toBeCloseTo(expected.re, 6);
      expect(im[f]).toBeCloseTo(expected.im, 6);
    });
  });

  it('rejects frequencies outside the 8 kHz band', () => {
    expect(() => new GoertzelBank([5000], 51)).toThrow(/outside/);
  });
});
