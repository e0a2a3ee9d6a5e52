/**
 * Evaluators for searchGreeting: on this thread (tests, small searches), or on a worker pool
 * (Node worker_threads, Web Workers), whose evaluateGreetings cuts a batch across its workers.
 */
import type { Scenario, StrategyId } from '../scenario/index.ts';
import {
  GreetingEvaluator,
  type EvaluationResult,
  type EvaluationTask,
  type Objective,
} from '../sim/greetingEvaluation.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
import type { Evaluator } from './search.ts';

/** What both worker pools offer (src/node/workerPool.ts, src/browser/webWorkerPool.ts). */
export interface GreetingEvaluationPool {
  evaluateGreetings(
    scenario: Scenario,
    strategy: StrategyId,
    objective: Objective,
    tasks: readonly EvaluationTask[],
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): Promise<EvaluationResult[]>;
}

/**
 * Evaluates on the calling thread, compiling the scenario once (GreetingEvaluator). Throws at
 * once, like the workers would on their first batch, for a strategy the scenario does not run
 * or a flow that calls a webhook.
 */
export function inProcessEvaluator(
  scenario: Scenario,
  strategy: StrategyId,
  objective: Objective,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): Evaluator {
  const evaluator = new GreetingEvaluator(scenario, strategy, objective, assets, documents);
  return (tasks) => Promise.resolve(tasks.map((task) => evaluator.evaluate(task)));
}

/** Evaluates on a worker pool: each batch split across its workers. */
export function poolEvaluator(
  pool: GreetingEvaluationPool,
  scenario: Scenario,
  strategy: StrategyId,
  objective: Objective,
  assets: ScenarioAssets = {},
  documents: TwimlTexts = {},
): Evaluator {
  return (tasks) => pool.evaluateGreetings(scenario, strategy, objective, tasks, assets, documents);
}
