/**
 * The bench's reference (npm run bench, audio part): the DTMF receiver as it was in plain
 * TypeScript, before its filters moved to WebAssembly (src/audio/dtmfFilterBank.ts). The bench
 * times it in the same run as the receiver in src/audio, as the baseline of the speed figure, and
 * checks on the whole corpus that both report the same keys at the same times. Kept as it was:
 * its header below describes the receiver's decisions, which are unchanged.
 *
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
 * Known limits: with every impairment stacked (40 ms tones, 8 dB twist, 1.5% deviation, 15 dB
 * SNR) about 2-3% of keys are missed, as noise spoils a 40 ms tone's edge windows. Two nearly
 * pure notes within 1.5% of a key's pair, held over a quiet backing, are a key press by every
 * measure a receiver that must accept 40 ms tones has: in 3.9 hours of musicLike signal (seeds
 * 1-700, 20 s each) one such dyad (vibraphone A#5 + F#6, 1.1% and 0.03% off '#') gave a key.
 */
import type { DtmfKeyPress } from '../../src/audio/index.ts';
import { DTMF_COLUMN_HZ, DTMF_KEYPAD, DTMF_ROW_HZ } from '../../src/audio/dtmfTones.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, samplesToMs } from '../../src/audio/sampleRate.ts';

interface DtmfDetectorOptions {
  /** Quietest tone accepted, dBFS per tone. Default -40. */
  minToneLevelDbfs?: number;
  /** Largest normal twist (row louder), dB. Default 10: Q.24 asks for 8. */
  maxNormalTwistDb?: number;
  /** Largest reverse twist (column louder), dB. Default 6: Q.24 asks for 4. */
  maxReverseTwistDb?: number;
  /** Largest frequency deviation, %. Default 2: accept 1.5, reject 3.5 (and most musical notes). */
  maxDeviationPercent?: number;
}

const HALF = 51;
const WINDOW = 2 * HALF;
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
const FREQUENCIES = [...DTMF_ROW_HZ, ...DTMF_COLUMN_HZ];
/** The sample rate as a constant of this module: the hot path reads no imported binding. */
const RATE_HZ: number = SAMPLE_RATE_HZ;

class ReferenceDtmfDetector {
  readonly #minToneEnergy: number;
  readonly #maxNormalTwist: number;
  readonly #maxReverseTwist: number;
  readonly #maxDeviation: number;
  /** e^{-jω·51} per frequency: shifts the second half's DFT onto the window's start. */
  readonly #shiftRe = new Float64Array(8);
  readonly #shiftIm = new Float64Array(8);

  readonly #pending = new Float32Array(HALF);
  #pendingLength = 0;
  #halvesSeen = 0;
  readonly #halfRe = [new Float64Array(8), new Float64Array(8)] as const;
  readonly #halfIm = [new Float64Array(8), new Float64Array(8)] as const;
  readonly #halfEnergy = new Float64Array(2);
  // The window just tested and the one before it: two pairs of buffers that swap roles.
  #windowRe = new Float64Array(8);
  #windowIm = new Float64Array(8);
  /** |DFT|² of the window just tested, per frequency. */
  readonly #windowEnergy = new Float64Array(8);
  #previousRe = new Float64Array(8);
  #previousIm = new Float64Array(8);
  #previousKey = -1;
  #productRe = 0;
  #productIm = 0;

  #key = -1;
  /** The off-bin-corrected tone share of the window just tested (0 when not measurable). */
  #windowPurity = 0;
  #runIsPure = false;
  #firstWindow = 0;
  #lastWindow = 0;
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
    for (let f = 0; f < 8; f++) {
      const w = (2 * Math.PI * FREQUENCIES[f]!) / RATE_HZ;
      this.#shiftRe[f] = Math.cos(w * HALF);
      this.#shiftIm[f] = -Math.sin(w * HALF);
    }
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
      this.#half(this.#pending, 0, found);
      this.#pendingLength = 0;
    }
    for (; i + HALF <= samples.length; i += HALF) this.#half(samples, i, found);
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
      this.#half(this.#pending, 0, found);
      this.#pendingLength = 0;
    }
    this.#finishKey(found);
    return found;
  }

  #half(samples: Float32Array, start: number, found: DtmfKeyPress[]): void {
    const slot = this.#halvesSeen & 1;
    this.#halfEnergy[slot] = analyseHalf(samples, start, this.#halfRe[slot]!, this.#halfIm[slot]!);
    this.#halvesSeen++;
    if (this.#halvesSeen >= 2) this.#window(this.#halvesSeen - 2, slot, found);
  }

  /** Tests the window made of the previous half and half `second`; `index` counts windows. */
  #window(index: number, second: number, found: DtmfKeyPress[]): void {
    const first = second ^ 1;
    this.#swapWindows();
    const aRe = this.#halfRe[first]!;
    const aIm = this.#halfIm[first]!;
    const bRe = this.#halfRe[second]!;
    const bIm = this.#halfIm[second]!;
    const windowRe = this.#windowRe;
    const windowIm = this.#windowIm;
    const windowEnergy = this.#windowEnergy;
    const shiftRe = this.#shiftRe;
    const shiftIm = this.#shiftIm;
    let row = 0;
    let rowEnergy = -1;
    let column = 4;
    let columnEnergy = -1;
    for (let f = 0; f < 8; f++) {
      const re = aRe[f]! + bRe[f]! * shiftRe[f]! - bIm[f]! * shiftIm[f]!;
      const im = aIm[f]! + bRe[f]! * shiftIm[f]! + bIm[f]! * shiftRe[f]!;
      windowRe[f] = re;
      windowIm[f] = im;
      const e = re * re + im * im;
      windowEnergy[f] = e;
      if (f < 4) {
        if (e > rowEnergy) {
          row = f;
          rowEnergy = e;
        }
      } else if (e > columnEnergy) {
        column = f;
        columnEnergy = e;
      }
    }
    const key = this.#passes(row, rowEnergy, column, columnEnergy) ? row * 4 + column - 4 : -1;
    if (key >= 0 && key === this.#key && this.#previousKey === key) {
      this.#accumulatePhase(row, column);
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
    this.#lastWindow = index;
    this.#missed = 0;
    if (this.#windowPurity >= PURE_TONE_SHARE) this.#runIsPure = true;
  }

  /** The window last tested becomes the previous one; its old buffers take the new window. */
  #swapWindows(): void {
    const re = this.#previousRe;
    const im = this.#previousIm;
    this.#previousRe = this.#windowRe;
    this.#previousIm = this.#windowIm;
    this.#windowRe = re;
    this.#windowIm = im;
  }

  #passes(row: number, rowEnergy: number, column: number, columnEnergy: number): boolean {
    if (rowEnergy < this.#minToneEnergy || columnEnergy < this.#minToneEnergy) return false;
    // Twist compares the tones' levels, so undo what being off-bin costs each of them; the
    // offset is only trusted when the previous window already held this key.
    const coherent = this.#previousKey === row * 4 + column - 4;
    const rowLevel = coherent ? rowEnergy / this.#offBinGain(row) : rowEnergy;
    const columnLevel = coherent ? columnEnergy / this.#offBinGain(column) : columnEnergy;
    if (rowLevel > columnLevel * this.#maxNormalTwist) return false;
    if (columnLevel > rowLevel * this.#maxReverseTwist) return false;
    const windowEnergy = this.#windowEnergy;
    for (let f = 0; f < 8; f++) {
      if (f === row || f === column) continue;
      const e = windowEnergy[f]!;
      if (e * RELATIVE_PEAK > (f < 4 ? rowEnergy : columnEnergy)) return false;
    }
    const total = this.#halfEnergy[0]! + this.#halfEnergy[1]!;
    this.#windowPurity = coherent ? ((2 / WINDOW) * (rowLevel + columnLevel)) / total : 0;
    return (2 / WINDOW) * (rowEnergy + columnEnergy) >= MIN_TONE_ENERGY_SHARE * total;
  }

  /**
   * The share of a tone's energy a 102-sample window keeps when the tone is off its bin by the
   * offset measured against the previous window, capped at Q.24's 1.5%: a junk measurement (a
   * window that barely holds the tone) cannot inflate a level by more than that costs.
   */
  #offBinGain(f: number): number {
    this.#phaseProduct(f);
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
  #accumulatePhase(row: number, column: number): void {
    this.#phaseProduct(row);
    this.#rowPhaseRe += this.#productRe;
    this.#rowPhaseIm += this.#productIm;
    this.#phaseProduct(column);
    this.#columnPhaseRe += this.#productRe;
    this.#columnPhaseIm += this.#productIm;
  }

  /** Sets #productRe/#productIm to now · conj(previous) · e^{-jω·51} at frequency f. */
  #phaseProduct(f: number): void {
    const nRe = this.#windowRe[f]!;
    const nIm = this.#windowIm[f]!;
    const pRe = this.#previousRe[f]!;
    const pIm = -this.#previousIm[f]!;
    const re = nRe * pRe - nIm * pIm;
    const im = nRe * pIm + nIm * pRe;
    const sRe = this.#shiftRe[f]!;
    const sIm = this.#shiftIm[f]!;
    this.#productRe = re * sRe - im * sIm;
    this.#productIm = re * sIm + im * sRe;
  }

  #finishKey(found: DtmfKeyPress[]): void {
    const key = this.#key;
    if (key < 0) return;
    this.#key = -1;
    this.#missed = 0;
    if (this.#lastWindow - this.#firstWindow + 1 < MIN_RUN_WINDOWS || !this.#runIsPure) return;
    const row = key >> 2;
    const column = 4 + (key & 3);
    if (!this.#withinDeviation(this.#rowPhaseRe, this.#rowPhaseIm, FREQUENCIES[row]!)) return;
    if (!this.#withinDeviation(this.#columnPhaseRe, this.#columnPhaseIm, FREQUENCIES[column]!)) {
      return;
    }
    found.push({
      digit: DTMF_KEYPAD[key]!,
      startMs: samplesToMs(this.#firstWindow * HALF + EDGE_SAMPLES),
      endMs: samplesToMs(this.#lastWindow * HALF + WINDOW - EDGE_SAMPLES),
    });
  }

  #withinDeviation(re: number, im: number, hz: number): boolean {
    if (re === 0 && im === 0) return false;
    const offsetHz = (Math.atan2(im, re) * RATE_HZ) / (2 * Math.PI * HALF);
    return Math.abs(offsetHz) <= hz * this.#maxDeviation;
  }
}

/** Runs a fresh reference detector over a whole signal, end included. */
export function detectDtmfReference(
  samples: Float32Array,
  options?: DtmfDetectorOptions,
): DtmfKeyPress[] {
  const detector = new ReferenceDtmfDetector(options);
  return [...detector.push(samples), ...detector.flush()];
}

/** Per frequency: the Goertzel coefficient 2cos ω, cos ω, sin ω, and e^{-jω(HALF-1)}. */
const COEFFICIENT = new Float64Array(8);
const COS = new Float64Array(8);
const SIN = new Float64Array(8);
const ALIGN_RE = new Float64Array(8);
const ALIGN_IM = new Float64Array(8);
for (let f = 0; f < 8; f++) {
  const w = (2 * Math.PI * FREQUENCIES[f]!) / RATE_HZ;
  COS[f] = Math.cos(w);
  SIN[f] = Math.sin(w);
  COEFFICIENT[f] = 2 * Math.cos(w);
  ALIGN_RE[f] = Math.cos(w * (HALF - 1));
  ALIGN_IM[f] = -Math.sin(w * (HALF - 1));
}

/**
 * The DFT of samples[start, start + HALF) at the eight DTMF frequencies (relative to the
 * half's start) into re/im; returns the half's energy. The receiver's inner loop: four Goertzel
 * filters per pass over the samples (rows, then columns), the energy summed along.
 */
function analyseHalf(
  samples: Float32Array,
  start: number,
  re: Float64Array,
  im: Float64Array,
): number {
  const energy = fourFilters(samples, start, 0, re, im);
  fourFilters(samples, start, 4, re, im);
  return energy;
}

/** Filters f..f+3 over one half (state u, v, w, z: the last two outputs of each). */
function fourFilters(
  samples: Float32Array,
  start: number,
  f: number,
  re: Float64Array,
  im: Float64Array,
): number {
  const ku = COEFFICIENT[f]!;
  const kv = COEFFICIENT[f + 1]!;
  const kw = COEFFICIENT[f + 2]!;
  const kz = COEFFICIENT[f + 3]!;
  let u1 = 0;
  let u2 = 0;
  let v1 = 0;
  let v2 = 0;
  let w1 = 0;
  let w2 = 0;
  let z1 = 0;
  let z2 = 0;
  let energy = 0;
  for (let n = start; n < start + HALF; n++) {
    const x = samples[n]!;
    energy += x * x;
    const u0 = x + ku * u1 - u2;
    u2 = u1;
    u1 = u0;
    const v0 = x + kv * v1 - v2;
    v2 = v1;
    v1 = v0;
    const w0 = x + kw * w1 - w2;
    w2 = w1;
    w1 = w0;
    const z0 = x + kz * z1 - z2;
    z2 = z1;
    z1 = z0;
  }
  output(f, u1, u2, re, im);
  output(f + 1, v1, v2, re, im);
  output(f + 2, w1, w2, re, im);
  output(f + 3, z1, z2, re, im);
  return energy;
}

/** y = s1 - e^{-jω} s2, rotated back by ω(HALF-1). */
function output(f: number, s1: number, s2: number, re: Float64Array, im: Float64Array): void {
  const yRe = s1 - COS[f]! * s2;
  const yIm = SIN[f]! * s2;
  re[f] = yRe * ALIGN_RE[f]! - yIm * ALIGN_IM[f]!;
  im[f] = yRe * ALIGN_IM[f]! + yIm * ALIGN_RE[f]!;
}
