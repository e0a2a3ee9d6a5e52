/**
 * npm run bench: simulated calls per second of the built-in flows (their XState machine
 * definitions run by the stepper, real HOTP codes) on one core (this thread) and through the
 * worker pool, next to a floor measured in the same run: the cost of creating an XState actor
 * for the same flow and sending it one call's events (each call's own events, recorded from the
 * same trials), which is what a call cost before the stepper before the line did anything. The
 * ratios hold on a shared machine; the absolute rates do not. Prints its figures; no thresholds
 * here (the README records them against the targets).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import {
  stepperEngine,
  xstateEngine,
  type BuiltInFlowEvent,
  type CallPort,
  type FlowEngine,
  type FlowInput,
  type FlowMachine,
} from '../src/flows/index.ts';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText, type Scenario } from '../src/scenario/index.ts';
import { compileScenario, type CompiledScenario } from '../src/sim/compile.ts';
import { runChunk } from '../src/sim/runChunk.ts';
import { planChunks } from '../src/sim/runPlan.ts';
import { StrategyTally } from '../src/sim/strategyTally.ts';
import { runAttackTrial, runLegitTrial } from '../src/sim/trial.ts';
import { best, callsIn, fmt } from './callRate.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const TRIALS_PER_STRATEGY = Number(process.env.BENCH_TRIALS ?? 10000);
const ROUNDS = 5;

function loadBenchScenario(): Scenario {
  const result = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!result.ok) throw new Error('bench scenario is invalid');
  return { ...result.scenario, trials: TRIALS_PER_STRATEGY };
}

/** Calls/s of each strategy's trials on this thread (one round, after the warm-up). */
function singleThread(compiled: CompiledScenario, scenario: Scenario): Record<string, number> {
  const byStrategy: Record<string, number> = {};
  for (const strategy of scenario.strategies) {
    const start = performance.now();
    const tally = runChunk(compiled, { strategy, fromTrial: 0, toTrial: scenario.trials });
    byStrategy[strategy] = callsIn(tally) / ((performance.now() - start) / 1000);
  }
  return byStrategy;
}

/** One call as its flow saw it: the machine, its input, and the events the line delivered. */
interface FlowCall {
  readonly machine: FlowMachine;
  readonly input: FlowInput;
  readonly events: BuiltInFlowEvent[];
}

/** A port that does nothing: the floor is the flow's cost alone, not the line's. */
const IDLE_PORT: CallPort = {
  play() {},
  stopPlayback() {},
  startTimer() {},
  cancelTimer() {},
  startAmd() {},
  awaitBeep() {},
  hangup() {},
  nowMs: () => 0,
  startTwilioAmd() {},
  fetchTwiml() {},
  enteredState() {},
};

/** Every call of the strategy's trials, recorded through the stepper as they ran. */
function recordFlowCalls(compiled: CompiledScenario, strategy: string, trials: number): FlowCall[] {
  const calls: FlowCall[] = [];
  const recording: FlowEngine = (machine, input, onState) => {
    const call = {
      machine,
      input: { ...input, port: IDLE_PORT },
      events: [] as BuiltInFlowEvent[],
    };
    calls.push(call);
    const runner = stepperEngine(machine, input, onState);
    return {
      start: () => runner.start(),
      send: (event) => {
        call.events.push(event);
        runner.send(event);
      },
      get active() {
        return runner.active;
      },
      get state() {
        return runner.state;
      },
      stop: () => runner.stop(),
    };
  };
  for (let i = 0; i < trials; i++) {
    runAttackTrial(compiled, strategy, i, { flowEngine: recording });
    runLegitTrial(compiled, strategy, i, { flowEngine: recording });
  }
  return calls;
}

/** Calls/s of `engine` alone: create the flow, start it, send the call's events, stop it. */
function flowAlone(engine: FlowEngine, calls: readonly FlowCall[]): number {
  const start = performance.now();
  for (const { machine, input, events } of calls) {
    const runner = engine(machine, input, null);
    runner.start();
    for (const event of events) if (runner.active) runner.send(event);
    runner.stop();
  }
  return calls.length / ((performance.now() - start) / 1000);
}

async function withWorkers(scenario: Scenario, workers: number, rounds: number): Promise<number[]> {
  const pool = createNodeWorkerPool(workers);
  try {
    const warmUp = { ...scenario, trials: 2000 };
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

const scenario = loadBenchScenario();
const compiled = compileScenario(scenario);
console.log(`voice-otp-lab engine benchmark (best of ${ROUNDS} rounds)`);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `scenario: ${scenario.name}; ${scenario.trials} attack + ${scenario.trials} legit trials per strategy, ${scenario.strategies.length} strategies\n`,
);

// Warm-up: let the JIT compile the hot paths before timing.
for (const strategy of scenario.strategies) {
  runChunk(compiled, { strategy, fromTrial: 0, toTrial: 2000 });
}
const recorded = new Map(
  scenario.strategies.map((s) => [s, recordFlowCalls(compiled, s, scenario.trials)] as const),
);
for (const calls of recorded.values()) {
  flowAlone(xstateEngine, calls.slice(0, 2000));
  flowAlone(stepperEngine, calls.slice(0, 2000));
}

const singles = Array.from({ length: ROUNDS }, () => singleThread(compiled, scenario));
console.log(
  `  calls/s on this thread:  ${'whole call'.padStart(10)}  ${'XState actor alone'.padStart(18)}  ${'ratio'.padStart(5)}  ${'stepper alone'.padStart(13)}`,
);
let totalCalls = 0;
let engineSeconds = 0;
let actorSeconds = 0;
for (const strategy of scenario.strategies) {
  const calls = recorded.get(strategy)!;
  const rate = best(singles.map((s) => s[strategy]!));
  const actor = best(Array.from({ length: ROUNDS }, () => flowAlone(xstateEngine, calls)));
  const stepper = best(Array.from({ length: ROUNDS }, () => flowAlone(stepperEngine, calls)));
  totalCalls += calls.length;
  engineSeconds += calls.length / rate;
  actorSeconds += calls.length / actor;
  console.log(
    `  ${strategy.padEnd(22)} ${fmt(rate).padStart(10)}  ${fmt(actor).padStart(18)}  ${(rate / actor).toFixed(2).padStart(5)}  ${fmt(stepper).padStart(13)}`,
  );
}
const perCore = totalCalls / engineSeconds;
const actorFloor = totalCalls / actorSeconds;
console.log(
  `  ${'all strategies'.padEnd(22)} ${fmt(perCore).padStart(10)}  ${fmt(actorFloor).padStart(18)}  ${(perCore / actorFloor).toFixed(2).padStart(5)}  (target ≥ 100,000 per core)`,
);
console.log(
  `  a whole call costs ${(1e6 / perCore).toFixed(1)} µs; an XState actor taking the same events, ${(1e6 / actorFloor).toFixed(1)} µs\n`,
);

const oneWorker = best(await withWorkers(scenario, 1, ROUNDS));
console.log(`1 worker,    all strategies:  ${fmt(oneWorker).padStart(9)} calls/s`);
const workers = Math.max(2, availableParallelism());
const pooled = best(await withWorkers(scenario, workers, ROUNDS));
console.log(
  `${workers} workers,   all strategies:  ${fmt(pooled).padStart(9)} calls/s  = ${(pooled / oneWorker).toFixed(2)}× 1 worker, ${(pooled / perCore).toFixed(2)}× this thread (target ≥ 1.8× on 2 workers)`,
);
