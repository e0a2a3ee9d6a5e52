import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { createSimWorkerApi } from '../sim/workerApi.ts';
import { nodeWebhookClient } from './webhookClient.ts';
import { sendScenarioIssues } from './workerFailure.ts';
import type { NodeSimWorkerApi } from './workerMemory.ts';

sendScenarioIssues();

// A run's `url` flows send their requests from here, signed with the scenario's auth token.
const api = createSimWorkerApi((scenario) =>
  nodeWebhookClient({
    authToken: scenario.platform.authToken,
    timeoutMs: scenario.platform.webhookTimeoutSeconds * 1000,
  }),
);
// This isolate's heap (V8 heap statistics are per isolate; RSS is the whole process's, shared by
// every thread): README "Performance". V8 keeps no peak of its own, so the peak in use is sampled
// as each chunk ends, before the chunk's garbage is collected.
let peakHeapUsed = 0;

function heapUsedNow(): number {
  const used = getHeapStatistics().used_heap_size;
  peakHeapUsed = Math.max(peakHeapUsed, used);
  return used;
}

const nodeApi: NodeSimWorkerApi = {
  async runChunk(scenario, chunk, assets, documents) {
    const tally = await api.runChunk(scenario, chunk, assets, documents);
    heapUsedNow();
    return tally;
  },
  evaluateGreetings(scenario, strategy, objective, tasks, assets, documents) {
    const results = api.evaluateGreetings(scenario, strategy, objective, tasks, assets, documents);
    heapUsedNow();
    return results;
  },
  memory(collectGarbage = false) {
    // gc() exists only in a process started with --expose-gc (bench/memory.bench.ts); V8 flags
    // are process-wide, so worker isolates get it too. Calls queue behind the chunk running, so
    // this runs between chunks, when a worker holds only its compiled scenario.
    const gc = collectGarbage ? (globalThis as { gc?: () => void }).gc : undefined;
    gc?.();
    return { heapUsed: heapUsedNow(), peakHeapUsed, collected: gc !== undefined };
  },
};

expose(nodeApi, nodeEndpoint(parentPort!));
