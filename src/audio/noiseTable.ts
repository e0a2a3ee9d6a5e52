/**
 * Line noise for Monte Carlo: one table of white Gaussian noise, drawn once from a seed, read
 * from a random place for each call. Drawing fresh Gaussian samples for every second of every
 * call costs more than detecting tones in them; a 2^17-sample table (16 s) read at a random
 * offset and sign gives each call its own stretch of the same white noise.
 */
import { standardNormal } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';

const TABLE_SIZE = 1 << 17;
const MASK = TABLE_SIZE - 1;

export class NoiseTable {
  readonly #table = new Float32Array(TABLE_SIZE);

  /** Unit-RMS white Gaussian noise drawn from `rng`. */
  constructor(rng: Rng) {
    for (let n = 0; n < TABLE_SIZE; n++) this.#table[n] = standardNormal(rng);
  }

  /** Adds noise of RMS `rms` to `samples[from, to)` in place, from a place `rng` picks. */
  addTo(samples: Float32Array, rms: number, rng: Rng, from = 0, to = samples.length): Float32Array {
    if (!(rms >= 0)) {
      throw new RangeError(`NoiseTable.addTo: rms ${rms} must be a number >= 0 (full scale is 1).`);
    }
    const table = this.#table;
    const gain = rng.next() < 0.5 ? -rms : rms;
    let at = rng.int(TABLE_SIZE);
    for (let n = from; n < to; n++) {
      samples[n]! += gain * table[at]!;
      at = (at + 1) & MASK;
    }
    return samples;
  }
}
