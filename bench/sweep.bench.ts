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
 * Best of BENCH_ROUNDS rounds (default 2), sweep and baseline alternating. Prints its figures; no
 * thresholds.
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
    const times = { sweep: [] as number[], inert: [] as number[], baseline: [] as number[] };
    let tallies: SweepTally[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      start = performance.now();
      tallies = await runSweep(plan, pool);
      times.sweep.push(seconds(start));
      start = performance.now();
      await runSweep(inert, pool);
      times.inert.push(seconds(start));
      start = performance.now();
      await runScenario(baseline, pool);
      times.baseline.push(seconds(start));
    }
    start = performance.now();
    const results = sweepResults(plan, tallies);
    const frontier = sweepFrontier(results, 'interception', 'legit-success');
    const svg = sweepPlotSvg(results, frontier, { document: svgDocument() });
    const reportSeconds = seconds(start);
    const [sweep, still, plain] = [times.sweep, times.inert, times.baseline].map((t) =>
      Math.min(...t),
    ) as [number, number, number];
    const rate = (s: number) => `${fmt((trials * 4) / s)} trial pairs/s`;
    console.log(
      `${figure.label} (${figure.specs.map((a) => `${a.path} ${a.from}..${a.to}:${a.step}`).join(' × ')}), ${fmt(figure.trialsPerPoint)} trials per point and strategy, ${fmt(trials)} per strategy in all:`,
    );
    console.log(`  plan (build and validate ${points} points)  ${planSeconds.toFixed(2)} s`);
    console.log(
      `  the sweep                                 ${sweep.toFixed(1)} s  (${rate(sweep)})`,
    );
    console.log(
      `  the same points over a field no flow reads ${still.toFixed(1)} s  (${rate(still)})`,
    );
    console.log(
      `  baseline: one run of ${fmt(trials)} trials    ${plain.toFixed(1)} s  (${rate(plain)})`,
    );
    console.log(
      `  the sweep's own cost (inert sweep ÷ baseline) ${(still / plain).toFixed(2)}×; the sweep ÷ baseline ${(sweep / plain).toFixed(2)}× (its points cost what their settings make the calls cost)`,
    );
    console.log(
      `  results, frontier and plot  ${reportSeconds.toFixed(2)} s (an SVG of ${fmt(svg.length)} characters)\n`,
    );
  }
} finally {
  await pool.close();
}
