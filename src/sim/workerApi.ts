import type { Scenario } from '../scenario/index.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import type { StrategyTallyData } from './strategyTally.ts';

/** What a simulation worker (Web Worker or worker_threads) exposes over comlink. */
export interface SimWorkerApi {
  runChunk(scenario: Scenario, chunk: TrialChunk): StrategyTallyData;
}

/** The worker side: compiles each scenario once and runs the chunks it is sent. */
export function createSimWorkerApi(): SimWorkerApi {
  let cachedKey = '';
  let cached: CompiledScenario | null = null;
  return {
    runChunk(scenario, chunk) {
      const key = JSON.stringify(scenario);
      if (!cached || key !== cachedKey) {
        cached = compileScenario(scenario);
        cachedKey = key;
      }
      return runChunk(cached, chunk).toJSON();
    },
  };
}
