import { checkInteger, checkRecord, exactSum } from './integers.ts';

/** Plain-data form of an IntegerMean, safe to pass through structured clone or JSON. */
export interface IntegerMeanData {
  readonly count: number;
  readonly sum: number;
}

/**
 * Mean of integer values (e.g. call lengths in whole milliseconds) kept as an integer count and
 * an integer sum, so merges in any order give the same bits; the only rounding is in `mean()`.
 * `add` and `merge` change this accumulator and return it.
 */
export class IntegerMean {
  #count = 0;
  #sum = 0;

  get count(): number {
    return this.#count;
  }

  get sum(): number {
    return this.#sum;
  }

  /** Adds one integer value (negative values are allowed). */
  add(value: number): this {
    if (!Number.isSafeInteger(value)) {
      throw new Error(
        `IntegerMean.add takes integers only (e.g. whole milliseconds); got ${String(value)}. ` +
          `Round the value before adding it.`,
      );
    }
    this.#sum = exactSum(this.#sum, value, 'IntegerMean sum');
    this.#count = exactSum(this.#count, 1, 'IntegerMean count');
    return this;
  }

  merge(other: IntegerMean): this {
    this.#sum = exactSum(this.#sum, other.#sum, 'IntegerMean sum');
    this.#count = exactSum(this.#count, other.#count, 'IntegerMean count');
    return this;
  }

  /** sum / count in the units added, or null when nothing was added (as Proportion.rate). */
  mean(): number | null {
    return this.#count === 0 ? null : this.#sum / this.#count;
  }

  toJSON(): IntegerMeanData {
    return { count: this.#count, sum: this.#sum };
  }

  static fromJSON(data: IntegerMeanData): IntegerMean {
    const record = checkRecord(data, 'IntegerMean data');
    const count = checkInteger(record.count, 'IntegerMean count');
    const sum = checkInteger(record.sum, 'IntegerMean sum', Number.MIN_SAFE_INTEGER);
    if (count === 0 && sum !== 0) {
      throw new Error(`IntegerMean sum must be 0 when count is 0; got sum ${sum}.`);
    }
    const mean = new IntegerMean();
    mean.#count = count;
    mean.#sum = sum;
    return mean;
  }
}
