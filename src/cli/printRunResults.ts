import { reportJson, runReport } from '../report/exports.ts';
import { formatComparison } from '../report/textTable.ts';
import type { Scenario } from '../scenario/index.ts';
import { checkExpectations, describeCheck } from '../sim/expectations.ts';
import type { RunResults } from '../sim/results.ts';
import { EXIT_EXPECTATION_FAILED } from './exitCodes.ts';
import { describeWorstCaseCheck, type WorstCaseCheck } from '../redteam/index.ts';

/** How `run` (and `merge` of a run's parts) print the results. */
export interface RunOutputOptions {
  /** Print the RunReport as JSON instead of the comparison table. */
  readonly json?: boolean | undefined;
}

/**
 * Prints a finished run as `run` does: the comparison table and how many `expect` thresholds
 * held (or, with `json`, the RunReport), each failed threshold on stderr, and exit code 1 if any
 * failed; with `worstCase`, the `expectWorstCase` checks too. `merge` prints through this too,
 * so a merged run prints byte for byte what one run does (without the worst-case searches,
 * which `merge` does not run).
 */
export function printRunResults(
  scenario: Scenario,
  results: RunResults,
  options: RunOutputOptions,
  worstCase: readonly WorstCaseCheck[] = [],
): void {
  const checks = checkExpectations(scenario, results);
  const failed = checks.filter((c) => !c.passed);
  const worstFailed = worstCase.filter((c) => !c.passed);
  if (options.json) {
    process.stdout.write(reportJson(runReport(results, checks, worstCase)));
  } else {
    process.stdout.write(`${formatComparison(results, scenario.attacker.attempts)}\n`);
    if (checks.length > 0) {
      process.stdout.write(
        `\nexpectations: ${checks.length - failed.length} of ${checks.length} met\n`,
      );
    }
    if (worstCase.length > 0) {
      process.stdout.write(
        `worst case (greeting search): ${worstCase.length - worstFailed.length} of ${worstCase.length} met\n`,
      );
      for (const check of worstCase) process.stdout.write(`  ${describeWorstCaseCheck(check)}\n`);
    }
  }
  const failures = [
    ...failed.map((c) => `FAILED ${describeCheck(c)}`),
    ...worstFailed.map((c) => `FAILED ${describeWorstCaseCheck(c)}`),
  ];
  if (failures.length > 0) {
    process.stderr.write(`${failures.join('\n')}\n`);
    process.exitCode = EXIT_EXPECTATION_FAILED;
  }
}
