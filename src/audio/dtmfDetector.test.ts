import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { DtmfDetector, type DtmfKeyPress, detectDtmf } from './dtmfDetector.ts';
import { DTMF_KEYPAD } from './dtmfTones.ts';
import { ALIGNMENT_OFFSETS, signalOf } from './dtmfTestSignals.ts';
import { addWhiteNoise, meanPower, noiseRmsForSnr } from './lineNoise.ts';
import { samplesToMs } from './sampleRate.ts';

const digitsOf = (samples: Float32Array) =>
  detectDtmf(samples)
    .map((press) => press.digit)
    .join('');

const KEYS = DTMF_KEYPAD.split('');

describe('DtmfDetector', () => {
  it('reports every key once, with its start and end, at any alignment', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      for (const digit of KEYS) {
        const presses = detectDtmf(signalOf(offset, [{ digit, durationMs: 60 }]));
        const startMs = samplesToMs(offset) + 20;
        expect(presses, `key ${digit} at offset ${offset}`).toHaveLength(1);
        expect(presses[0]!.digit).toBe(digit);
        expect(Math.abs(presses[0]!.startMs - startMs)).toBeLessThanOrEqual(8);
        expect(Math.abs(presses[0]!.endMs - (startMs + 60))).toBeLessThanOrEqual(8);
      }
    }
  });

  it('accepts 40 ms tones and rejects tones of 23 ms or less', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      for (const digit of KEYS) {
        expect(digitsOf(signalOf(offset, [{ digit, durationMs: 40 }])), `offset ${offset}`).toBe(
          digit,
        );
        expect(digitsOf(signalOf(offset, [{ digit, durationMs: 23 }])), `offset ${offset}`).toBe(
          '',
        );
      }
    }
  });

  it('accepts ±1.5% frequency deviation and rejects ±3.5%', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      for (const digit of KEYS) {
        for (const sign of [-1, 1]) {
          const tone = (deviationPercent: number) =>
            digitsOf(signalOf(offset, [{ digit, durationMs: 50, deviationPercent }]));
          expect(tone(sign * 1.5), `key ${digit} ${sign * 1.5}% offset ${offset}`).toBe(digit);
          expect(tone(sign * 3.5), `key ${digit} ${sign * 3.5}% offset ${offset}`).toBe('');
        }
      }
    }
  });

  it('rides out a 10 ms interruption but splits presses 40 ms apart', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      const interrupted = signalOf(offset, [
        { digit: '5', durationMs: 50 },
        { pauseMs: 10 },
        { digit: '5', durationMs: 50, phase: 1 },
      ]);
      expect(digitsOf(interrupted), `offset ${offset}`).toBe('5');
      const twoPresses = signalOf(offset, [
        { digit: '5', durationMs: 50 },
        { pauseMs: 40 },
        { digit: '5', durationMs: 50 },
      ]);
      expect(digitsOf(twoPresses), `offset ${offset}`).toBe('55');
    }
  });

  it('accepts twist to 8 dB normal and 4 dB reverse, and rejects 12 dB and 8 dB', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      for (const digit of KEYS) {
        const twisted = (twistDb: number) =>
          digitsOf(signalOf(offset, [{ digit, durationMs: 50, twistDb }]));
        expect(twisted(8), `key ${digit} offset ${offset}`).toBe(digit);
        expect(twisted(-4), `key ${digit} offset ${offset}`).toBe(digit);
        expect(twisted(12), `key ${digit} offset ${offset}`).toBe('');
        expect(twisted(-8), `key ${digit} offset ${offset}`).toBe('');
      }
    }
  });

  it('accepts levels from -3 to -33 dBFS per tone and ignores -50 dBFS', () => {
    for (const offset of ALIGNMENT_OFFSETS) {
      for (const levelDbfs of [-3, -13, -23, -33]) {
        expect(digitsOf(signalOf(offset, [{ digit: '8', durationMs: 50, levelDbfs }]))).toBe('8');
      }
      expect(digitsOf(signalOf(offset, [{ digit: '8', durationMs: 50, levelDbfs: -50 }]))).toBe('');
    }
  });

  it('finds a 16-key sequence of 50 ms tones and 50 ms pauses at 15 dB SNR', () => {
    for (const [trial, offset] of ALIGNMENT_OFFSETS.entries()) {
      const seed = 4000 + trial;
      const signal = signalOf(
        offset,
        KEYS.flatMap((digit) => [{ digit, durationMs: 50, levelDbfs: -16 }, { pauseMs: 50 }]),
      );
      const tonePower = meanPower(signalOf(0, [{ digit: '5', durationMs: 1000, levelDbfs: -16 }]));
      addWhiteNoise(signal, noiseRmsForSnr(tonePower, 15), createRng(seed));
      expect(digitsOf(signal), `seed ${seed}, offset ${offset}`).toBe(DTMF_KEYPAD);
    }
  });

  it('holds 8 dB / 4 dB twist and ±1.5% deviation at 15 dB SNR, one impairment at a time', () => {
    const impairments = [
      { twistDb: 8, deviationPercent: 0 },
      { twistDb: -4, deviationPercent: 0 },
      { twistDb: 0, deviationPercent: 1.5 },
      { twistDb: 0, deviationPercent: -1.5 },
    ];
    for (const { twistDb, deviationPercent } of impairments) {
      const tonePower = meanPower(
        signalOf(0, [{ digit: '5', durationMs: 1000, levelDbfs: -16, twistDb }]),
      );
      for (const [trial, offset] of ALIGNMENT_OFFSETS.entries()) {
        const seed = 5000 + trial;
        const signal = signalOf(
          offset,
          KEYS.flatMap((digit) => [
            { digit, durationMs: 50, levelDbfs: -16, twistDb, deviationPercent },
            { pauseMs: 45 },
          ]),
        );
        addWhiteNoise(signal, noiseRmsForSnr(tonePower, 15), createRng(seed));
        const scenario = `twist ${twistDb} dB, deviation ${deviationPercent}%, seed ${seed}, offset ${offset}`;
        expect(digitsOf(signal), scenario).toBe(DTMF_KEYPAD);
      }
    }
  });

  it('gives the same presses however the stream is chunked', () => {
    const signal = signalOf(33, [
      { digit: '1', durationMs: 45 },
      { pauseMs: 45 },
      { digit: '#', durationMs: 80 },
    ]);
    const detector = new DtmfDetector();
    const found = [];
    for (let at = 0; at < signal.length; at += 37) {
      found.push(...detector.push(signal.subarray(at, at + 37)));
    }
    found.push(...detector.flush());
    expect(found).toEqual(detectDtmf(signal));
    expect(found.map((press) => press.digit)).toEqual(['1', '#']);
  });

  it('gives the same presses with other detectors fed in between, in pieces of any size', () => {
    // Detectors share one filter bank: each carries its last half and window across calls.
    const keys = (order: string) =>
      order.split('').flatMap((digit) => [{ digit, durationMs: 60 }, { pauseMs: 50 }]);
    const signals = [
      signalOf(5, keys(DTMF_KEYPAD)),
      signalOf(40, keys('9876543210#*DCBA')),
      signalOf(77, keys('159D')),
    ];
    // Pieces from 1 sample to past one call of the bank (128 halves = 6,528 samples).
    const sizes = [1, 50, 51, 52, 333, 7000, 13];
    const detectors = signals.map(() => new DtmfDetector());
    const found: DtmfKeyPress[][] = signals.map(() => []);
    const at = signals.map(() => 0);
    for (let turn = 0; at.some((n, i) => n < signals[i]!.length); turn++) {
      signals.forEach((signal, i) => {
        const size = sizes[(turn + i) % sizes.length]!;
        found[i]!.push(...detectors[i]!.push(signal.subarray(at[i], at[i]! + size)));
        at[i]! += size;
      });
    }
    detectors.forEach((detector, i) => found[i]!.push(...detector.flush()));
    signals.forEach((signal, i) => expect(found[i], `signal ${i}`).toEqual(detectDtmf(signal)));
    expect(found.map((presses) => presses.map((press) => press.digit).join(''))).toEqual([
      DTMF_KEYPAD,
      '9876543210#*DCBA',
      '159D',
    ]);
  });

  it('reports a key still sounding when the stream ends', () => {
    const signal = signalOf(0, [{ digit: '7', durationMs: 60 }]).subarray(0, 160 + 480);
    expect(digitsOf(signal)).toBe('7');
  });
});
