import type { Ms } from '../core/units.ts';
import { checkInteger, checkRecord, exactSum } from './integers.ts';
import { Z_95 } from './wilsonInterval.ts';

/** Width of one histogram bin: the sketch's resolution. */
export const MEDIAN_BIN_MS = 10 satisfies Ms;

/**
 * Plain-data form of a MedianSketch, safe to pass through structured clone or JSON. `bins` holds
 * [bin index, count] pairs in increasing bin order, only for non-empty bins; bin i covers
 * [10·i, 10·i + 10) ms. Sorted, so equal sketches serialise identically.
 */
export interface MedianSketchData {
  readonly binMs: typeof MEDIAN_BIN_MS;
  readonly bins: ReadonlyArray<readonly [binIndex: number, count: number]>;
}

/**
 * Mergeable median of integer millisecond values (e.g. time until the user has the code).
 *
 * A sparse histogram of 10 ms bins with integer counts: merging is exact and order-free, and
 * memory grows with the spread of the values (one entry per occupied bin), not their number.
 * `add` and `merge` change this sketch and return it.
 */
export class MedianSketch {
  readonly #bins = new Map<number, number>();
  #count = 0;

  /** Number of values added. */
  get count(): number {
    return this.#count;
  }

  /** Adds one value in whole milliseconds (any safe integer, negative included). */
  add(ms: Ms): this {
    if (!Number.isSafeInteger(ms)) {
      throw new Error(
        `MedianSketch.add takes whole milliseconds; got ${String(ms)}. Round the value first.`,
      );
    }
    this.#addToBin(Math.floor(ms / MEDIAN_BIN_MS), 1);
    return this;
  }

  merge(other: MedianSketch): this {
    for (const [bin, count] of other.#bins) this.#addToBin(bin, count);
    return this;
  }

  /**
   * The median in milliseconds, the unit the values were added in, or null when empty. Resolution 10 ms: the result is the midpoint of
   * the bin holding the median, so within 5 ms of the exact value. For an even count this is the
   * lower median (the value at rank n/2 in sorted order), never an average of two bins, so the
   * answer is always the midpoint of an occupied bin.
   */
  median(): Ms | null {
    return this.#count === 0 ? null : this.valueAtRank(Math.ceil(this.#count / 2));
  }

  /**
   * The value of rank `rank` (1 is the smallest, `count` the largest) as the midpoint of its
   * 10 ms bin, or null when empty.
   */
  valueAtRank(rank: number): Ms | null {
    if (this.#count === 0) return null;
    if (!Number.isInteger(rank) || rank < 1 || rank > this.#count) {
      throw new Error(`MedianSketch.valueAtRank: rank must be 1 to ${this.#count}; got ${rank}.`);
    }
    let seen = 0;
    for (const bin of this.#sortedBins()) {
      seen += this.#bins.get(bin) ?? 0;
      if (seen >= rank) return bin * MEDIAN_BIN_MS + MEDIAN_BIN_MS / 2;
    }
    throw new Error('MedianSketch: bin counts do not add up to count (internal error).');
  }

  /**
   * A distribution-free 95% interval of the median (with `z`, any two-sided level): the values
   * of ranks n/2 − z√n/2 and 1 + n/2 + z√n/2, rounded to the nearest rank and kept within 1 to n
   * (the normal approximation to the binomial count of values below the median: Gardner and
   * Altman, Statistics with Confidence, BMJ Books, chapter 8), each the midpoint of its bin; null
   * when empty.
   */
  medianInterval(z: number = Z_95): readonly [Ms, Ms] | null {
    const n = this.#count;
    if (n === 0) return null;
    const half = (z * Math.sqrt(n)) / 2;
    const low = Math.min(n, Math.max(1, Math.round(n / 2 - half)));
    const high = Math.min(n, Math.max(1, Math.round(1 + n / 2 + half)));
    return [this.valueAtRank(low)!, this.valueAtRank(high)!];
  }

  toJSON(): MedianSketchData {
    return {
      binMs: MEDIAN_BIN_MS,
      bins: this.#sortedBins().map((bin) => [bin, this.#bins.get(bin) ?? 0] as const),
    };
  }

  static fromJSON(data: MedianSketchData): MedianSketch {
    const record = checkRecord(data, 'MedianSketch data');
    if (record.binMs !== MEDIAN_BIN_MS) {
      throw new Error(
        `MedianSketch data has bins of ${String(record.binMs)} ms; this version uses ` +
          `${MEDIAN_BIN_MS} ms bins.`,
      );
    }
    if (!Array.isArray(record.bins)) {
      throw new Error(`MedianSketch data.bins must be an array of [bin index, count] pairs.`);
    }
    const sketch = new MedianSketch();
    for (const pair of record.bins as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new Error(
          `MedianSketch data.bins entries must be [bin index, count]; got ${JSON.stringify(pair)}.`,
        );
      }
      const bin = checkInteger(pair[0], 'MedianSketch bin index', Number.MIN_SAFE_INTEGER);
      const count = checkInteger(pair[1], 'MedianSketch bin count', 1);
      sketch.#addToBin(bin, count);
    }
    return sketch;
  }

  #addToBin(bin: number, count: number): void {
    this.#bins.set(bin, exactSum(this.#bins.get(bin) ?? 0, count, 'MedianSketch bin count'));
    this.#count = exactSum(this.#count, count, 'MedianSketch count');
  }

  #sortedBins(): number[] {
    return [...this.#bins.keys()].sort((a, b) => a - b);
  }
}
