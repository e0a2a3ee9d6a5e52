import type { Scenario } from '../scenario/index.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import type { ScenarioAssets } from './greetingSource.ts';
import { runChunk, type TrialChunk } from './runChunk.ts';
import type { StrategyTallyData } from './strategyTally.ts';

/** What a simulation worker (Web Worker or worker_threads) exposes over comlink. */
export interface SimWorkerApi {
  runChunk(scenario: Scenario, chunk: TrialChunk, assets?: ScenarioAssets): StrategyTallyData;
}

/** The worker side: compiles each scenario once and runs the chunks it is sent. */
export function createSimWorkerApi(): SimWorkerApi {
  let cachedKey = '';
  let cached: CompiledScenario | null = null;
  return {
    runChunk(scenario, chunk, assets = {}) {
      const key = `${JSON.stringify(scenario)}\n${assetsKey(assets)}`;
      if (!cached || key !== cachedKey) {
        cached = compileScenario(scenario, assets);
        cachedKey = key;
      }
      return runChunk(cached, chunk).toJSON();
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
