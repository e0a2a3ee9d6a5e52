import { mergePartialTallies, type MergedTallies } from '../../sim/partialTallies.ts';
import { UsageError } from '../exitCodes.ts';
import { readPartFiles } from '../partFile.ts';
import { printRunResults, type RunOutputOptions } from '../printRunResults.ts';
import { checkSweepOutput, type SweepOutputOptions } from '../printSweepResults.ts';
import { printMergedSweep } from './mergeSweep.ts';

/** `merge`'s options: how to print, as the command that wrote the parts takes them. */
export type MergeOptions = RunOutputOptions & SweepOutputOptions;

/** Prints merged tallies as the command that wrote the parts prints a whole run. */
type MergedPrinter = (
  merged: MergedTallies,
  firstFile: string,
  options: MergeOptions,
) => void | Promise<void>;

/** How each command's parts print once merged, by the parts' `command`. */
const PRINTERS: Readonly<Record<string, MergedPrinter>> = {
  run: printMergedRun,
  sweep: printMergedSweep,
};

/**
 * `merge`: reads the part files, checks each (partialTalliesIssues) and that together they are
 * every shard of one run or sweep once (mergePartialTallies), adds their tallies and prints what
 * the command that wrote them prints for the whole run or sweep, byte for byte, with the same
 * exit code. Every problem is an input error (exit 2) naming the file and the JSON path.
 */
export async function mergeCommand(files: string[], options: MergeOptions): Promise<void> {
  checkSweepOutput(options);
  const parts = await readPartFiles(files);
  const outcome = mergePartialTallies(parts);
  if (!outcome.ok) {
    throw new UsageError(
      `cannot merge the parts: they are not every shard of one run, once each:\n${outcome.problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  const first = parts[0]!.file;
  const printer = PRINTERS[outcome.merged.command];
  if (!printer) {
    throw new UsageError(
      `${first}: $.command: expected one of ${Object.keys(PRINTERS)
        .map((c) => JSON.stringify(c))
        .join(
          ', ',
        )} (a command this version merges), found ${JSON.stringify(outcome.merged.command)}`,
    );
  }
  await printer(outcome.merged, first, options);
}

/** A run's parts: one point ({}) and no plan; printed as `run` prints. */
function printMergedRun(merged: MergedTallies, firstFile: string, options: MergeOptions) {
  const [only, ...more] = merged.points;
  if (!only || more.length > 0 || Object.keys(only.point).length > 0 || merged.plan !== null) {
    throw new UsageError(
      `${firstFile}: $.points: expected one point, {}, and a null $.plan (what "run --out" writes), found ${merged.points.length} point(s)`,
    );
  }
  const sweepOnly = (['csv', 'plot'] as const).find((o) => options[o] !== undefined);
  if (sweepOnly) {
    throw new UsageError(
      `--${sweepOnly} prints a sweep, and ${firstFile} is a part of a run ($.command "run"): merge it with or without --json.`,
    );
  }
  printRunResults(merged.scenario, only.totals.results(), options);
}
