/**
 * The ranges of a run's seed and trial indices. A trial's random stream is keyed by 32-bit
 * integers (core/rng.ts, `createRng`: each key is taken `>>> 0`, i.e. modulo 2^32, ECMA-262
 * §7.1.7 ToUint32), so a seed or a trial index of 2^32 or more would silently replay the stream of
 * another one (seed 2^32 is seed 0). The scenario format's `seed` and `trials` fields
 * (schema.ts) and the command line's `--seed`, `--trials` and `trial --index` are held to these
 * (README, "Command line").
 */

/** The largest seed: the largest 32-bit key (2^32 − 1). */
export const MAX_SEED = 4_294_967_295;

/**
 * The most trials a run may have per strategy and kind (the cap schema.ts puts on `trials`), so a
 * run's trial indices are 0 … MAX_TRIALS − 1, well inside the 32-bit keys. At README
 * "Performance"'s 40,000 calls a second on two cores, that many trials of each kind for the four
 * strategies take about an hour at event level.
 */
export const MAX_TRIALS = 10_000_000;

/** The largest trial index a run can reach. */
export const MAX_TRIAL_INDEX = MAX_TRIALS - 1;
