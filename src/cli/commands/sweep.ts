import { InvalidArgumentError } from 'commander';
import { writeFile } from 'node:fs/promises';
import { createNodeWorkerPool, defaultWorkerCount } from '../../node/workerPool.ts';
import { sweepPlotSvg } from '../../report/sweepPlot.ts';
import {
  formatSweep,
  sweepCheckLines,
  sweepReport,
  sweepReportCsv,
  sweepReportJson,
} from '../../report/sweepReport.ts';
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
import {
  sweepFrontier,
  type SecurityObjective,
  type UsabilityObjective,
} from '../../sim/frontier.ts';
import type { ScenarioAssets } from '../../sim/greetingSource.ts';
import { runSweep, sweepTrials, type SweepTally } from '../../sim/sweep.ts';
import { checkSweepExpectations } from '../../sim/sweepExpectations.ts';
import { planSweep, type SweepPlan } from '../../sim/sweepPlan.ts';
import { sweepResults, type SweepResults } from '../../sim/sweepResults.ts';
import type { TwimlTexts } from '../../sim/twimlFlows.ts';
import { EXIT_EXPECTATION_FAILED, namingFile, UsageError } from '../exitCodes.ts';
import { loadScenarioFile, type LoadedScenario } from '../loadScenarioFile.ts';
import { terminalProgress } from '../progress.ts';
import { svgDocument } from '../svgDocument.ts';

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

/** Runs the sweep on worker threads, with terminal progress; always closes the pool. */
async function sweepWithWorkers(
  file: string,
  sweep: SweepPlan,
  workers: number,
  assets: ScenarioAssets,
  documents: TwimlTexts,
): Promise<SweepTally[]> {
  const pool = createNodeWorkerPool(Math.min(workers, sweepTrials(sweep)));
  const progress = terminalProgress(`${sweep.base.name} (${sweep.points.length} points)`);
  try {
    return await runSweep(sweep, pool, progress.listener, assets, documents);
  } catch (error) {
    throw namingFile(file, error);
  } finally {
    progress.done();
    await pool.close();
  }
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
  const sweep = plan(file, scenario, sweepAxes(file, scenario, specs), assets);
  return sweepResults(sweep, await sweepWithWorkers(file, sweep, workers, assets, documents));
}

/**
 * `sim sweep`: runs the scenario at every point of one or two dimensions on the same trials,
 * prints every figure with its interval and the frontier, draws the plot, and checks the
 * scenario's `sweep.expect` (exit 1 when one fails, listing the closest points on stderr).
 */
export async function sweepCommand(file: string, options: SweepOptions): Promise<void> {
  if (options.json && options.csv) throw new UsageError('sim: --json and --csv: choose one.');
  const loaded = await loadScenarioFile(file, options);
  const results = await sweepOf(file, loaded, options.vary, options.workers);
  const frontier = sweepFrontier(results, options.objective, options.usability);
  const checks = checkSweepExpectations(loaded.scenario.sweep?.expect ?? [], results);
  const report = sweepReport(results, frontier, checks);
  if (options.plot) {
    const svg = sweepPlotSvg(results, frontier, { document: svgDocument() });
    await writeFile(options.plot, svg).catch((error: unknown) => {
      throw new UsageError(`sim: cannot write the plot to ${options.plot} (${String(error)}).`);
    });
  }
  if (options.json) process.stdout.write(sweepReportJson(report));
  else if (options.csv) process.stdout.write(sweepReportCsv(report));
  else process.stdout.write(formatSweep(report));
  const failed = checks.filter((c) => !c.passed);
  if (failed.length > 0) {
    process.stderr.write(`${failed.flatMap((c) => sweepCheckLines(results, c)).join('\n')}\n`);
    process.exitCode = EXIT_EXPECTATION_FAILED;
  }
}
