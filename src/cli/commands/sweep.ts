import { InvalidArgumentError } from 'commander';
import { createNodeWorkerPool, defaultWorkerCount } from '../../node/workerPool.ts';
import {
  formatIssues,
  parseVary,
  resolveSweepAxes,
  ScenarioError,
  VARY_SYNTAX,
  type Scenario,
  type StrategyId,
  type SweepAxis,
  type SweepAxisSpec,
} from '../../scenario/index.ts';
import type { SecurityObjective, UsabilityObjective } from '../../sim/frontier.ts';
import type { ScenarioAssets } from '../../sim/greetingSource.ts';
import {
  sealPartialTallies,
  shardProblem,
  shardTrialRange,
  type Shard,
} from '../../sim/partialTallies.ts';
import type { TrialRange } from '../../sim/runPlan.ts';
import { runSweep, sweepTrials, type SweepTally } from '../../sim/sweep.ts';
import { sweepPartPlan, sweepPartPoints } from '../../sim/sweepPart.ts';
import { planSweep, type SweepPlan } from '../../sim/sweepPlan.ts';
import { sweepResults, type SweepResults } from '../../sim/sweepResults.ts';
import type { TwimlTexts } from '../../sim/twimlFlows.ts';
import { namingFile, UsageError } from '../exitCodes.ts';
import { loadScenarioFile, type LoadedScenario } from '../loadScenarioFile.ts';
import {
  checkWritable,
  inputsHash,
  sha256,
  shardText,
  toolInfo,
  writePartFile,
} from '../partFile.ts';
import { checkSweepOutput, printSweepResults } from '../printSweepResults.ts';
import { terminalProgress } from '../progress.ts';

export interface SweepOptions {
  /** `--vary` specs as written, each already of the form path=from..to:step. */
  vary?: SweepAxisSpec[];
  trials?: number;
  seed?: number;
  strategies?: StrategyId[];
  workers?: number;
  json?: boolean;
  csv?: boolean;
  plot?: string;
  objective: SecurityObjective;
  usability: UsabilityObjective;
  /** Run only this shard's trials of every point (shardTrialRange); needs `out`. */
  shard?: Shard;
  /** Write the partial tallies here (the whole sweep's, as shard 1/1, without `shard`). */
  out?: string;
}

/** `--vary`'s parser: the specs so far and this one, or commander's usage error (exit 2) saying the syntax. */
export function varySpec(text: string, previous: SweepAxisSpec[] = []): SweepAxisSpec[] {
  const spec = parseVary(text);
  if ('problem' in spec) throw new InvalidArgumentError(`${spec.problem}.`);
  return [...previous, spec];
}

/** `--vary path=from..to:step` as the user wrote it, for messages. */
function varyWords(spec: SweepAxisSpec): string {
  return `--vary ${spec.path}=${spec.from}..${spec.to}:${spec.step}`;
}

/**
 * The dimensions to sweep: `--vary` if given, else the scenario's `sweep.vary`; each checked
 * against the scenario (its path names a number, its grid is exact), else a UsageError saying
 * where, what was expected and what was found.
 */
function sweepAxes(
  file: string,
  scenario: Scenario,
  specs: SweepAxisSpec[] | undefined,
): SweepAxis[] {
  const given = specs && specs.length > 0 ? specs : scenario.sweep?.vary;
  if (!given) {
    throw new UsageError(
      `${file}: nothing to sweep: give --vary ${VARY_SYNTAX} (once or twice), or a "sweep" with "vary" in the scenario.`,
    );
  }
  const resolved = resolveSweepAxes(scenario, given);
  if ('axes' in resolved) return resolved.axes;
  const fromOptions = given === specs;
  const lines = resolved.problems.map((p) => {
    const where = fromOptions
      ? `${varyWords(given[p.axis]!)}${p.part === null ? '' : `, its ${p.part}`}`
      : `$.sweep.vary${p.part === null ? '' : `[${p.axis}].${p.part}`}`;
    return `  ${where}: expected ${p.expected}, found ${p.found}`;
  });
  throw new UsageError(`${file}: cannot sweep:\n${lines.join('\n')}`);
}

/** Every point built and validated before anything runs; problems as a UsageError naming the file. */
function plan(
  file: string,
  scenario: Scenario,
  axes: SweepAxis[],
  assets: ScenarioAssets,
): SweepPlan {
  try {
    return planSweep(scenario, axes, assets);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new UsageError(
      `${file}: a point of the sweep is not a valid scenario: ${formatIssues(error.issues, error.moreIssues)}`,
      { cause: error },
    );
  }
}

/**
 * Runs the sweep on worker threads (the trial indices in `range` only, for a shard), with
 * terminal progress; always closes the pool.
 */
async function sweepWithWorkers(
  file: string,
  sweep: SweepPlan,
  workers: number,
  assets: ScenarioAssets,
  documents: TwimlTexts,
  range?: TrialRange,
): Promise<SweepTally[]> {
  const pool = createNodeWorkerPool(Math.min(workers, sweepTrials(sweep, range)));
  const progress = terminalProgress(`${sweep.base.name} (${sweep.points.length} points)`);
  try {
    return await runSweep(sweep, pool, progress.listener, assets, documents, range);
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    progress.done();
    await pool.close();
  }
}

/** The sweep a loaded scenario describes: its dimensions (`specs`, else its own), planned. */
function sweepPlanOf(
  file: string,
  scenario: Scenario,
  assets: ScenarioAssets,
  specs?: SweepAxisSpec[],
) {
  return plan(file, scenario, sweepAxes(file, scenario, specs), assets);
}

/**
 * The sweep of a loaded scenario: its dimensions (`specs`, else the scenario's own), every point
 * planned and validated, then run on worker threads and summarised.
 */
export async function sweepOf(
  file: string,
  { scenario, assets, documents }: LoadedScenario,
  specs: SweepAxisSpec[] | undefined,
  workers = defaultWorkerCount(),
): Promise<SweepResults> {
  const sweep = sweepPlanOf(file, scenario, assets, specs);
  return sweepResults(sweep, await sweepWithWorkers(file, sweep, workers, assets, documents));
}

/** UsageErrors for --shard without --out, or with an option that prints the whole sweep. */
function checkShardOptions(options: SweepOptions): void {
  const { shard } = options;
  if (!shard) return;
  if (options.out === undefined) {
    throw new UsageError(
      `--shard ${shardText(shard)} writes the shard's partial tallies to a file: add --out FILE (then merge the parts with "npm run sim -- merge").`,
    );
  }
  const printing = (['json', 'csv', 'plot'] as const).find((o) => options[o] !== undefined);
  if (printing) {
    throw new UsageError(
      `--${printing} prints a whole sweep's results, and a shard's are partial: merge the parts ("npm run sim -- merge part*.json --${printing}${printing === 'plot' ? ' FILE.svg' : ''}") to print them.`,
    );
  }
}

/**
 * `sim sweep`: runs the scenario at every point of one or two dimensions on the same trials,
 * prints every figure with its interval and the frontier, draws the plot, and checks the
 * scenario's `sweep.expect` (exit 1 when one fails, listing the closest points on stderr). With
 * `--out`, its tallies are written too; with `--shard i/n --out FILE`, only shard i's trials of
 * every point run, written as partial tallies for `merge` and not printed.
 */
export async function sweepCommand(file: string, options: SweepOptions): Promise<void> {
  checkSweepOutput(options);
  checkShardOptions(options);
  const loaded = await loadScenarioFile(file, options);
  const { scenario, assets, documents } = loaded;
  const shard = options.shard ?? { index: 1, count: 1 };
  const problem = shardProblem(shard, scenario.trials);
  if (problem) {
    throw new UsageError(
      `--shard ${shardText(shard)}: expected ${problem.expected}, found ${shard[problem.field]}.`,
    );
  }
  const sweep = sweepPlanOf(file, scenario, assets, options.vary);
  if (options.out !== undefined) await checkWritable(options.out);
  const range = shardTrialRange(scenario.trials, shard);
  const tallies = await sweepWithWorkers(
    file,
    sweep,
    options.workers ?? defaultWorkerCount(),
    assets,
    documents,
    range,
  );
  if (options.out !== undefined)
    await writeSweepPart(options.out, loaded, sweep, options, shard, tallies);
  if (options.shard) {
    process.stdout.write(
      `shard ${shardText(shard)} of ${JSON.stringify(scenario.name)}: trials ${range.fromTrial} to ${range.toTrial - 1} of ${scenario.trials} at each of ${sweep.points.length} points for each of ${scenario.strategies.length} strategies, partial tallies written to ${options.out}\n`,
    );
  } else {
    await printSweepResults(scenario, sweepResults(sweep, tallies), options, options);
  }
}

/** Writes a sweep's partial tallies: command "sweep", its plan, one point per setting. */
async function writeSweepPart(
  path: string,
  { scenario, assets, documents }: LoadedScenario,
  sweep: SweepPlan,
  { objective, usability }: SweepOptions,
  shard: Shard,
  tallies: readonly SweepTally[],
): Promise<void> {
  const part = sealPartialTallies(
    {
      tool: await toolInfo(),
      command: 'sweep',
      plan: sweepPartPlan(sweep, objective, usability),
      inputsHash: inputsHash(assets, documents),
      scenario,
      seed: scenario.seed,
      trials: scenario.trials,
      shard,
      trialRange: shardTrialRange(scenario.trials, shard),
      points: sweepPartPoints(sweep, tallies),
    },
    sha256,
  );
  await writePartFile(path, part);
}
