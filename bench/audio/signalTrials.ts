/**
 * Signal-level trials per second (issue 4's third figure): the issue's example scenario with
 * `fidelity: "signal"`, every call's callee side rendered to 8 kHz with line noise and decided
 * by the DTMF detector and app_amd, all four strategies, on this thread, best of N rounds after
 * a warm-up — as engine.bench.ts measures event-level calls.
 */
import { readFileSync } from 'node:fs';
import { loadScenario, type StrategyId } from '../../src/scenario/index.ts';
import { compileScenario } from '../../src/sim/compile.ts';
import { runChunk } from '../../src/sim/runChunk.ts';

export interface SignalTrialsFigure {
  /** Completed signal-level trials (attack and legit, rendering + DTMF + AMD) per second on one core. */
  trialsPerSecond: number;
  /** Calls in those trials (every call of each attack campaign, one per legit trial) per second. */
  callsPerSecond: number;
  /** What was run, for the printed line: scenario, strategy, trials. */
  description: string;
}

const SCENARIO = 'scenarios/night-attack-dtmf-1.json';
const TRIALS_PER_STRATEGY = 150;
const ROUNDS = 3;

export function measureSignalTrialsPerSecond(): SignalTrialsFigure {
  const raw = JSON.parse(
    readFileSync(new URL(`../../${SCENARIO}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const scenario = loadScenario({ ...raw, fidelity: 'signal' });
  const compiled = compileScenario(scenario);
  const run = (strategy: StrategyId, trials: number) =>
    runChunk(compiled, { strategy, fromTrial: 0, toTrial: trials });
  for (const strategy of scenario.strategies) run(strategy, 20);
  let best: { trials: number; calls: number; seconds: number } | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    let calls = 0;
    for (const strategy of scenario.strategies) {
      const tally = run(strategy, TRIALS_PER_STRATEGY);
      calls += tally.attackCallsPlaced.sum + tally.legitSuccess.n;
    }
    const seconds = (performance.now() - start) / 1000;
    const trials = 2 * TRIALS_PER_STRATEGY * scenario.strategies.length;
    if (!best || trials / seconds > best.trials / best.seconds) best = { trials, calls, seconds };
  }
  return {
    trialsPerSecond: best!.trials / best!.seconds,
    callsPerSecond: best!.calls / best!.seconds,
    description: `${SCENARIO} at fidelity "signal", ${TRIALS_PER_STRATEGY} attack + ${TRIALS_PER_STRATEGY} legit trials × ${scenario.strategies.length} strategies, best of ${ROUNDS}`,
  };
}
