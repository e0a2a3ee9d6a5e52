import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { detectOnTimeline } from '../phone/amd/index.ts';
import { amdOnPcm, voicedFrames } from './amdOnPcm.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { addWhiteNoise } from './lineNoise.ts';
import { speechLike } from './speechLike.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('speechLike', () => {
  it('is the same signal for the same seed', () => {
    const a = speechLike({ durationMs: 500, rng: createRng(9) });
    const b = speechLike({ durationMs: 500, rng: createRng(9) });
    expect(a).toEqual(b);
    expect(a).toHaveLength(4000);
  });

  it('has a syllable-rate envelope: loud and quiet 50 ms stretches alternate', () => {
    const speech = speechLike({ durationMs: 2000, rng: createRng(3) });
    const rms: number[] = [];
    for (let start = 0; start + 400 <= speech.length; start += 400) {
      let sum = 0;
      for (let n = start; n < start + 400; n++) sum += speech[n]! ** 2;
      rms.push(Math.sqrt(sum / 400));
    }
    expect(Math.max(...rms) / Math.min(...rms)).toBeGreaterThan(2);
  });

  it('makes the DTMF detector report no key on 10 s of it (talk-off), for several seeds', () => {
    for (const seed of SEEDS) {
      for (const levelDbfs of [-10, -20, -30]) {
        const speech = speechLike({ durationMs: 10_000, rng: createRng(seed), levelDbfs });
        addWhiteNoise(speech, 0.0005, createRng(seed, 1));
        expect(detectDtmf(speech), `seed ${seed}, level ${levelDbfs} dBFS`).toEqual([]);
      }
    }
  });

  it('is heard as voice by app_amd: every frame voiced, a long greeting means MACHINE', () => {
    for (const seed of SEEDS) {
      const speech = speechLike({ durationMs: 10_000, rng: createRng(seed) });
      expect(voicedFrames(speech, 256).every(Boolean), `seed ${seed}`).toBe(true);
      const verdict = amdOnPcm(speech, amdParameters());
      expect(verdict).toMatchObject({ verdict: 'MACHINE', cause: 'LONGGREETING' });
      expect(verdict).toEqual(detectOnTimeline([{ startMs: 0, endMs: 10_000 }], amdParameters()));
    }
  });
});
