/** What the call-rate benchmarks (engine.bench.ts, twiml.bench.ts) share. */
import type { StrategyTally } from '../src/sim/strategyTally.ts';

/** Calls simulated by a tally: every attack call of every campaign plus one call per legit trial. */
export function callsIn(tally: StrategyTally): number {
  return tally.attackCallsPlaced.sum + tally.legitSuccess.n;
}

/** Best of N: interference from other work on the machine only ever slows a round down. */
export const best = (values: number[]) => Math.max(...values);

/** A rate as a whole number with thousands separators. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
