import type { MetricName, Scenario, StrategyId } from '../scenario/index.ts';
import type { RunResults } from './results.ts';

export interface ExpectationCheck {
  readonly strategy: StrategyId;
  readonly metric: MetricName;
  readonly bound: 'min' | 'max';
  readonly limit: number;
  readonly actual: number | null;
  readonly passed: boolean;
}

/** Checks the scenario's `expect` thresholds ("all" applies to every strategy run). */
export function checkExpectations(scenario: Scenario, results: RunResults): ExpectationCheck[] {
  const checks: ExpectationCheck[] = [];
  for (const strategy of scenario.strategies) {
    const result = results.strategies[strategy];
    if (!result) continue;
    for (const source of [scenario.expect.all, scenario.expect[strategy]]) {
      for (const [metric, bound] of Object.entries(source ?? {}) as [
        MetricName,
        { min?: number; max?: number },
      ][]) {
        const actual = result[metric];
        if (bound.min !== undefined) {
          checks.push({
            strategy,
            metric,
            bound: 'min',
            limit: bound.min,
            actual,
            passed: actual !== null && actual >= bound.min,
          });
        }
        if (bound.max !== undefined) {
          checks.push({
            strategy,
            metric,
            bound: 'max',
            limit: bound.max,
            actual,
            passed: actual !== null && actual <= bound.max,
          });
        }
      }
    }
  }
  return checks;
}

export function describeCheck(check: ExpectationCheck): string {
  const op = check.bound === 'min' ? '≥' : '≤';
  const actual = check.actual === null ? 'no value' : String(round(check.actual));
  return `${check.strategy}.${check.metric} = ${actual}, expected ${op} ${check.limit}`;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
