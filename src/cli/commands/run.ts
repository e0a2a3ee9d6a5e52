import type { StrategyId } from '../../scenario/index.ts';
import {
  sealPartialTallies,
  shardProblem,
  shardTrialRange,
  type Shard,
} from '../../sim/partialTallies.ts';
import { wholeRun, type RunTotals } from '../../sim/runPlan.ts';
import { UsageError } from '../exitCodes.ts';
import { loadScenarioFile, type LoadedScenario } from '../loadScenarioFile.ts';
import {
  checkWritable,
  inputsHash,
  sha256,
  shardText,
  toolInfo,
  writePartFile,
} from '../partFile.ts';
import { printRunResults } from '../printRunResults.ts';
import { runTotalsWithWorkers } from '../runWithWorkers.ts';
import { searchWorstCases } from '../searchSupport.ts';
import { defaultWorkerCount } from '../../node/workerPool.ts';

export interface RunOptions {
  trials?: number;
  seed?: number;
  strategies?: StrategyId[];
  workers?: number;
  json?: boolean;
  /** Run only this shard's trials (shardTrialRange); needs `out`. */
  shard?: Shard;
  /** Write the partial tallies here (the whole run's, as shard 1/1, without `shard`). */
  out?: string;
}

/**
 * `run`: the whole run, printed (and with `--out`, its tallies written too), or with `--shard i/n
 * --out FILE` only shard i's trials, written as partial tallies for `merge` and not printed. A
 * whole run then runs the scenario's `expectWorstCase` searches (src/redteam); a shard does not.
 */
export async function runCommand(file: string, options: RunOptions): Promise<void> {
  if (options.shard && options.out === undefined) {
    throw new UsageError(
      `--shard ${shardText(options.shard)} writes the shard's partial tallies to a file: add --out FILE (then merge the parts with "npm run sim -- merge").`,
    );
  }
  if (options.shard && options.json) {
    throw new UsageError(
      `--json prints a whole run's results, and a shard's are partial: merge the parts ("npm run sim -- merge part*.json --json") to print them.`,
    );
  }
  const loaded = await loadScenarioFile(file, options);
  const { scenario, assets, documents } = loaded;
  const shard = options.shard ?? { index: 1, count: 1 };
  const problem = shardProblem(shard, scenario.trials);
  if (problem) {
    throw new UsageError(
      `--shard ${shardText(shard)}: expected ${problem.expected}, found ${shard[problem.field]}.`,
    );
  }
  if (options.out !== undefined) await checkWritable(options.out);
  const range = options.shard ? shardTrialRange(scenario.trials, shard) : wholeRun(scenario);
  const totals = await runTotalsWithWorkers(
    file,
    scenario,
    options.workers,
    assets,
    documents,
    range,
  );
  if (options.out !== undefined) {
    await writeRunPart(options.out, loaded, shard, totals);
  }
  if (options.shard) {
    process.stdout.write(
      `shard ${shardText(shard)} of ${JSON.stringify(scenario.name)}: trials ${range.fromTrial} to ${range.toTrial - 1} of ${scenario.trials} for each of ${scenario.strategies.length} strategies, partial tallies written to ${options.out}\n`,
    );
  } else {
    const worstCase = await searchWorstCases(
      file,
      scenario,
      options.workers ?? defaultWorkerCount(),
      assets,
      documents,
    );
    printRunResults(scenario, totals.results(), options, worstCase);
  }
}

/** Writes a run's partial tallies: command "run", no plan, one point ({}). */
async function writeRunPart(
  path: string,
  { scenario, assets, documents }: LoadedScenario,
  shard: Shard,
  totals: RunTotals,
): Promise<void> {
  const part = sealPartialTallies(
    {
      tool: await toolInfo(),
      command: 'run',
      plan: null,
      inputsHash: inputsHash(assets, documents),
      scenario,
      seed: scenario.seed,
      trials: scenario.trials,
      shard,
      trialRange: shardTrialRange(scenario.trials, shard),
      points: [{ point: {}, tallies: totals.tallies() }],
    },
    sha256,
  );
  await writePartFile(path, part);
}
