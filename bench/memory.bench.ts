/**
 * npm run bench, third part: memory of a run on the worker pool against its trial count (README
 * "Performance": memory does not grow with trials). Each trial count runs in a fresh Node process
 * (peak RSS only ever rises within a process), through runScenario on a pool of 2 worker threads,
 * as `npm run sim -- run` does. Prints, per trial count and next to the first (the baseline of the
 * same run, same build):
 *
 * - process peak RSS: getrusage's ru_maxrss (process.resourceUsage().maxRSS), the whole process,
 *   main thread and worker threads together (threads share one address space);
 * - main heap, the main isolate's V8 heap: peak in use, garbage included (sampled every 50 ms),
 *   and peak live, the heap left by a full collection (forced every 2 s: the probe runs with
 *   --expose-gc);
 * - worker heap, each worker isolate's: peak in use as chunks end, and peak live, the heap left by
 *   a full collection forced every 2 s between two chunks (the pool's workerMemory(true)); the
 *   largest over the workers.
 *
 * BENCH_MEMORY_TRIALS (comma-separated, default 100000,1000000) and BENCH_MEMORY_STRATEGIES
 * (default naive, the cheapest flow: about 1.02 calls per attack campaign) change the runs;
 * BENCH_MEMORY_PROGRESS=1 reports each tenth of a run on stderr. README "Performance" gives the
 * 10^5 against 10^7 figures and their command.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText } from '../src/scenario/index.ts';
import { applyOverrides, runScenario } from '../src/sim/runPlan.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const WORKERS = 2;
const SAMPLE_EVERY_MS = 50;
/** Full collections, main thread and workers, to measure the live heap. */
const COLLECT_EVERY_MS = 2000;
/** Progress on stderr at every tenth of a run, for long runs in the background. */
const SHOW_PROGRESS = process.env.BENCH_MEMORY_PROGRESS === '1';
const trialCounts = (process.env.BENCH_MEMORY_TRIALS ?? '100000,1000000').split(',').map(Number);
const strategies = (process.env.BENCH_MEMORY_STRATEGIES ?? 'naive').split(',');

interface Probe {
  readonly trials: number;
  readonly seconds: number;
  readonly processPeakRss: number;
  readonly mainPeakHeapUsed: number;
  readonly mainPeakLiveHeap: number;
  readonly workerPeakHeapUsed: readonly number[];
  readonly workerPeakLiveHeap: readonly number[];
}

/** One run in this process; prints its Probe as one JSON line on stdout. */
async function probe(trials: number): Promise<void> {
  const parsed = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('bench scenario is invalid');
  const scenario = applyOverrides(parsed.scenario, { trials, strategies });
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  if (!collectGarbage) throw new Error('the memory probe needs node --expose-gc');
  const pool = createNodeWorkerPool(WORKERS);
  let mainPeakHeapUsed = 0;
  let mainPeakLiveHeap = 0;
  const workerPeakLiveHeap = new Array<number>(WORKERS).fill(0);
  const sampleHeapUsed = () => {
    mainPeakHeapUsed = Math.max(mainPeakHeapUsed, getHeapStatistics().used_heap_size);
  };
  // One question to the workers at a time: it waits for the chunks they are running.
  let asking = Promise.resolve();
  let answered = true;
  const sampleLiveHeaps = () => {
    collectGarbage();
    mainPeakLiveHeap = Math.max(mainPeakLiveHeap, getHeapStatistics().used_heap_size);
    if (!answered) return;
    answered = false;
    asking = pool.workerMemory(true).then((workers) => {
      answered = true;
      workers.forEach((w, i) => {
        if (!w.collected) throw new Error('a worker could not run a full collection');
        workerPeakLiveHeap[i] = Math.max(workerPeakLiveHeap[i]!, w.heapUsed);
      });
    });
  };
  const sampler = setInterval(sampleHeapUsed, SAMPLE_EVERY_MS);
  const collector = setInterval(sampleLiveHeaps, COLLECT_EVERY_MS);
  try {
    const start = performance.now();
    let reported = 0;
    await runScenario(scenario, pool, (done, total) => {
      sampleHeapUsed();
      const tenth = Math.floor((10 * done) / total);
      if (tenth > reported && SHOW_PROGRESS) {
        reported = tenth;
        process.stderr.write(`  ${trials} trials: ${tenth * 10}% after ${elapsed(start)} s\n`);
      }
    });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    clearInterval(collector);
    await asking;
    sampleLiveHeaps();
    await asking;
    const workers = await pool.workerMemory();
    const result: Probe = {
      trials,
      seconds,
      processPeakRss: process.resourceUsage().maxRSS * 1024,
      mainPeakHeapUsed,
      mainPeakLiveHeap,
      workerPeakHeapUsed: workers.map((w) => w.peakHeapUsed),
      workerPeakLiveHeap,
    };
    console.log(JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    clearInterval(collector);
    await pool.close();
  }
}

const elapsed = (start: number) => ((performance.now() - start) / 1000).toFixed(0);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const fmt = (n: number) => n.toLocaleString('en-US');

function runProbe(trials: number): Probe {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--probe', String(trials)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`memory probe for ${trials} trials failed`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Probe;
}

function cell(value: number, baseline: number, first: boolean): string {
  return first ? mib(value) : `${mib(value)} (${(value / baseline).toFixed(2)}×)`;
}

if (process.argv[2] === '--probe') {
  await probe(Number(process.argv[3]));
} else {
  console.log(
    `\nvoice-otp-lab memory benchmark: ${strategies.join(', ')} on night-attack-dtmf-1.json, ` +
      `${WORKERS} worker threads, each trial count in a fresh process (× = against the first)`,
  );
  const probes: Probe[] = [];
  for (const trials of trialCounts) probes.push(runProbe(trials));
  const base = probes[0]!;
  const rows = probes.map((p, i) => {
    const first = i === 0;
    const maxOf = (values: readonly number[]) => Math.max(...values);
    return [
      fmt(p.trials),
      `${p.seconds.toFixed(0)} s`,
      cell(p.processPeakRss, base.processPeakRss, first),
      cell(p.mainPeakHeapUsed, base.mainPeakHeapUsed, first),
      cell(p.mainPeakLiveHeap, base.mainPeakLiveHeap, first),
      cell(maxOf(p.workerPeakHeapUsed), maxOf(base.workerPeakHeapUsed), first),
      cell(maxOf(p.workerPeakLiveHeap), maxOf(base.workerPeakLiveHeap), first),
    ];
  });
  const header = [
    'trials per strategy',
    'time',
    'process peak RSS',
    'main heap peak',
    'main live peak',
    'worker heap peak',
    'worker live peak',
  ];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((text, c) => text.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    );
}
