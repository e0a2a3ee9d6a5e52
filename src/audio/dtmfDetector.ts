/**
 * A streaming DTMF receiver. Goertzel filters run on 51-sample half-blocks; every half-block
 * (6.375 ms) the last two form a 102-sample window (12.75 ms) that is tested for a key. A key
 * press is a run of windows that pass; it is reported once, when it ends, with its start and
 * end. The reception figures of ITU-T Recommendation Q.24 (accept tones within ±1.5% and 40 ms
 * long, reject ±3.5% and 23 ms, ride out 10 ms breaks, work at 15 dB SNR) and the twist limits
 * Asterisk's and spandsp's receivers apply (8 dB normal, 4 dB reverse) come from these choices:
 *
 * - Duration: a clean window passes once a tone fills about half of it (the energy-share
 *   check), so a tone gives about D / 51 passing windows whatever its alignment: 40 ms
 *   (320 samples) gives 5 or more, 23 ms at most 4. A run must span MIN_RUN_WINDOWS.
 * - Interruptions: a 10 ms gap spoils at most 3 windows; a run survives MAX_MISSED_WINDOWS
 *   failing windows, while a 40 ms pause spoils 5 or more and splits two presses.
 * - Frequency: a 102-sample window cannot tell 1.5% from 3.5% by energy alone, so the run's
 *   frequencies are measured from the phase each tone advances between overlapping windows
 *   (51 samples apart: unambiguous within ±78 Hz) and must lie within ±2% of nominal. Not the
 *   midpoint 2.5%: equal-tempered notes sit 1.7-2.8% off several DTMF tones (G5 1.8% above
 *   770 Hz, G#6 1.7% above 1633 Hz, G#5 2.5% below 852 Hz, D6 2.8% below 1209 Hz), and at
 *   2.5% the farther ones dialled keys in music-like talk-off.
 * - Twist, relative peak and the tones' share of the window's total energy (talk-off: speech
 *   spreads its energy over many harmonics) are checked per window. Twist is judged on levels
 *   corrected for what a tone up to 1.5% off its bin loses in the window.
 * - Purity: the share test above passes half-filled windows (it times the tone), so it lets
 *   through a chord whose two loudest notes hold half its energy. A run must also hold one
 *   window where the two tones, corrected for being off-bin, carry PURE_TONE_SHARE of the
 *   energy: about 10.6 dB above everything else, below what a key at Q.24's 15 dB SNR gives
 *   (about 0.97) and above what harmonic instruments, chords and speech reach.
 *
 * The filters (eight Goertzels per half, the windows' DFTs, their loudest row and column) run in
 * WebAssembly, in dtmfFilterBank.ts, with the same double-precision arithmetic as JavaScript;
 * the tests above run here, on the records it writes, cheapest rejection first.
 *
 * Known limits: with every impairment stacked (40 ms tones, 8 dB twist, 1.5% deviation, 15 dB
 * SNR) about 2-3% of keys are missed, as noise spoils a 40 ms tone's edge windows. Two nearly
 * pure notes within 1.5% of a key's pair, held over a quiet backing, are a key press by every
 * measure a receiver that must accept 40 ms tones has: in 3.9 hours of musicLike signal (seeds
 * 1-700, 20 s each) one such dyad (vibraphone A#5 + F#6, 1.1% and 0.03% off '#') gave a key.
 */
import type { Ms } from '../core/units.ts';
import {
  CHUNK_HALVES,
  type DtmfFilterBank,
  FREQUENCIES,
  HALF,
  RECORD,
  SHIFT_IM,
  SHIFT_RE,
  WINDOW,
  dtmfFilterBank,
  halfRecordAt,
  lane,
  windowRecordAt,
} from './dtmfFilterBank.ts';
import { DTMF_KEYPAD } from './dtmfTones.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, samplesToMs } from './sampleRate.ts';

export interface DtmfKeyPress {
  digit: string;
  startMs: Ms;
  endMs: Ms;
}

export interface DtmfDetectorOptions {
  /** Quietest tone accepted, dBFS per tone. Default -40. */
  minToneLevelDbfs?: number;
  /** Largest normal twist (row louder), dB. Default 10: Q.24 asks for 8. */
  maxNormalTwistDb?: number;
  /** Largest reverse twist (column louder), dB. Default 6: Q.24 asks for 4. */
  maxReverseTwistDb?: number;
  /** Largest frequency deviation, %. Default 2: accept 1.5, reject 3.5 (and most musical notes). */
  maxDeviationPercent?: number;
}

const MIN_RUN_WINDOWS = 5;
const MAX_MISSED_WINDOWS = 3;
/** Each other tone of the same group must be this many times weaker (6 dB). */
const RELATIVE_PEAK = 4;
/** Share of the window's energy the two tones must hold. */
const MIN_TONE_ENERGY_SHARE = 0.5;
/** Share the two tones (off-bin loss undone) must hold in at least one window of a run. */
const PURE_TONE_SHARE = 0.92;
/** From a run's first window start (last window end) to the tone's estimated start (end). */
const EDGE_SAMPLES = 21;
/** Q.24's accepted frequency deviation. */
const TWIST_COMPENSATION_LIMIT = 0.015;
/** The sample rate as a constant of this module: the hot path reads no imported binding. */
const RATE_HZ: number = SAMPLE_RATE_HZ;
/** A window record's fields, in doubles from its start. */
const RE = RECORD.re;
const IM = RECORD.im;
const LOUDEST = RECORD.loudest;
const LOUDEST_INDEX = RECORD.loudestIndex;
const RUNNER_UP = RECORD.runnerUp;
const TOTAL = RECORD.total;
/** Doubles carried from one call of the bank to the next: a half's record, a window's DFT. */
const HALF_DOUBLES = RECORD.halfDoubles;
const WINDOW_DFT_DOUBLES = 16;
/** Where frequency f sits in a record's re, im and energy blocks. */
const LANE = Int32Array.from(FREQUENCIES, (_, f) => lane(f));

export class DtmfDetector {
  readonly #minToneEnergy: number;
  readonly #maxNormalTwist: number;
  readonly #maxReverseTwist: number;
  readonly #maxDeviation: number;
  readonly #bank: DtmfFilterBank;
  /** The bank's memory: the records of the windows being tested. */
  readonly #memory: Float64Array;

  readonly #pending = new Float32Array(HALF);
  #pendingLength = 0;
  #halvesSeen = 0;
  /** The last half's record and the last window's DFT, carried into the bank's next call. */
  readonly #lastHalf = new Float64Array(HALF_DOUBLES);
  readonly #lastWindow = new Float64Array(WINDOW_DFT_DOUBLES);
  #previousKey = -1;
  #productRe = 0;
  #productIm = 0;

  #key = -1;
  /** The off-bin-corrected tone share of the window just tested (0 when not measurable). */
  #windowPurity = 0;
  #runIsPure = false;
  #firstWindow = 0;
  #lastWindowIndex = 0;
  #missed = 0;
  #rowPhaseRe = 0;
  #rowPhaseIm = 0;
  #columnPhaseRe = 0;
  #columnPhaseIm = 0;

  constructor(options: DtmfDetectorOptions = {}) {
    const {
      minToneLevelDbfs = -40,
      maxNormalTwistDb = 10,
      maxReverseTwistDb = 6,
      maxDeviationPercent = 2,
    } = options;
    for (const [name, value] of Object.entries({
      minToneLevelDbfs,
      maxNormalTwistDb,
      maxReverseTwistDb,
      maxDeviationPercent,
    })) {
      if (!Number.isFinite(value)) {
        throw new RangeError(`DtmfDetector: ${name} is ${value}; pass a finite number.`);
      }
    }
    if (maxDeviationPercent <= 0 || maxDeviationPercent >= 4.5) {
      throw new RangeError(
        `DtmfDetector: maxDeviationPercent ${maxDeviationPercent} must be in (0, 4.5); phase measurement is unambiguous only within ±78 Hz.`,
      );
    }
    const amplitude = dbfsToAmplitude(minToneLevelDbfs);
    this.#minToneEnergy = ((amplitude * WINDOW) / 2) ** 2;
    this.#maxNormalTwist = 10 ** (maxNormalTwistDb / 10);
    this.#maxReverseTwist = 10 ** (maxReverseTwistDb / 10);
    this.#maxDeviation = maxDeviationPercent / 100;
    this.#bank = dtmfFilterBank();
    this.#memory = this.#bank.memory;
  }

  /** Feeds 8 kHz samples (full scale ±1); returns the key presses that ended in them. */
  push(samples: Float32Array): DtmfKeyPress[] {
    const found: DtmfKeyPress[] = [];
    let i = 0;
    if (this.#pendingLength > 0) {
      const take = Math.min(HALF - this.#pendingLength, samples.length);
      this.#pending.set(samples.subarray(0, take), this.#pendingLength);
      this.#pendingLength += take;
      i = take;
      if (this.#pendingLength < HALF) return found;
      this.#bank.input.set(this.#pending);
      this.#analyse(1, found);
      this.#pendingLength = 0;
    }
    while (i + HALF <= samples.length) {
      const halves = Math.min(CHUNK_HALVES, Math.floor((samples.length - i) / HALF));
      this.#bank.input.set(samples.subarray(i, i + halves * HALF));
      this.#analyse(halves, found);
      i += halves * HALF;
    }
    if (i < samples.length) {
      this.#pending.set(samples.subarray(i));
      this.#pendingLength = samples.length - i;
    }
    return found;
  }

  /** Ends the stream: reports a key still sounding at the end. */
  flush(): DtmfKeyPress[] {
    const found: DtmfKeyPress[] = [];
    if (this.#pendingLength > 0) {
      this.#pending.fill(0, this.#pendingLength);
      this.#bank.input.set(this.#pending);
      this.#analyse(1, found);
      this.#pendingLength = 0;
    }
    this.#finishKey(found);
    return found;
  }

  /**
   * Runs the bank over the first `halves` halves of its input, this detector's last half and
   * window carried in and out, and tests each window that ends in them.
   */
  #analyse(halves: number, found: DtmfKeyPress[]): void {
    const memory = this.#memory;
    memory.set(this.#lastHalf, halfRecordAt(-1));
    memory.set(this.#lastWindow, windowRecordAt(-1));
    this.#bank.analyse(halves);
    // Window w ends with half w: it is window number halvesSeen + w - 1 of the stream.
    for (let h = this.#halvesSeen === 0 ? 1 : 0; h < halves; h++) {
      this.#window(this.#halvesSeen + h - 1, windowRecordAt(h), found);
    }
    this.#halvesSeen += halves;
    const lastHalf = halfRecordAt(halves - 1);
    const lastWindow = windowRecordAt(halves - 1);
    this.#lastHalf.set(memory.subarray(lastHalf, lastHalf + HALF_DOUBLES));
    this.#lastWindow.set(memory.subarray(lastWindow, lastWindow + WINDOW_DFT_DOUBLES));
  }

  /** Tests window `index`, whose record starts at `at` (the previous window's just before). */
  #window(index: number, at: number, found: DtmfKeyPress[]): void {
    const memory = this.#memory;
    const rowEnergy = memory[at + LOUDEST]!;
    const columnEnergy = memory[at + LOUDEST + 1]!;
    const row = memory[at + LOUDEST_INDEX]! | 0;
    const column = memory[at + LOUDEST_INDEX + 1]! | 0;
    const key = this.#passes(at, row, rowEnergy, column, columnEnergy) ? row * 4 + column - 4 : -1;
    if (key >= 0 && key === this.#key && this.#previousKey === key) {
      this.#accumulatePhase(at, row, column);
    }
    this.#previousKey = key;

    if (key < 0) {
      if (this.#key >= 0 && ++this.#missed > MAX_MISSED_WINDOWS) this.#finishKey(found);
      return;
    }
    if (key !== this.#key) {
      this.#finishKey(found);
      this.#key = key;
      this.#firstWindow = index;
      this.#runIsPure = false;
      this.#rowPhaseRe = this.#rowPhaseIm = this.#columnPhaseRe = this.#columnPhaseIm = 0;
    }
    this.#lastWindowIndex = index;
    this.#missed = 0;
    if (this.#windowPurity >= PURE_TONE_SHARE) this.#runIsPure = true;
  }

  /**
   * Whether the window holds the key of its loudest row and column. The tests are independent
   * rejections, cheapest first: level, relative peak, energy share, then twist (which needs the
   * tones' off-bin gains).
   */
  #passes(at: number, row: number, rowEnergy: number, column: number, columnEnergy: number) {
    if (rowEnergy < this.#minToneEnergy || columnEnergy < this.#minToneEnergy) return false;
    // Every other tone of each group at least RELATIVE_PEAK times weaker.
    const memory = this.#memory;
    if (memory[at + RUNNER_UP]! * RELATIVE_PEAK > rowEnergy) return false;
    if (memory[at + RUNNER_UP + 1]! * RELATIVE_PEAK > columnEnergy) return false;
    const total = memory[at + TOTAL]!;
    if (!((2 / WINDOW) * (rowEnergy + columnEnergy) >= MIN_TONE_ENERGY_SHARE * total)) return false;
    // Twist compares the tones' levels, so undo what being off-bin costs each of them; the
    // offset is only trusted when the previous window already held this key.
    const coherent = this.#previousKey === row * 4 + column - 4;
    const rowLevel = coherent ? rowEnergy / this.#offBinGain(at, row) : rowEnergy;
    const columnLevel = coherent ? columnEnergy / this.#offBinGain(at, column) : columnEnergy;
    if (rowLevel > columnLevel * this.#maxNormalTwist) return false;
    if (columnLevel > rowLevel * this.#maxReverseTwist) return false;
    this.#windowPurity = coherent ? ((2 / WINDOW) * (rowLevel + columnLevel)) / total : 0;
    return true;
  }

  /**
   * The share of a tone's energy a 102-sample window keeps when the tone is off its bin by the
   * offset measured against the previous window, capped at Q.24's 1.5%: a junk measurement (a
   * window that barely holds the tone) cannot inflate a level by more than that costs.
   */
  #offBinGain(at: number, f: number): number {
    this.#phaseProduct(at, f);
    const re = this.#productRe;
    const im = this.#productIm;
    if (re === 0 && im === 0) return 1;
    const limitHz = FREQUENCIES[f]! * TWIST_COMPENSATION_LIMIT;
    const offsetHz = (Math.atan2(im, re) * RATE_HZ) / (2 * Math.PI * HALF);
    const x = (Math.PI * Math.min(Math.abs(offsetHz), limitHz)) / RATE_HZ;
    if (x === 0) return 1;
    const ratio = Math.sin(WINDOW * x) / (WINDOW * Math.sin(x));
    return ratio * ratio;
  }

  /** Adds this window's phase advance over the previous one, net of the nominal frequency. */
  #accumulatePhase(at: number, row: number, column: number): void {
    this.#phaseProduct(at, row);
    this.#rowPhaseRe += this.#productRe;
    this.#rowPhaseIm += this.#productIm;
    this.#phaseProduct(at, column);
    this.#columnPhaseRe += this.#productRe;
    this.#columnPhaseIm += this.#productIm;
  }

  /** Sets #productRe/#productIm to now · conj(previous) · e^{-jω·51} at frequency f. */
  #phaseProduct(at: number, f: number): void {
    const memory = this.#memory;
    const now = at + LANE[f]!;
    const before = now - RECORD.windowDoubles;
    const nRe = memory[now + RE]!;
    const nIm = memory[now + IM]!;
    const pRe = memory[before + RE]!;
    const pIm = -memory[before + IM]!;
    const re = nRe * pRe - nIm * pIm;
    const im = nRe * pIm + nIm * pRe;
    const sRe = SHIFT_RE[f]!;
    const sIm = SHIFT_IM[f]!;
    this.#productRe = re * sRe - im * sIm;
    this.#productIm = re * sIm + im * sRe;
  }

  #finishKey(found: DtmfKeyPress[]): void {
    const key = this.#key;
    if (key < 0) return;
    this.#key = -1;
    this.#missed = 0;
    if (this.#lastWindowIndex - this.#firstWindow + 1 < MIN_RUN_WINDOWS || !this.#runIsPure) return;
    const row = key >> 2;
    const column = 4 + (key & 3);
    if (!this.#withinDeviation(this.#rowPhaseRe, this.#rowPhaseIm, FREQUENCIES[row]!)) return;
    if (!this.#withinDeviation(this.#columnPhaseRe, this.#columnPhaseIm, FREQUENCIES[column]!)) {
      return;
    }
    found.push({
      digit: DTMF_KEYPAD[key]!,
      startMs: samplesToMs(this.#firstWindow * HALF + EDGE_SAMPLES),
      endMs: samplesToMs(this.#lastWindowIndex * HALF + WINDOW - EDGE_SAMPLES),
    });
  }

  #withinDeviation(re: number, im: number, hz: number): boolean {
    if (re === 0 && im === 0) return false;
    const offsetHz = (Math.atan2(im, re) * RATE_HZ) / (2 * Math.PI * HALF);
    return Math.abs(offsetHz) <= hz * this.#maxDeviation;
  }
}

/** Runs a fresh detector over a whole signal, end included. */
export function detectDtmf(samples: Float32Array, options?: DtmfDetectorOptions): DtmfKeyPress[] {
  const detector = new DtmfDetector(options);
  return [...detector.push(samples), ...detector.flush()];
}
