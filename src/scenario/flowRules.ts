/**
 * Rules that tie the strategies and expectations to the flows a scenario declares, and a flow's
 * options to each other. Checked after the per-field schema, with the other cross-field rules.
 */
import type { Scenario } from './schema.ts';
import type { ScenarioIssue } from './issueList.ts';
import { describeValue, jsonPath, shortKey } from './jsonPath.ts';
import { MAX_FLOWS } from './bounds.ts';
import { STRATEGY_ID_PATTERN } from './flowSchema.ts';
import { BUILT_IN_STRATEGY_IDS, isBuiltInStrategy, MAX_STRATEGIES } from './strategyIds.ts';

/** The names a scenario gives strategies: in `strategies`, in `flows`, in `expect` and `expectWorstCase`. */
export interface StrategyNames {
  /** As written; only ids (STRATEGY_ID_PATTERN) are checked here, the schema checks the rest. */
  readonly strategies: readonly unknown[];
  /** At most MAX_FLOWS of them (the schema refuses more). */
  readonly flowIds: readonly string[];
  readonly expectKeys: readonly string[];
  readonly worstCaseKeys: readonly string[];
}

/** The names in a validated scenario. */
export function strategyNames(scenario: Scenario): StrategyNames {
  return {
    strategies: scenario.strategies,
    flowIds: Object.keys(scenario.flows),
    expectKeys: Object.keys(scenario.expect),
    worstCaseKeys: Object.keys(scenario.expectWorstCase),
  };
}

/**
 * The names in a value the schema refused, as far as they can be read (a list, objects), so
 * that a strategy that does not exist is reported with the schema's own problems; null where
 * the lists are past their bounds (the schema reports that, and they say nothing more).
 */
export function strategyNamesIn(input: unknown): StrategyNames | null {
  const object = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const scenario = object(input);
  const strategies = Array.isArray(scenario?.strategies) ? (scenario.strategies as unknown[]) : [];
  const flowIds = Object.keys(object(scenario?.flows) ?? {});
  if (strategies.length > MAX_STRATEGIES || flowIds.length > MAX_FLOWS) return null;
  return {
    strategies,
    flowIds,
    expectKeys: Object.keys(object(scenario?.expect) ?? {}),
    worstCaseKeys: Object.keys(object(scenario?.expectWorstCase) ?? {}),
  };
}

/** True for a built-in flow or a declared one. */
export function isKnownStrategy(names: StrategyNames, id: string): boolean {
  return isBuiltInStrategy(id) || names.flowIds.includes(id);
}

/** "a built-in id (naive, …) or a flow declared in "flows" (a, b)". */
function knownStrategies(names: StrategyNames): string {
  const flows = names.flowIds.length > 0 ? ` (${names.flowIds.join(', ')})` : ', and none is';
  return `a built-in id (${BUILT_IN_STRATEGY_IDS.join(', ')}) or a flow declared in "flows"${flows}`;
}

/**
 * Each strategy listed is a built-in flow or a declared one (at `$.strategies[i]`), and each
 * `expect` and `expectWorstCase` key is one of those or "all" (at `$.expect.<key>`,
 * `$.expectWorstCase.<key>`). Each problem goes to `add`,
 * which builds it only if it will be listed (IssueList).
 */
export function strategyReferenceIssues(
  names: StrategyNames,
  add: (build: () => ScenarioIssue) => void,
): void {
  const isUnknown = (id: unknown): id is string =>
    typeof id === 'string' && STRATEGY_ID_PATTERN.test(id) && !isKnownStrategy(names, id);
  names.strategies.forEach((id, i) => {
    if (isUnknown(id))
      add(() => ({
        path: jsonPath(['strategies', i]),
        expected: knownStrategies(names),
        found: describeValue(id),
      }));
  });
  for (const [field, keys] of [
    ['expect', names.expectKeys],
    ['expectWorstCase', names.worstCaseKeys],
  ] as const) {
    for (const key of keys) {
      if (key !== 'all' && isUnknown(key))
        add(() => ({
          path: jsonPath([field, key]),
          expected: `"all", ${knownStrategies(names)}`,
          found: `the name ${JSON.stringify(shortKey(key))}`,
        }));
    }
  }
}

/**
 * A flow with both `sendDigits` and `machineDetection`: the Calls API ignores MachineDetection
 * when SendDigits is given ("If both `SendDigits` and `MachineDetection` parameters are
 * provided, then `MachineDetection` will be ignored", CreateCallRequest in twilio/twilio-oai),
 * so the detection the scenario asks for would silently not run.
 */
export function flowOptionIssues(scenario: Scenario): ScenarioIssue[] {
  return Object.entries(scenario.flows).flatMap(([id, flow]) =>
    flow.machineDetection !== undefined && flow.sendDigits !== undefined
      ? [
          {
            path: jsonPath(['flows', id, 'machineDetection']),
            expected:
              'no "machineDetection" in a flow with "sendDigits" (the Calls API ignores MachineDetection when SendDigits is given)',
            found: describeValue(flow.machineDetection),
          },
        ]
      : [],
  );
}
