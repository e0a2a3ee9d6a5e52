import { reportJson, runReport } from '../report/exports.ts';
import { formatComparison } from '../report/textTable.ts';
import type { Scenario } from '../scenario/index.ts';
import { checkExpectations, describeCheck } from '../sim/expectations.ts';
import type { RunResults } from '../sim/results.ts';
import { EXIT_EXPECTATION_FAILED } from './exitCodes.ts';

/** How `run` (and `merge` of a run's parts) print the results. */
export interface RunOutputOptions {
  /** Print the RunReport as JSON instead of the comparison table. */
  readonly json?: boolean | undefined;
}

/**
 * Prints a finished run as `run` does: the comparison table and how many `expect` thresholds
 * held (or, with `json`, the RunReport), each failed threshold on stderr, and exit code 1 if any
 * failed. `merge` prints through this too, so a merged run prints byte for byte what one run does.
 */
export function printRunResults(
  scenario: Scenario,
  results: RunResults,
  options: RunOutputOptions,
): void {
  const checks = checkExpectations(scenario, results);
  const failed = checks.filter((c) => !c.passed);
  if (options.json) {
    process.stdout.write(reportJson(runReport(results, checks)));
  } else {
    process.stdout.write(`${formatComparison(results, scenario.attacker.attempts)}\n`);
    if (checks.length > 0) {
      process.stdout.write(
        `\nexpectations: ${checks.length - failed.length} of ${checks.length} met\n`,
      );
    }
  }
  if (failed.length > 0) {
    process.stderr.write(`${failed.map((c) => `FAILED ${describeCheck(c)}`).join('\n')}\n`);
    process.exitCode = EXIT_EXPECTATION_FAILED;
  }
}
