/**
 * A bank of Goertzel filters: the DFT of one block of samples at a few chosen frequencies (any
 * frequency, not only integer bins), with phase, for about one multiply-add per sample per
 * frequency.
 */
import { SAMPLE_RATE_HZ } from './sampleRate.ts';

export class GoertzelBank {
  readonly frequenciesHz: readonly number[];
  readonly blockLength: number;
  readonly #coefficient: Float64Array;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;
  /** e^{-jω(N-1)}: turns the filter's last output into the DFT relative to the block's start. */
  readonly #alignRe: Float64Array;
  readonly #alignIm: Float64Array;

  constructor(frequenciesHz: readonly number[], blockLength: number) {
    if (!Number.isInteger(blockLength) || blockLength < 2) {
      throw new RangeError(`GoertzelBank: blockLength ${blockLength} must be an integer >= 2.`);
    }
    for (const hz of frequenciesHz) {
      if (!(hz > 0 && hz < SAMPLE_RATE_HZ / 2)) {
        throw new RangeError(
          `GoertzelBank: ${hz} Hz is outside (0, ${SAMPLE_RATE_HZ / 2}) Hz, the band at 8 kHz.`,
        );
      }
    }
    this.frequenciesHz = [...frequenciesHz];
    this.blockLength = blockLength;
    const count = frequenciesHz.length;
    this.#coefficient = new Float64Array(count);
    this.#cos = new Float64Array(count);
    this.#sin = new Float64Array(count);
    this.#alignRe = new Float64Array(count);
    this.#alignIm = new Float64Array(count);
    for (let f = 0; f < count; f++) {
      const w = (2 * Math.PI * frequenciesHz[f]!) / SAMPLE_RATE_HZ;
      this.#cos[f] = Math.cos(w);
      this.#sin[f] = Math.sin(w);
      this.#coefficient[f] = 2 * Math.cos(w);
      this.#alignRe[f] = Math.cos(w * (blockLength - 1));
      this.#alignIm[f] = -Math.sin(w * (blockLength - 1));
    }
  }

  /**
   * Writes X_f = sum_n samples[start + n] e^{-jω_f n}, n < blockLength, into re[f] and im[f].
   * The caller makes sure the block lies inside `samples`.
   */
  analyse(samples: Float32Array, start: number, re: Float64Array, im: Float64Array): void {
    const end = start + this.blockLength;
    const count = this.#coefficient.length;
    // Two filters per pass over the block: half the loop overhead, same arithmetic.
    for (let f = 0; f < count; f += 2) {
      const g = f + 1 < count ? f + 1 : f;
      const c = this.#coefficient[f]!;
      const d = this.#coefficient[g]!;
      let s1 = 0;
      let s2 = 0;
      let t1 = 0;
      let t2 = 0;
      for (let n = start; n < end; n++) {
        const x = samples[n]!;
        const s0 = x + c * s1 - s2;
        s2 = s1;
        s1 = s0;
        const t0 = x + d * t1 - t2;
        t2 = t1;
        t1 = t0;
      }
      this.#output(f, s1, s2, re, im);
      if (g !== f) this.#output(g, t1, t2, re, im);
    }
  }

  /** y = s1 - e^{-jω} s2, rotated back by ω(N-1). */
  #output(f: number, s1: number, s2: number, re: Float64Array, im: Float64Array): void {
    const yRe = s1 - this.#cos[f]! * s2;
    const yIm = this.#sin[f]! * s2;
    const aRe = this.#alignRe[f]!;
    const aIm = this.#alignIm[f]!;
    re[f] = yRe * aRe - yIm * aIm;
    im[f] = yRe * aIm + yIm * aRe;
  }
}
