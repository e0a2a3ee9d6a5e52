import type { Scenario } from '../scenario/index.ts';
import type { WebhookClient } from '../twiml/index.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { chunkIsLive, runChunk, runChunkLive, type TrialChunk } from './runChunk.ts';
import type { StrategyTallyData } from './strategyTally.ts';
import {
  GreetingEvaluator,
  type EvaluationResult,
  type EvaluationTask,
  type Objective,
} from './greetingEvaluation.ts';
import type { StrategyId } from '../scenario/index.ts';
import type { TwimlTexts } from './twimlFlows.ts';

/** What a simulation worker (Web Worker or worker_threads) exposes over comlink. */
export interface SimWorkerApi {
  runChunk(
    scenario: Scenario,
    chunk: TrialChunk,
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): StrategyTallyData | Promise<StrategyTallyData>;
  /**
   * Evaluates voicemail greetings against `strategy` (src/sim/greetingEvaluation.ts): one result
   * per task, in order. The red-team search (src/redteam) sends its batches here.
   */
  evaluateGreetings(
    scenario: Scenario,
    strategy: StrategyId,
    objective: Objective,
    tasks: readonly EvaluationTask[],
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): EvaluationResult[] | Promise<EvaluationResult[]>;
}

/**
 * The worker side: compiles each scenario once and runs the chunks it is sent. `webhooks` makes
 * the client a run's `url` flows send their requests with (Node workers); without it such a
 * chunk fails with a message saying so (the app runs no `url` flow).
 */
export function createSimWorkerApi(webhooks?: (scenario: Scenario) => WebhookClient): SimWorkerApi {
  let cachedKey = '';
  let cached: CompiledScenario | null = null;
  let client: WebhookClient | null = null;
  let evaluatorKey = '';
  let evaluator: GreetingEvaluator | null = null;
  return {
    runChunk(scenario, chunk, assets = {}, documents = {}) {
      const key = `${JSON.stringify(scenario)}\n${assetsKey(assets)}\n${JSON.stringify(documents)}`;
      if (!cached || key !== cachedKey) {
        cached = compileScenario(scenario, assets, documents);
        cachedKey = key;
        client = null;
      }
      if (!chunkIsLive(cached, chunk)) return runChunk(cached, chunk).toJSON();
      if (!webhooks) {
        throw new Error(
          `Flow '${chunk.strategy}' calls a webhook; this runtime sends no requests.`,
        );
      }
      client ??= webhooks(scenario);
      return runChunkLive(cached, chunk, client).then((tally) => tally.toJSON());
    },
    evaluateGreetings(scenario, strategy, objective, tasks, assets = {}, documents = {}) {
      const key = `${strategy}\n${objective}\n${JSON.stringify(scenario)}\n${assetsKey(assets)}\n${JSON.stringify(documents)}`;
      if (!evaluator || key !== evaluatorKey) {
        evaluator = new GreetingEvaluator(scenario, strategy, objective, assets, documents);
        evaluatorKey = key;
      }
      const current = evaluator;
      return tasks.map((task) => current.evaluate(task));
    },
  };
}

/** Names, lengths and an FNV-1a hash of the samples' bits: a new file under an old name counts. */
function assetsKey(assets: ScenarioAssets): string {
  return Object.keys(assets)
    .sort()
    .map((path) => {
      const samples = assets[path]!;
      const bits = new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
      let hash = 0x811c9dc5;
      for (let n = 0; n < bits.length; n++) hash = Math.imul(hash ^ bits[n]!, 0x01000193);
      return `${path}:${samples.length}:${(hash >>> 0).toString(16)}`;
    })
    .join('|');
}
