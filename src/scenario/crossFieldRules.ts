import { COMMON_PIN_LENGTH } from './pinChoice.ts';
import type { Scenario } from './schema.ts';
import type { ScenarioIssue } from './validate.ts';
import { describeValue, jsonPath, type PathKey } from './jsonPath.ts';
import { greetingBoundIssues } from './greetingBounds.ts';
import { runBoundIssues, worstCaseSearchBoundIssues } from './runBounds.ts';
import { isTwimlFlow } from './flowDocuments.ts';
import { sweepIssues } from './sweepRules.ts';
import {
  flowOptionIssues,
  isKnownStrategy,
  strategyNames,
  strategyReferenceIssues,
} from './flowRules.ts';

/** Rules that tie several fields together, checked after the per-field schema. */
export function crossFieldIssues(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (keys: PathKey[], expected: string, found: unknown) =>
    issues.push({ path: jsonPath(keys), expected, found: describeValue(found) });

  const { pin } = scenario.voicemail;
  if (pin.choice === 'common' && pin.length !== COMMON_PIN_LENGTH) {
    add(
      ['voicemail', 'pin', 'length'],
      `${COMMON_PIN_LENGTH} when "choice" is "common" (the PIN frequency table is for 4-digit PINs; use "uniform" or "default" for other lengths)`,
      pin.length,
    );
  }
  const digits = scenario.service.promptDigits;
  if (new Set(digits).size !== digits.length) {
    add(
      ['service', 'promptDigits'],
      'each digit at most once (so every digit is equally likely)',
      digits,
    );
  }
  const names = strategyNames(scenario);
  strategyReferenceIssues(names, (build) => issues.push(build()));
  scenario.strategies.forEach((strategy, i) => {
    if (scenario.strategies.indexOf(strategy) !== i)
      add(['strategies', i], 'each strategy at most once', strategy);
  });
  for (const field of ['expect', 'expectWorstCase'] as const) {
    for (const strategy of Object.keys(scenario[field])) {
      // An expectation for a strategy that does not exist is reported above.
      if (
        strategy !== 'all' &&
        isKnownStrategy(names, strategy) &&
        !scenario.strategies.includes(strategy)
      ) {
        add(
          [field, strategy],
          `a strategy listed in "strategies" (${[...new Set(scenario.strategies)].join(', ')}), or it would never be checked`,
          scenario[field][strategy],
        );
      }
    }
  }
  issues.push(...worstCaseFlowIssues(scenario));
  for (const [strategy, bounds] of Object.entries(scenario.expect)) {
    for (const [metric, bound] of Object.entries(bounds ?? {})) {
      if (bound && bound.min !== undefined && bound.max !== undefined && bound.min > bound.max) {
        add(['expect', strategy, metric], '"min" ≤ "max"', bound);
      }
    }
  }
  issues.push(...flowOptionIssues(scenario));
  issues.push(...sweepIssues(scenario));
  walkDurations(scenario, [], (keys, low, high) => {
    if (low > high) add([...keys, 'uniform'], '[low, high] with low ≤ high', [low, high]);
  });
  const greetingIssues = greetingBoundIssues(scenario.voicemail.greeting);
  issues.push(...greetingIssues);
  // A greeting past its bounds is what is wrong; the run's cost with it would say nothing more.
  if (greetingIssues.length === 0) issues.push(...runBoundIssues(scenario));
  issues.push(...worstCaseSearchBoundIssues(scenario));
  return issues;
}

/**
 * A worst-case bound searches hundreds of thousands of calls: not of a `url` flow, whose every
 * call is requests to a webhook (at `$.expectWorstCase.<key>`; for "all", naming the flows).
 */
function worstCaseFlowIssues(scenario: Scenario): ScenarioIssue[] {
  const webhookFlows = scenario.strategies.filter((id) => {
    const flow = scenario.flows[id];
    return flow !== undefined && !isTwimlFlow(flow);
  });
  return Object.keys(scenario.expectWorstCase).flatMap((key) => {
    const affected = key === 'all' ? webhookFlows : webhookFlows.filter((id) => id === key);
    if (affected.length === 0) return [];
    return [
      {
        path: jsonPath(['expectWorstCase', key]),
        expected: `a built-in or "twiml" flow (a greeting search runs hundreds of thousands of calls; ${affected.join(', ')} ${affected.length === 1 ? 'is a "url" flow' : 'are "url" flows'}, each call requests to a webhook)`,
        found: describeValue(scenario.expectWorstCase[key]),
      },
    ];
  });
}

function walkDurations(
  value: unknown,
  keys: PathKey[],
  visit: (keys: PathKey[], low: number, high: number) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  const uniform = (value as { uniform?: unknown }).uniform;
  if (
    Array.isArray(uniform) &&
    uniform.length === 2 &&
    typeof uniform[0] === 'number' &&
    typeof uniform[1] === 'number'
  ) {
    visit(keys, uniform[0], uniform[1]);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    walkDurations(child, [...keys, Array.isArray(value) ? Number(key) : key], visit);
  }
}
