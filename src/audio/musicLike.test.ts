import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { amdOnPcm, voicedFrames } from './amdOnPcm.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { ALIGNMENT_OFFSETS } from './dtmfTestSignals.ts';
import { DTMF_COLUMN_HZ, DTMF_ROW_HZ } from './dtmfTones.ts';
import { GoertzelBank } from './goertzel.ts';
import { addWhiteNoise, meanPower } from './lineNoise.ts';
import { musicLike } from './musicLike.ts';

const TALK_OFF_SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

/**
 * The most energy one row tone and one column tone hold in any 102-sample window, as a share
 * of the window's energy: what a receiver's per-window energy-share test sees.
 */
function bestDtmfPairShare(samples: Float32Array): number {
  const bank = new GoertzelBank([...DTMF_ROW_HZ, ...DTMF_COLUMN_HZ], 102);
  const re = new Float64Array(8);
  const im = new Float64Array(8);
  let best = 0;
  for (let start = 0; start + 102 <= samples.length; start += 51) {
    bank.analyse(samples, start, re, im);
    const energy = Array.from(re, (x, f) => x * x + im[f]! * im[f]!);
    const total = meanPower(samples.subarray(start, start + 102)) * 102;
    const pair = Math.max(...energy.slice(0, 4)) + Math.max(...energy.slice(4));
    best = Math.max(best, ((2 / 102) * pair) / total);
  }
  return best;
}

describe('musicLike', () => {
  it('is the same signal for the same seed, at the level asked for', () => {
    const a = musicLike({ durationMs: 3000, rng: createRng(9), levelDbfs: -20 });
    const b = musicLike({ durationMs: 3000, rng: createRng(9), levelDbfs: -20 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(24_000);
    // A -20 dBFS sine has RMS 0.1 / √2.
    expect(Math.sqrt(meanPower(a))).toBeCloseTo(0.1 / Math.SQRT2, 4);
    expect(musicLike({ durationMs: 3000, rng: createRng(10) })).not.toEqual(a);
  });

  it('is hard talk-off material: its notes fill DTMF row and column bins', () => {
    const shares = [1, 2, 3, 4, 5, 6].map((seed) =>
      bestDtmfPairShare(musicLike({ durationMs: 10_000, rng: createRng(seed) })),
    );
    // A per-window test that only asks the two tones for half the energy would pass these.
    expect(shares.filter((share) => share > 0.5).length).toBeGreaterThanOrEqual(4);
  });

  it('makes the DTMF detector report no key, over 40 pieces, two levels and every alignment', () => {
    for (const seed of TALK_OFF_SEEDS) {
      const music = musicLike({ durationMs: 15_000, rng: createRng(seed), levelDbfs: -10 });
      addWhiteNoise(music, 0.0003, createRng(seed, 1));
      for (const gain of [1, 0.1]) {
        const scaled = gain === 1 ? music : music.map((x) => x * gain);
        for (const offset of ALIGNMENT_OFFSETS) {
          const keys = detectDtmf(scaled.subarray(offset));
          expect(keys, `seed ${seed}, gain ${gain}, offset ${offset}`).toEqual([]);
        }
      }
    }
  });

  it('is heard as voice by app_amd: a piece longer than a greeting reads as MACHINE', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const music = musicLike({ durationMs: 6000, rng: createRng(seed) });
      const frames = voicedFrames(music, amdParameters().silenceThreshold);
      expect(frames.filter(Boolean).length / frames.length, `seed ${seed}`).toBeGreaterThan(0.95);
      expect(amdOnPcm(music, amdParameters()), `seed ${seed}`).toMatchObject({
        verdict: 'MACHINE',
        cause: 'LONGGREETING',
      });
    }
  });

  it('rejects a negative duration with a message naming it', () => {
    expect(() => musicLike({ durationMs: -1, rng: createRng(1) })).toThrow(/durationMs is -1/);
  });
});
