/**
 * The schedule of a red-team greeting search (src/redteam/search.ts), here because the size of
 * the searches a scenario's `expectWorstCase` asks for is bounded with the scenario
 * (runBounds.ts), as a run's is.
 */

/** Trials of the first rung: every candidate runs trials 0 to 49 of the screening seed. */
export const SEARCH_FIRST_RUNG_TRIALS = 50;
/** Each rung keeps the best third and triples the trials (successive halving with η = 3). */
export const SEARCH_RUNG_FACTOR = 3;
/**
 * The last rung's trials at most (50 × 3^4): there a rate is known to about ±1.5 points (Wilson
 * 95% at 50%), and more trials are the confirmation's job, on the best few only.
 */
export const SEARCH_MAX_RUNG_TRIALS = SEARCH_FIRST_RUNG_TRIALS * SEARCH_RUNG_FACTOR ** 4;
/** Greetings confirmed on the confirmation seed: the best and two runners-up. */
export const SEARCH_CONFIRMED = 3;
/** Most plays of a candidate's DTMF block (16 keys × 10 = 160 tones at most). */
export const SEARCH_MAX_REPEAT = 10;
/** Most DTMF tones in a candidate greeting: every key, SEARCH_MAX_REPEAT times. */
export const SEARCH_MAX_TONES = 16 * SEARCH_MAX_REPEAT;

/**
 * The screening's trial counts for `confirmTrials`: 50, 150, 450, … up to it and to
 * SEARCH_MAX_RUNG_TRIALS (at least one rung, of at most `confirmTrials`).
 */
export function searchRungLadder(confirmTrials: number): number[] {
  const ladder = [Math.min(SEARCH_FIRST_RUNG_TRIALS, confirmTrials)];
  for (;;) {
    const next = ladder[ladder.length - 1]! * SEARCH_RUNG_FACTOR;
    if (next > confirmTrials || next > SEARCH_MAX_RUNG_TRIALS) return ladder;
    ladder.push(next);
  }
}

/**
 * Attack trials one search runs at most: no candidate goes past the ladder's last rung, and
 * SEARCH_CONFIRMED greetings are confirmed. An upper estimate (the default search runs 151,400
 * of the 411,000 it allows: most candidates stop at the first rungs).
 */
export function searchTrialsAtMost(budget: number, confirmTrials: number): number {
  const ladder = searchRungLadder(confirmTrials);
  return budget * ladder[ladder.length - 1]! + SEARCH_CONFIRMED * confirmTrials;
}
