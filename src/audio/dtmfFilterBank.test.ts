import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import {
  CHUNK_HALVES,
  DTMF_FILTER_BANK_WASM,
  FREQUENCIES,
  HALF,
  RECORD,
  SHIFT_IM,
  SHIFT_RE,
  dtmfFilterBank,
  halfRecordAt,
  lane,
  windowRecordAt,
} from './dtmfFilterBank.ts';
import { renderDtmfTone } from './dtmfTones.ts';
import { GoertzelBank } from './goertzel.ts';
import { addWhiteNoise } from './lineNoise.ts';

/** What the bank must compute, in plain JavaScript doubles. */
function expectedHalves(samples: Float32Array, halves: number) {
  const goertzel = new GoertzelBank(FREQUENCIES, HALF);
  return Array.from({ length: halves }, (_, h) => {
    const re = new Float64Array(8);
    const im = new Float64Array(8);
    goertzel.analyse(samples, h * HALF, re, im);
    let energy = 0;
    for (let n = h * HALF; n < (h + 1) * HALF; n++) energy += samples[n]! * samples[n]!;
    return { re, im, energy };
  });
}

function expectedWindow(a: ReturnType<typeof expectedHalves>[number], b: typeof a) {
  const re = new Float64Array(8);
  const im = new Float64Array(8);
  const energy = new Float64Array(8);
  for (let f = 0; f < 8; f++) {
    re[f] = a.re[f]! + b.re[f]! * SHIFT_RE[f]! - b.im[f]! * SHIFT_IM[f]!;
    im[f] = a.im[f]! + b.re[f]! * SHIFT_IM[f]! + b.im[f]! * SHIFT_RE[f]!;
    energy[f] = re[f]! * re[f]! + im[f]! * im[f]!;
  }
  const scan = (first: number) => {
    let loudest = -1;
    let index = first;
    for (let f = first; f < first + 4; f++) {
      if (energy[f]! > loudest) {
        loudest = energy[f]!;
        index = f;
      }
    }
    let runnerUp = -1;
    for (let f = first; f < first + 4; f++) {
      if (f !== index && energy[f]! > runnerUp) runnerUp = energy[f]!;
    }
    return { loudest, index, runnerUp };
  };
  return { re, im, energy, rows: scan(0), columns: scan(4), total: a.energy + b.energy };
}

/** The record at `at` in frequency order. */
const inFrequencyOrder = (memory: Float64Array, at: number) =>
  Float64Array.from(FREQUENCIES, (_, f) => memory[at + lane(f)]!);

function runBank(samples: Float32Array, halves: number) {
  const bank = dtmfFilterBank();
  bank.memory.fill(0, halfRecordAt(-1), halfRecordAt(0));
  bank.input.set(samples.subarray(0, halves * HALF));
  bank.analyse(halves);
  return bank.memory;
}

describe('dtmfFilterBank', () => {
  it('computes the halves, windows and loudest tones bit for bit as JavaScript does', () => {
    const halves = CHUNK_HALVES;
    const samples = new Float32Array(halves * HALF);
    // Keys, a chord of two rows, and noise, so that every lane is the loudest somewhere.
    for (const [i, digit] of [...'1593D#*0'].entries()) {
      samples.set(renderDtmfTone({ digit, durationMs: 60, levelDbfs: -10 - i }), i * 800);
    }
    addWhiteNoise(samples, 0.01, createRng(7));
    const memory = runBank(samples, halves);
    const expected = expectedHalves(samples, halves);
    for (let h = 0; h < halves; h++) {
      const half = halfRecordAt(h);
      expect(inFrequencyOrder(memory, half + RECORD.re), `half ${h} re`).toEqual(expected[h]!.re);
      expect(inFrequencyOrder(memory, half + RECORD.im), `half ${h} im`).toEqual(expected[h]!.im);
      expect(memory[half + RECORD.energy], `half ${h} energy`).toBe(expected[h]!.energy);
      if (h === 0) continue;
      const window = windowRecordAt(h);
      const want = expectedWindow(expected[h - 1]!, expected[h]!);
      expect(inFrequencyOrder(memory, window + RECORD.re), `window ${h} re`).toEqual(want.re);
      expect(inFrequencyOrder(memory, window + RECORD.im), `window ${h} im`).toEqual(want.im);
      expect(inFrequencyOrder(memory, window + RECORD.energy)).toEqual(want.energy);
      expect([...memory.subarray(window + RECORD.loudest, window + RECORD.loudest + 2)]).toEqual([
        want.rows.loudest,
        want.columns.loudest,
      ]);
      expect(memory[window + RECORD.loudestIndex]).toBe(want.rows.index);
      expect(memory[window + RECORD.loudestIndex + 1]).toBe(want.columns.index);
      expect(memory[window + RECORD.runnerUp]).toBe(want.rows.runnerUp);
      expect(memory[window + RECORD.runnerUp + 1]).toBe(want.columns.runnerUp);
      expect(memory[window + RECORD.total]).toBe(want.total);
    }
  });

  it('keeps the first of equal maxima, and lets no NaN win, as the JavaScript scan does', () => {
    const silence = runBank(new Float32Array(2 * HALF), 2);
    const window = windowRecordAt(1);
    // All |DFT|² are 0: row 0 and column 4 win, and the runners-up tie with them.
    expect([...silence.subarray(window + RECORD.loudest, window + RECORD.total + 1)]).toEqual([
      0, 0, 0, 4, 0, 0, 0,
    ]);
    const broken = new Float32Array(2 * HALF);
    broken[60] = NaN;
    const nan = runBank(broken, 2);
    // Every |DFT|² is NaN: nothing beats the scan's starting -1.
    expect([...nan.subarray(window + RECORD.loudest, window + RECORD.total)]).toEqual([
      -1, -1, 0, 4, -1, -1,
    ]);
  });

  it('is a module browsers compile synchronously on the main thread (under 4 KiB)', () => {
    expect(DTMF_FILTER_BANK_WASM.length).toBeLessThan(4096);
    expect(WebAssembly.validate(DTMF_FILTER_BANK_WASM)).toBe(true);
  });
});
