/**
 * npm run bench: simulated calls per second with the real XState flows and real otplib codes,
 * on one core (this thread) and through the worker pool. Prints its figures; no thresholds here
 * (the README records them against the targets).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText, type Scenario } from '../src/scenario/index.ts';
import { compileScenario } from '../src/sim/compile.ts';
import { runChunk } from '../src/sim/runChunk.ts';
import { planChunks } from '../src/sim/runPlan.ts';
import { StrategyTally } from '../src/sim/strategyTally.ts';
import { best, callsIn, fmt } from './callRate.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const TRIALS_PER_STRATEGY = Number(process.env.BENCH_TRIALS ?? 5000);

function loadBenchScenario(): Scenario {
  const result = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!result.ok) throw new Error('bench scenario is invalid');
  return { ...result.scenario, trials: TRIALS_PER_STRATEGY };
}

function singleThread(scenario: Scenario): {
  calls: number;
  seconds: number;
  byStrategy: Record<string, number>;
} {
  const compiled = compileScenario(scenario);
  // Warm-up: let the JIT compile the hot paths before timing.
  for (const strategy of scenario.strategies)
    runChunk(compiled, { strategy, fromTrial: 0, toTrial: 500 });
  let calls = 0;
  let seconds = 0;
  const byStrategy: Record<string, number> = {};
  for (const strategy of scenario.strategies) {
    const start = performance.now();
    const tally = runChunk(compiled, {
      strategy,
      fromTrial: 0,
      toTrial: scenario.trials,
    });
    const elapsed = (performance.now() - start) / 1000;
    byStrategy[strategy] = callsIn(tally) / elapsed;
    calls += callsIn(tally);
    seconds += elapsed;
  }
  return { calls, seconds, byStrategy };
}

async function withWorkers(scenario: Scenario, workers: number, rounds: number): Promise<number[]> {
  const pool = createNodeWorkerPool(workers);
  try {
    const warmUp = { ...scenario, trials: 1000 };
    await pool.run(warmUp, planChunks(warmUp), () => {});
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let calls = 0;
      const start = performance.now();
      await pool.run(scenario, planChunks(scenario), (_chunk, data) => {
        calls += callsIn(StrategyTally.fromJSON(data));
      });
      const seconds = (performance.now() - start) / 1000;
      rates.push(calls / seconds);
    }
    return rates;
  } finally {
    await pool.close();
  }
}

const ROUNDS = 5;
const scenario = loadBenchScenario();
console.log(`voice-otp-lab engine benchmark (best of ${ROUNDS} rounds)`);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `scenario: ${scenario.name}; ${scenario.trials} attack + ${scenario.trials} legit trials per strategy, ${scenario.strategies.length} strategies\n`,
);

const singles = Array.from({ length: ROUNDS }, () => singleThread(scenario));
const perCore = best(singles.map((s) => s.calls / s.seconds));
for (const strategy of scenario.strategies) {
  const rate = best(singles.map((s) => s.byStrategy[strategy]!));
  console.log(`  this thread, ${strategy.padEnd(13)} ${fmt(rate).padStart(8)} calls/s`);
}
console.log(
  `this thread, all strategies:  ${fmt(perCore).padStart(8)} calls/s  (target ≥ 10,000 per core)`,
);

const oneWorker = best(await withWorkers(scenario, 1, ROUNDS));
console.log(`1 worker,    all strategies:  ${fmt(oneWorker).padStart(8)} calls/s`);
const workers = Math.max(2, availableParallelism());
const pooled = best(await withWorkers(scenario, workers, ROUNDS));
console.log(
  `${workers} workers,   all strategies:  ${fmt(pooled).padStart(8)} calls/s  = ${(pooled / oneWorker).toFixed(2)}× 1 worker, ${(pooled / perCore).toFixed(2)}× this thread (target ≥ 1.7× on 2 workers)`,
);
