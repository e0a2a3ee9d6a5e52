import {
  formatIssue,
  formatIssues,
  resolveSweepAxes,
  ScenarioError,
  type ScenarioIssue,
  type SweepAxisSpec,
} from '../../scenario/index.ts';
import type { MergedTallies } from '../../sim/partialTallies.ts';
import {
  mergedSweepTallies,
  sweepPartPlanIssues,
  sweepPointIssues,
  type SweepPartPlan,
} from '../../sim/sweepPart.ts';
import { planSweep, type SweepPlan } from '../../sim/sweepPlan.ts';
import { sweepResults } from '../../sim/sweepResults.ts';
import { UsageError } from '../exitCodes.ts';
import { printSweepResults, type SweepOutputOptions } from '../printSweepResults.ts';

/**
 * A sweep's parts (`sweep --shard i/n --out`): the sweep planned again from the files' scenario
 * and `plan`, the merged points checked against it, and printed as `sweep` prints the whole
 * sweep, byte for byte, with the same exit code (1 when a `sweep.expect` threshold fails).
 */
export async function printMergedSweep(
  merged: MergedTallies,
  firstFile: string,
  options: SweepOutputOptions,
): Promise<void> {
  const planIssues = sweepPartPlanIssues(merged.plan);
  if (planIssues.length > 0) throw partError(firstFile, planIssues);
  const partPlan = merged.plan as SweepPartPlan;
  const sweep = replan(firstFile, merged, partPlan.vary);
  const pointIssues = sweepPointIssues(sweep, merged);
  if (pointIssues.length > 0) throw partError(firstFile, pointIssues);
  const results = sweepResults(sweep, mergedSweepTallies(merged));
  await printSweepResults(merged.scenario, results, partPlan, options);
}

/** The sweep the parts ran: the scenario's points at the plan's dimensions, validated again. */
function replan(file: string, merged: MergedTallies, vary: readonly SweepAxisSpec[]): SweepPlan {
  const resolved = resolveSweepAxes(merged.scenario, vary);
  if ('problems' in resolved) {
    throw partError(
      file,
      resolved.problems.map((p) => ({
        path: `$.plan.vary${p.part === null ? '' : `[${p.axis}].${p.part}`}`,
        expected: p.expected,
        found: p.found,
      })),
    );
  }
  try {
    return planSweep(merged.scenario, resolved.axes);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new UsageError(
      `${file}: a point of the sweep is not a valid scenario: ${formatIssues(error.issues, error.moreIssues)}`,
      { cause: error },
    );
  }
}

function partError(file: string, issues: readonly ScenarioIssue[]): UsageError {
  const lines = issues.map((issue) => `  ${formatIssue(issue)}`);
  return new UsageError(
    `${file}: not the parts of a sweep this merge can print:\n${lines.join('\n')}`,
  );
}
