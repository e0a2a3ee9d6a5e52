/**
 * npm run bench: the merge identity for 1, 3 and 7 shards (README "Splitting a run across
 * machines"), on the issue's example scenario at BENCH_TRIALS trials: each shard run on the worker
 * pool as `run --shard i/n --out` runs it and written as part-file text, then the parts read back,
 * checked and merged as `merge` does, and the merged `--json` report compared with the single
 * run's, byte for byte. Prints whether they are identical, the parts' size and how long reading,
 * checking and adding the parts took; no thresholds here.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { inputsHash, sha256 } from '../src/cli/partFile.ts';
import { createNodeWorkerPool } from '../src/node/workerPool.ts';
import { parseScenarioText, type Scenario } from '../src/scenario/index.ts';
import { reportJson, runReport } from '../src/report/exports.ts';
import { checkExpectations } from '../src/sim/expectations.ts';
import {
  mergePartialTallies,
  partialTalliesIssues,
  partialTalliesJson,
  sealPartialTallies,
  shardTrialRange,
  type NamedPart,
  type PartialTallies,
} from '../src/sim/partialTallies.ts';
import type { RunResults } from '../src/sim/results.ts';
import { runScenarioTotals, type ChunkExecutor } from '../src/sim/runPlan.ts';

const SCENARIO_FILE = new URL('../scenarios/night-attack-dtmf-1.json', import.meta.url);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 10000);
const SHARD_COUNTS = [1, 3, 7];

function loadScenario(): Scenario {
  const result = parseScenarioText(readFileSync(SCENARIO_FILE, 'utf8'));
  if (!result.ok) throw new Error('bench scenario is invalid');
  return { ...result.scenario, trials: TRIALS };
}

/** `run --json`'s bytes for these results. */
function runJson(scenario: Scenario, results: RunResults): string {
  return reportJson(runReport(results, checkExpectations(scenario, results)));
}

/** Shard `index` of `count`, run on the pool, as the text of its part file. */
async function shardText(
  scenario: Scenario,
  pool: ChunkExecutor,
  index: number,
  count: number,
): Promise<string> {
  const shard = { index, count };
  const range = shardTrialRange(scenario.trials, shard);
  const totals = await runScenarioTotals(scenario, pool, undefined, {}, {}, range);
  const part = sealPartialTallies(
    {
      tool: { name: 'voice-otp-lab', version: 'bench' },
      command: 'run',
      plan: null,
      inputsHash: inputsHash({}, {}),
      scenario,
      seed: scenario.seed,
      trials: scenario.trials,
      shard,
      trialRange: range,
      points: [{ point: {}, tallies: totals.tallies() }],
    },
    sha256,
  );
  return partialTalliesJson(part);
}

/** What `merge` does after reading the files: parse, check each part, add them up. */
function mergeTexts(texts: readonly string[]): RunResults {
  const parts: NamedPart[] = texts.map((text, i) => {
    const value: unknown = JSON.parse(text);
    const issues = partialTalliesIssues(value, sha256);
    if (issues.length > 0) throw new Error(`part ${i + 1}: ${JSON.stringify(issues)}`);
    return { file: `part-${i + 1}.json`, part: value as PartialTallies };
  });
  const outcome = mergePartialTallies(parts);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.merged.points[0]!.totals.results();
}

const scenario = loadScenario();
const workers = Math.min(2, availableParallelism());
const pool = createNodeWorkerPool(workers);
try {
  const single = runJson(scenario, (await runScenarioTotals(scenario, pool)).results());
  console.log(
    `merge identity: ${scenario.name}, ${TRIALS} trials × ${scenario.strategies.length} strategies, shards run on ${workers} workers`,
  );
  console.log('shards  identical to one run  parts (bytes)  read, check and add (ms)');
  for (const count of SHARD_COUNTS) {
    const texts: string[] = [];
    for (let index = 1; index <= count; index++) {
      texts.push(await shardText(scenario, pool, index, count));
    }
    const start = performance.now();
    const merged = runJson(scenario, mergeTexts(texts));
    const ms = performance.now() - start;
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    console.log(
      `${String(count).padEnd(8)}${(merged === single ? 'yes' : 'NO').padEnd(22)}${String(bytes).padEnd(15)}${ms.toFixed(1)}`,
    );
    if (merged !== single) process.exitCode = 1;
  }
} finally {
  await pool.close();
}
