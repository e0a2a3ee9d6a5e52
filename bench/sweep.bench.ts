/**
 * npm run bench, sweeps (README "Sweeps", Performance): the issue's two figures on 2 worker
 * threads, each next to a baseline measured in the same run on the same pool, a plain run of
 * the same scenario with as many trials as the sweep has in all, so the ratio is what a sweep
 * costs beyond its trials (a worker compiling each point's scenario, the pool waiting for each
 * point's last chunk, planning and validating the points).
 *
 * - 1-D: `night-attack-dtmf-1.json`, its 4 built-in flows, amd.greetingMs from 500 to 2400 ms
 *   by 100 (20 points), 10,000 trials per point (BENCH_SWEEP_TRIALS); baseline 200,000 trials.
 * - 2-D: the same scenario, amd.greetingMs from 600 to 1500 by 100 × service.gatherTimeoutSeconds
 *   from 1 to 5.5 by 0.5 (10 × 10 points), 1,000 trials per point (a tenth of the 1-D's);
 *   baseline 100,000 trials.
 *
 * And the same points over fields no built-in flow reads (the platform's webhook settings): every
 * point does exactly the baseline's work, so that sweep's time over the baseline's is the sweep's
 * own cost, while the real sweep's points cost what their settings make the calls cost. Wall-clock
 * and CPU seconds (process.cpuUsage: this process and its worker threads), the CPU being the
 * steadier on a shared machine; best of BENCH_ROUNDS rounds (default 2), the three alternating.
 * Prints its figures; no thresholds.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import {
  parseScenarioText,
  resolveSweepAxes,
  type Scenario,
  type SweepAxisSpec,
} from '../src/scenario/index.ts';
import { runScenario } from '../src/sim/runPlan.ts';
import { runSweep, type SweepTally } from '../src/sim/sweep.ts';
import { planSweep } from '../src/sim/sweepPlan.ts';
import { sweepResults } from '../src/sim/sweepResults.ts';
import { sweepFrontier } from '../src/sim/frontier.ts';
import { sweepPlotSvg } from '../src/report/sweepPlot.ts';
import { svgDocument } from '../src/cli/svgDocument.ts';
import { fmt } from './callRate.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const TRIALS = Number(process.env.BENCH_SWEEP_TRIALS ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WORKERS = 2;

function loadScenario(trials: number): Scenario {
  const result = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!result.ok) throw new Error('bench scenario is invalid');
  return { ...result.scenario, trials };
}

interface Figure {
  readonly label: string;
  readonly specs: readonly SweepAxisSpec[];
  /**
   * The same shape over a field no built-in flow reads: every point does exactly the baseline's
   * work, so its time over the baseline's is the sweep's own cost.
   */
  readonly inert: readonly SweepAxisSpec[];
  readonly trialsPerPoint: number;
}

const FIGURES: readonly Figure[] = [
  {
    label: '1-D, 20 points',
    specs: [{ path: 'amd.greetingMs', from: 500, to: 2400, step: 100 }],
    inert: [{ path: 'platform.webhookTimeoutSeconds', from: 1, to: 20, step: 1 }],
    trialsPerPoint: TRIALS,
  },
  {
    label: '2-D, 10 × 10 points',
    specs: [
      { path: 'amd.greetingMs', from: 600, to: 1500, step: 100 },
      { path: 'service.gatherTimeoutSeconds', from: 1, to: 5.5, step: 0.5 },
    ],
    inert: [
      { path: 'platform.webhookTimeoutSeconds', from: 1, to: 10, step: 1 },
      { path: 'platform.webhookLatencySeconds', from: 0, to: 0.9, step: 0.1 },
    ],
    trialsPerPoint: Math.max(1, Math.round(TRIALS / 10)),
  },
];

const seconds = (start: number) => (performance.now() - start) / 1000;

/** Wall-clock and CPU seconds (this process, its worker threads included). */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: seconds(start), cpu: (used.user + used.system) / 1e6 };
}

/** The best round: interference from other work on the machine only ever slows one down. */
function bestOf(timings: readonly Timing[]): Timing {
  return {
    wall: Math.min(...timings.map((t) => t.wall)),
    cpu: Math.min(...timings.map((t) => t.cpu)),
  };
}

/** Every point of the sweep built and validated. */
function planned(base: Scenario, specs: readonly SweepAxisSpec[]) {
  const resolved = resolveSweepAxes(base, specs);
  if ('problems' in resolved) throw new Error(JSON.stringify(resolved.problems));
  return planSweep(base, resolved.axes);
}

const pool = createNodeWorkerPool(WORKERS);
console.log('voice-otp-lab sweep benchmark');
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `scenario: night-attack-dtmf-1.json, 4 strategies; ${WORKERS} worker threads; best of ${ROUNDS} rounds\n`,
);
try {
  // Warm-up: the workers' JIT and the first compile.
  const warmUp = loadScenario(2000);
  await runScenario(warmUp, pool);
  for (const figure of FIGURES) {
    const base = loadScenario(figure.trialsPerPoint);
    let start = performance.now();
    const plan = planned(base, figure.specs);
    const planSeconds = seconds(start);
    const inert = planned(base, figure.inert);
    const points = plan.points.length;
    const trials = figure.trialsPerPoint * points;
    const baseline = loadScenario(trials);
    const times = { sweep: [] as Timing[], inert: [] as Timing[], baseline: [] as Timing[] };
    let tallies: SweepTally[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      times.sweep.push(await timed(async () => void (tallies = await runSweep(plan, pool))));
      times.inert.push(await timed(() => runSweep(inert, pool)));
      times.baseline.push(await timed(() => runScenario(baseline, pool)));
    }
    start = performance.now();
    const results = sweepResults(plan, tallies);
    const frontier = sweepFrontier(results, 'interception', 'legit-success');
    const svg = sweepPlotSvg(results, frontier, { document: svgDocument() });
    const reportSeconds = seconds(start);
    const [sweep, still, plain] = [times.sweep, times.inert, times.baseline].map(bestOf) as [
      Timing,
      Timing,
      Timing,
    ];
    const line = (what: string, t: Timing) =>
      console.log(
        `  ${what.padEnd(46)} ${t.wall.toFixed(1).padStart(6)} s wall, ${t.cpu.toFixed(1).padStart(6)} s CPU  (${fmt((trials * 4) / t.wall)} trial pairs/s)`,
      );
    console.log(
      `${figure.label} (${figure.specs.map((a) => `${a.path} ${a.from}..${a.to}:${a.step}`).join(' × ')}), ${fmt(figure.trialsPerPoint)} trials per point and strategy, ${fmt(trials)} per strategy in all:`,
    );
    console.log(
      `  ${'plan (build and validate the points)'.padEnd(46)} ${planSeconds.toFixed(2).padStart(6)} s`,
    );
    line('the sweep', sweep);
    line('the same points over a field no flow reads', still);
    line(`baseline: one run of ${fmt(trials)} trials`, plain);
    console.log(
      `  the sweep's own cost, inert sweep ÷ baseline: ${(still.wall / plain.wall).toFixed(2)}× wall, ${(still.cpu / plain.cpu).toFixed(2)}× CPU`,
    );
    console.log(
      `  the sweep ÷ baseline: ${(sweep.wall / plain.wall).toFixed(2)}× wall, ${(sweep.cpu / plain.cpu).toFixed(2)}× CPU (each point costs what its setting makes the calls cost)`,
    );
    console.log(
      `  results, frontier and plot  ${reportSeconds.toFixed(2)} s (an SVG of ${fmt(svg.length)} characters)\n`,
    );
  }
} finally {
  await pool.close();
}
