/**
 * npm run bench, TwiML part: calls per second of a static TwiML flow on this thread, and of a
 * `url` flow against the bundled example server (examples/verify-server) on 2 worker threads
 * over loopback, each next to a built-in flow measured in the same run on the same scenario (a
 * ratio holds on a shared machine; an absolute rate does not). Prints its figures; no thresholds.
 */
import { readFileSync } from 'node:fs';
import { startServer } from '../examples/verify-server/server.ts';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText, type Scenario } from '../src/scenario/index.ts';
import { compileScenario } from '../src/sim/compile.ts';
import { runChunk } from '../src/sim/runChunk.ts';
import { planChunks } from '../src/sim/runPlan.ts';
import { StrategyTally } from '../src/sim/strategyTally.ts';
import { best, callsIn, fmt } from './callRate.ts';
import { loadScenarioFile } from '../src/cli/loadScenarioFile.ts';

const STATIC_FILE = 'scenarios/twiml-press-any-key.json';
const SERVER_FILE = 'scenarios/webhook/example-server.json';
const STATIC_TRIALS = Number(process.env.BENCH_TRIALS ?? 5000);
const LIVE_TRIALS = Number(process.env.BENCH_LIVE_TRIALS ?? 2000);
const ROUNDS = 5;

/** Calls/s of one strategy on this thread, best of ROUNDS, after a warm-up chunk. */
async function thisThread(file: string, strategy: string, trials: number): Promise<number> {
  const { scenario, assets, documents } = await loadScenarioFile(file, { trials });
  const compiled = compileScenario(scenario, assets, documents);
  runChunk(compiled, { strategy, fromTrial: 0, toTrial: 500 });
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const tally = runChunk(compiled, { strategy, fromTrial: 0, toTrial: trials });
    rates.push(callsIn(tally) / ((performance.now() - start) / 1000));
  }
  return best(rates);
}

/** Calls/s of one strategy on `workers` worker threads, best of ROUNDS after a warm-up run. */
async function onWorkers(
  scenario: Scenario,
  documents: Readonly<Record<string, string>>,
  workers: number,
): Promise<number> {
  const pool = createNodeWorkerPool(workers);
  try {
    const warmUp = { ...scenario, trials: Math.min(500, scenario.trials) };
    await pool.run(warmUp, planChunks(warmUp, 100), () => {}, {}, documents);
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let calls = 0;
      const start = performance.now();
      await pool.run(
        scenario,
        planChunks(scenario, 250),
        (_chunk, data) => (calls += callsIn(StrategyTally.fromJSON(data))),
        {},
        documents,
      );
      rates.push(calls / ((performance.now() - start) / 1000));
    }
    return best(rates);
  } finally {
    await pool.close();
  }
}

console.log(`voice-otp-lab TwiML benchmark (best of ${ROUNDS} rounds)`);

const builtIn = await thisThread(STATIC_FILE, 'static-prompt', STATIC_TRIALS);
const twiml = await thisThread(STATIC_FILE, 'press-any-key', STATIC_TRIALS);
console.log(
  `static TwiML flow, this thread (${STATIC_FILE}, ${STATIC_TRIALS} + ${STATIC_TRIALS} trials)`,
);
console.log(`  built-in static-prompt   ${fmt(builtIn).padStart(8)} calls/s`);
console.log(
  `  TwiML press-any-key      ${fmt(twiml).padStart(8)} calls/s  = ${(twiml / builtIn).toFixed(2)}× the built-in flow (target ≥ 20,000 per core)`,
);

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  authToken: 'voice-otp-lab-test-token',
});
try {
  const parsed = parseScenarioText(readFileSync(SERVER_FILE, 'utf8'));
  if (!parsed.ok) throw new Error(`${SERVER_FILE} is invalid`);
  const base = parsed.scenario;
  const liveFlow = { ...base.flows['first-key-decides']!, url: `${server.url}/voice` };
  const live: Scenario = {
    ...base,
    trials: LIVE_TRIALS,
    flows: { ...base.flows, 'first-key-decides': liveFlow },
    strategies: ['first-key-decides'],
  };
  const builtInLive: Scenario = { ...live, strategies: ['random-digit'] };
  const builtInRate = await onWorkers(builtInLive, {}, 2);
  const liveRate = await onWorkers(live, {}, 2);
  console.log(
    `\nurl flow against examples/verify-server over loopback, 2 workers (${SERVER_FILE}, ${LIVE_TRIALS} + ${LIVE_TRIALS} trials)`,
  );
  console.log(`  built-in random-digit    ${fmt(builtInRate).padStart(8)} calls/s`);
  console.log(
    `  url first-key-decides    ${fmt(liveRate).padStart(8)} calls/s  = ${(liveRate / builtInRate).toFixed(3)}× the built-in flow (target ≥ 1,000)`,
  );
} finally {
  await server.close();
}
