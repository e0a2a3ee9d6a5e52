import { writeFile } from 'node:fs/promises';
import { sweepPlotSvg } from '../report/sweepPlot.ts';
import {
  formatSweep,
  sweepCheckLines,
  sweepReport,
  sweepReportCsv,
  sweepReportJson,
} from '../report/sweepReport.ts';
import type { Scenario } from '../scenario/index.ts';
import { sweepFrontier, type SecurityObjective, type UsabilityObjective } from '../sim/frontier.ts';
import { checkSweepExpectations } from '../sim/sweepExpectations.ts';
import type { SweepResults } from '../sim/sweepResults.ts';
import { EXIT_EXPECTATION_FAILED, UsageError } from './exitCodes.ts';
import { svgDocument } from './svgDocument.ts';

/** How `sweep` (and `merge` of a sweep's parts) print the results. */
export interface SweepOutputOptions {
  /** Print the results, the frontier and the thresholds as JSON. */
  readonly json?: boolean | undefined;
  /** Print one row per point and strategy as CSV. */
  readonly csv?: boolean | undefined;
  /** Also draw the sweep as a standalone SVG to this file. */
  readonly plot?: string | undefined;
}

/** The frontier's figures: `--objective` and `--usability`. */
export interface SweepObjectives {
  readonly objective: SecurityObjective;
  readonly usability: UsabilityObjective;
}

/** Throws a UsageError (exit 2) when both --json and --csv are given. */
export function checkSweepOutput(options: SweepOutputOptions): void {
  if (options.json && options.csv) throw new UsageError('sim: --json and --csv: choose one.');
}

/**
 * Prints a finished sweep as `sweep` does: the frontier on `objectives`, the plot drawn if asked
 * for, the report (text, JSON or CSV), and the scenario's `sweep.expect` checked (each failed
 * one on stderr with its closest points, exit code 1). `merge` prints through this too, so a
 * merged sweep prints byte for byte what one sweep does.
 */
export async function printSweepResults(
  scenario: Scenario,
  results: SweepResults,
  objectives: SweepObjectives,
  options: SweepOutputOptions,
): Promise<void> {
  const frontier = sweepFrontier(results, objectives.objective, objectives.usability);
  const checks = checkSweepExpectations(scenario.sweep?.expect ?? [], results);
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
