import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { amdOnPcm } from './amdOnPcm.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { ALIGNMENT_OFFSETS } from './dtmfTestSignals.ts';
import type { NoisyGreetingOptions } from './noisyGreeting.ts';
import { noisyGreeting } from './noisyGreeting.ts';

/** Seed by seed, a mix of beds, hums and signal-to-noise ratios from 10 to 20 dB. */
function greetingFor(seed: number): Omit<NoisyGreetingOptions, 'rng' | 'durationMs'> {
  return {
    musicBedDb: seed % 4 === 0 ? null : -16 + (seed % 8),
    humHz: ([50, 60, null] as const)[seed % 3]!,
    humDb: -30 + (seed % 10),
    snrDb: 10 + (seed % 11),
  };
}

describe('noisyGreeting', () => {
  it('is the same signal for the same seed', () => {
    const a = noisyGreeting({ durationMs: 2000, rng: createRng(4) });
    expect(noisyGreeting({ durationMs: 2000, rng: createRng(4) })).toEqual(a);
    expect(a).toHaveLength(16_000);
  });

  it('makes the DTMF detector report no key (talk-off), over 30 greetings and every alignment', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const greeting = noisyGreeting({
        durationMs: 8000,
        rng: createRng(seed),
        ...greetingFor(seed),
      });
      for (const offset of ALIGNMENT_OFFSETS) {
        const keys = detectDtmf(greeting.subarray(offset));
        expect(
          keys,
          `seed ${seed}, ${JSON.stringify(greetingFor(seed))}, offset ${offset}`,
        ).toEqual([]);
      }
    }
  });

  it('reads as MACHINE to app_amd: a long greeting, music bed or not', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const greeting = noisyGreeting({
        durationMs: 8000,
        rng: createRng(seed),
        ...greetingFor(seed),
      });
      expect(amdOnPcm(greeting, amdParameters()).verdict, `seed ${seed}`).toBe('MACHINE');
    }
  });

  it('rejects a non-finite level with a message naming it', () => {
    expect(() => noisyGreeting({ durationMs: 1000, rng: createRng(1), snrDb: Number.NaN })).toThrow(
      /snrDb is NaN/,
    );
  });
});
