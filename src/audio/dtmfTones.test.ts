import { describe, expect, it } from 'vitest';
import { DTMF_KEYPAD, dtmfFrequencies, renderDtmfTone } from './dtmfTones.ts';

function toneAmplitude(samples: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < samples.length; n++) {
    re += samples[n]! * Math.cos((2 * Math.PI * hz * n) / 8000);
    im += samples[n]! * Math.sin((2 * Math.PI * hz * n) / 8000);
  }
  return (2 * Math.hypot(re, im)) / samples.length;
}

describe('dtmfFrequencies', () => {
  it('maps each key to its Q.23 row and column', () => {
    expect(dtmfFrequencies('1')).toEqual({ lowHz: 697, highHz: 1209 });
    expect(dtmfFrequencies('0')).toEqual({ lowHz: 941, highHz: 1336 });
    expect(dtmfFrequencies('#')).toEqual({ lowHz: 941, highHz: 1477 });
    expect(dtmfFrequencies('d')).toEqual({ lowHz: 941, highHz: 1633 });
    expect(DTMF_KEYPAD).toHaveLength(16);
  });

  it('names the allowed keys when given something else', () => {
    expect(() => dtmfFrequencies('x')).toThrow(/use one of 1 2 3 A/);
  });
});

describe('renderDtmfTone', () => {
  it('renders 8 samples per ms', () => {
    expect(renderDtmfTone({ digit: '5', durationMs: 40 })).toHaveLength(320);
  });

  it('puts the level on the louder tone and the twist on the other', () => {
    const normal = renderDtmfTone({ digit: '1', durationMs: 1000, levelDbfs: -6, twistDb: 8 });
    expect(20 * Math.log10(toneAmplitude(normal, 697))).toBeCloseTo(-6, 1);
    expect(20 * Math.log10(toneAmplitude(normal, 1209))).toBeCloseTo(-14, 1);
    const reverse = renderDtmfTone({ digit: '1', durationMs: 1000, levelDbfs: -6, twistDb: -4 });
    expect(20 * Math.log10(toneAmplitude(reverse, 697))).toBeCloseTo(-10, 1);
    expect(20 * Math.log10(toneAmplitude(reverse, 1209))).toBeCloseTo(-6, 1);
  });

  it('shifts both tones by the frequency deviation', () => {
    const shifted = renderDtmfTone({ digit: '9', durationMs: 1000, deviationPercent: 2 });
    expect(toneAmplitude(shifted, 852 * 1.02)).toBeGreaterThan(0.3);
    expect(toneAmplitude(shifted, 852)).toBeLessThan(0.01);
  });
});
