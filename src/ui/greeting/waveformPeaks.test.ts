import { describe, expect, it } from 'vitest';
import { waveformPeaks } from './waveformPeaks.ts';

describe('waveformPeaks', () => {
  it('keeps the lowest and highest sample of each column', () => {
    const peaks = waveformPeaks(Float32Array.of(0.5, -0.25, 0.1, -0.75), 2);
    expect(peaks).toEqual([
      { min: -0.25, max: 0.5 },
      { min: -0.75, max: expect.closeTo(0.1, 6) },
    ]);
  });

  it('draws silence as a flat line and gives a column to every pixel of a short recording', () => {
    const peaks = waveformPeaks(new Float32Array(3), 6);
    expect(peaks).toHaveLength(6);
    expect(peaks.every((peak) => peak.min === 0 && peak.max === 0)).toBe(true);
  });

  it('refuses a column count that is not a whole positive number', () => {
    expect(() => waveformPeaks(new Float32Array(8), 0)).toThrow(/columns is 0/);
  });
});
