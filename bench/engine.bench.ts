/**
 * npm run bench: simulated calls per second with the real XState flows and real otplib codes,
 * on one core (this thread) and through the worker pool. Prints its figures; no thresholds here
 * (the README records them against the targets).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText, type Scenario, type StrategyId } from '../src/scenario/index.ts';
import { compileScenario } from '../src/sim/compile.ts';
import { runChunk } from '../src/sim/runChunk.ts';
import { planChunks } from '../src/sim/runPlan.ts';
import { StrategyTally } from '../src/sim/strategyTally.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const TRIALS_PER_STRATEGY = Number(process.env.BENCH_TRIALS ?? 8000);

function loadBenchScenario(): Scenario {
  const result = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!result.ok) throw new Error('bench scenario is invalid');
  return { ...result.scenario, trials: TRIALS_PER_STRATEGY };
}

/** Calls simulated by a tally: every attack call of every campaign plus one call per legit trial. */
function callsIn(tally: StrategyTally): number {
  return tally.attackCallsPlaced.sum + tally.legitSuccess.n;
}

function singleThread(scenario: Scenario): { calls: number; seconds: number; byStrategy: Record<string, number> } {
  const compiled = compileScenario(scenario);
  // Warm-up: let the JIT compile the hot paths before timing.
  for (const strategy of scenario.strategies) runChunk(compiled, { strategy, fromTrial: 0, toTrial: 500 });
  let calls = 0;
  let seconds = 0;
  const byStrategy: Record<string, number> = {};
  for (const strategy of scenario.strategies) {
    const start = performance.now();
    const tally = runChunk(compiled, { strategy: strategy as StrategyId, fromTrial: 0, toTrial: scenario.trials });
    const elapsed = (performance.now() - start) / 1000;
    byStrategy[strategy] = callsIn(tally) / elapsed;
    calls += callsIn(tally);
    seconds += elapsed;
  }
  return { calls, seconds, byStrategy };
}

async function withWorkers(scenario: Scenario, workers: number): Promise<{ calls: number; seconds: number }> {
  const pool = createNodeWorkerPool(workers);
  try {
    const chunks = planChunks(scenario);
    await pool.run({ ...scenario, trials: 1000 }, planChunks({ ...scenario, trials: 1000 })); // warm-up
    const start = performance.now();
    const tallies = await pool.run(scenario, chunks);
    const seconds = (performance.now() - start) / 1000;
    const calls = tallies.reduce((sum, data) => sum + callsIn(StrategyTally.fromJSON(data)), 0);
    return { calls, seconds };
  } finally {
    await pool.close();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const scenario = loadBenchScenario();
console.log(`voice-otp-lab engine benchmark`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`scenario: ${scenario.name}; ${scenario.trials} attack + ${scenario.trials} legit trials per strategy, ${scenario.strategies.length} strategies\n`);

const single = singleThread(scenario);
const perCore = single.calls / single.seconds;
for (const [strategy, rate] of Object.entries(single.byStrategy)) {
  console.log(`  one core, ${strategy.padEnd(13)} ${fmt(rate).padStart(8)} calls/s`);
}
console.log(`one core, all strategies:   ${fmt(perCore).padStart(8)} calls/s  (target ≥ 10,000)`);

const workers = Math.max(2, availableParallelism());
const pooled = await withWorkers(scenario, workers);
const pooledRate = pooled.calls / pooled.seconds;
console.log(`${workers} workers, all strategies: ${fmt(pooledRate).padStart(8)} calls/s  = ${(pooledRate / perCore).toFixed(2)}× one core (target ≥ 1.7× on 2 workers)`);
