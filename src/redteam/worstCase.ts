/**
 * A scenario's `expectWorstCase`: for each bounded strategy and rate, the greeting search
 * (searchGreeting) with the scenario's `worstCaseSearch` settings, and whether the best greeting
 * it confirms stays within the bound.
 */
import type { Scenario, StrategyId, WorstCaseMetric } from '../scenario/index.ts';
import { WORST_CASE_METRICS } from '../scenario/index.ts';
import type { Objective } from '../sim/greetingEvaluation.ts';
import { searchGreeting, type AttackReport, type Evaluator, type SearchHooks } from './search.ts';

/** The objective each bounded rate is (src/sim/results.ts names the rates). */
export const OBJECTIVE_OF_METRIC: Record<WorstCaseMetric, Objective> = {
  interceptionRate: 'interception',
  campaignInterceptionRate: 'campaign',
  endToEndRate: 'end-to-end',
};

/** One search a scenario's worst-case bounds ask for. */
export interface WorstCaseSearch {
  readonly strategy: StrategyId;
  readonly objective: Objective;
}

/** One bound checked against the best greeting its search confirmed. */
export interface WorstCaseCheck {
  readonly strategy: StrategyId;
  readonly metric: WorstCaseMetric;
  readonly bound: 'max';
  readonly limit: number;
  /** The best greeting's rate on the confirmation seed. */
  readonly actual: number;
  readonly ci95: readonly [number, number];
  readonly passed: boolean;
  readonly greeting: AttackReport['best']['greeting'];
  readonly report: AttackReport;
}

/** The bounds that apply to `strategy`: its own and those for "all", in that order. */
function boundsFor(
  scenario: Scenario,
  strategy: StrategyId,
): { metric: WorstCaseMetric; limit: number }[] {
  const bounds: { metric: WorstCaseMetric; limit: number }[] = [];
  for (const source of [scenario.expectWorstCase[strategy], scenario.expectWorstCase.all]) {
    for (const metric of WORST_CASE_METRICS) {
      const bound = source?.[metric];
      if (bound?.max !== undefined) bounds.push({ metric, limit: bound.max });
    }
  }
  return bounds;
}

/**
 * The searches the scenario's bounds need: one per strategy and objective bounded (a rate
 * bounded for the strategy and for "all" is searched once), in the order of `strategies`.
 */
export function worstCaseSearches(scenario: Scenario): WorstCaseSearch[] {
  const searches: WorstCaseSearch[] = [];
  for (const strategy of scenario.strategies) {
    const objectives = new Set(
      boundsFor(scenario, strategy).map((b) => OBJECTIVE_OF_METRIC[b.metric]),
    );
    for (const objective of ['interception', 'campaign', 'end-to-end'] as const) {
      if (objectives.has(objective)) searches.push({ strategy, objective });
    }
  }
  return searches;
}

/**
 * Runs each search worstCaseSearches lists, one after another, with the scenario's
 * `worstCaseSearch` budget and trials on its seed, and checks every bound against the best
 * greeting confirmed. `evaluatorFor` gives the evaluator of one search; `hooks` are passed to
 * each search with the search's place in the list.
 */
export async function runWorstCaseSearches(
  scenario: Scenario,
  evaluatorFor: (search: WorstCaseSearch) => Evaluator,
  hooks: (search: WorstCaseSearch, index: number, count: number) => SearchHooks = () => ({}),
): Promise<WorstCaseCheck[]> {
  const searches = worstCaseSearches(scenario);
  const reports = new Map<string, AttackReport>();
  for (const [index, search] of searches.entries()) {
    const report = await searchGreeting(
      scenario,
      {
        strategy: search.strategy,
        objective: search.objective,
        budget: scenario.worstCaseSearch.budget,
        trials: scenario.worstCaseSearch.trials,
        seed: scenario.seed,
      },
      evaluatorFor(search),
      hooks(search, index, searches.length),
    );
    reports.set(searchKey(search), report);
  }
  return scenario.strategies.flatMap((strategy) =>
    boundsFor(scenario, strategy).map(({ metric, limit }) => {
      const report = reports.get(searchKey({ strategy, objective: OBJECTIVE_OF_METRIC[metric] }))!;
      return {
        strategy,
        metric,
        bound: 'max' as const,
        limit,
        actual: report.best.rate,
        ci95: report.best.ci95,
        passed: report.best.rate <= limit,
        greeting: report.best.greeting,
        report,
      };
    }),
  );
}

function searchKey(search: WorstCaseSearch): string {
  return `${search.strategy}\n${search.objective}`;
}

/** `random-digit worst case interceptionRate = 0.0985 [0.086, 0.112], expected ≤ 0.12, greeting […]`. */
export function describeWorstCaseCheck(check: WorstCaseCheck): string {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return `${check.strategy} worst case ${check.metric} = ${round(check.actual)} [${round(check.ci95[0])}, ${round(check.ci95[1])}], expected ≤ ${check.limit}, greeting ${JSON.stringify(check.greeting)}`;
}
