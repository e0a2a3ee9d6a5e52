/**
 * The rules of a scenario's `sweep` across fields, checked with the other cross-field rules:
 * each dimension names a number of this scenario over an exact grid (sweepAxes.ts), and each
 * threshold has exactly one of "some" and "every", for a strategy the scenario runs.
 */
import type { Scenario } from './schema.ts';
import type { ScenarioIssue } from './issueList.ts';
import { describeValue, jsonPath, type PathKey } from './jsonPath.ts';
import { resolveSweepAxes } from './sweepAxes.ts';

/** Every problem of `scenario.sweep`, at its JSON path. */
export function sweepIssues(scenario: Scenario): ScenarioIssue[] {
  const { sweep } = scenario;
  if (!sweep) return [];
  const issues: ScenarioIssue[] = [];
  const add = (keys: PathKey[], expected: string, found: string) =>
    issues.push({ path: jsonPath(['sweep', ...keys]), expected, found });
  const resolved = resolveSweepAxes(scenario, sweep.vary);
  if ('problems' in resolved) {
    for (const p of resolved.problems)
      add(p.part === null ? ['vary'] : ['vary', p.axis, p.part], p.expected, p.found);
  }
  sweep.expect.forEach((rule, i) => {
    if ((rule.some === undefined) === (rule.every === undefined)) {
      add(
        ['expect', i],
        'exactly one of "some" (a point meets every bound) and "every" (every point does)',
        describeValue(rule),
      );
    }
    if (rule.strategy !== 'all' && !scenario.strategies.includes(rule.strategy)) {
      add(
        ['expect', i, 'strategy'],
        `"all" or a strategy listed in "strategies" (${scenario.strategies.join(', ')}), or it would never be checked`,
        describeValue(rule.strategy),
      );
    }
    for (const kind of ['some', 'every'] as const) {
      for (const [metric, bound] of Object.entries(rule[kind] ?? {})) {
        if (bound && bound.min !== undefined && bound.max !== undefined && bound.min > bound.max)
          add(['expect', i, kind, metric], '"min" ≤ "max"', describeValue(bound));
      }
    }
  });
  return issues;
}
