import { checkInteger, checkRecord, exactSum } from './integers.ts';
import { wilsonInterval, Z_95, type Interval } from './wilsonInterval.ts';

/** Plain-data form of a Proportion, safe to pass through structured clone or JSON. */
export interface ProportionData {
  readonly successes: number;
  readonly n: number;
}

/**
 * Successes out of n trials, as integers only, so merged counts are the same in any order.
 * `merge` and `add` change this counter and return it.
 */
export class Proportion {
  #successes = 0;
  #n = 0;

  get successes(): number {
    return this.#successes;
  }

  get n(): number {
    return this.#n;
  }

  /** Records one trial. */
  add(success: boolean): this {
    this.#n = exactSum(this.#n, 1, 'Proportion n');
    if (success) this.#successes += 1;
    return this;
  }

  /** Adds another counter's trials to this one. */
  merge(other: Proportion): this {
    this.#n = exactSum(this.#n, other.#n, 'Proportion n');
    this.#successes += other.#successes;
    return this;
  }

  /**
   * successes / n, or null when there are no trials. Null rather than NaN: NaN turns into null
   * in JSON anyway, and a null cannot slip silently through comparisons with thresholds.
   */
  rate(): number | null {
    return this.#n === 0 ? null : this.#successes / this.#n;
  }

  /** Wilson score interval of the rate; { low: 0, high: 1 } when there are no trials. */
  interval(z: number = Z_95): Interval {
    return wilsonInterval(this.#successes, this.#n, z);
  }

  toJSON(): ProportionData {
    return { successes: this.#successes, n: this.#n };
  }

  static fromJSON(data: ProportionData): Proportion {
    const record = checkRecord(data, 'Proportion data');
    const n = checkInteger(record.n, 'Proportion n');
    const successes = checkInteger(record.successes, 'Proportion successes');
    if (successes > n) {
      throw new Error(`Proportion successes (${successes}) cannot exceed n (${n}).`);
    }
    const proportion = new Proportion();
    proportion.#successes = successes;
    proportion.#n = n;
    return proportion;
  }
}
