import { COMMON_PIN_LENGTH, COMMON_PINS } from './commonPins.ts';

/**
 * The common-PIN distribution in exact integer units, so probabilities can be summed without
 * rounding: one unit is 0.001 % (the table's resolution), 100,000 units are all PINs.
 */
export const SHARE_UNITS_TOTAL = 100_000;

/** Units of each listed PIN, most popular first (10.713 % → 10,713 units). */
export const TOP_PIN_UNITS: readonly number[] = COMMON_PINS.map(({ percent }) =>
  Math.round(percent * 1000),
);

/** Prefix sums of TOP_PIN_UNITS: TOP_PIN_UNITS_CUMULATIVE[k] = units of the first k PINs. */
export const TOP_PIN_UNITS_CUMULATIVE: readonly number[] = TOP_PIN_UNITS.reduce<number[]>(
  (sums, units) => [...sums, (sums[sums.length - 1] ?? 0) + units],
  [0],
);

export const TOP_PIN_UNITS_SUM = TOP_PIN_UNITS_CUMULATIVE[COMMON_PINS.length] ?? 0;

/**
 * PINs outside the table. The article publishes shares for the top 20 only, so the remaining share
 * is spread evenly over the rest: the model's assumption (README, "The model").
 */
export const TAIL_PIN_COUNT = 10 ** COMMON_PIN_LENGTH - COMMON_PINS.length;
export const TAIL_UNITS = SHARE_UNITS_TOTAL - TOP_PIN_UNITS_SUM;

/**
 * Exact chance that the first `guesses` guesses in order of popularity hit a common-choice PIN.
 * Computed as one integer numerator over one integer denominator (both well below 2^53), so the
 * only rounding is the final division: the result is the correctly rounded true value.
 */
export function commonPinHitRate(guesses: number): number {
  const topGuesses = Math.min(guesses, COMMON_PINS.length);
  const tailGuesses = Math.min(guesses - topGuesses, TAIL_PIN_COUNT);
  const topUnits = TOP_PIN_UNITS_CUMULATIVE[topGuesses] ?? 0;
  const numerator = topUnits * TAIL_PIN_COUNT + tailGuesses * TAIL_UNITS;
  return numerator / (SHARE_UNITS_TOTAL * TAIL_PIN_COUNT);
}
