import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { createSimWorkerApi } from '../sim/workerApi.ts';
import { sendScenarioIssues } from './workerFailure.ts';
import type { NodeSimWorkerApi } from './workerMemory.ts';

sendScenarioIssues();

const api = createSimWorkerApi();
// This isolate's heap (v8.getHeapStatistics is per isolate; RSS is the whole process's, shared
// by every thread). V8 reports no peak of its own, so the peak is sampled as each chunk ends,
// before the chunk's garbage is collected: README "Performance".
let peakHeapUsed = 0;
function heapUsedNow(): number {
  const used = getHeapStatistics().used_heap_size;
  if (used > peakHeapUsed) peakHeapUsed = used;
  return used;
}

const nodeApi: NodeSimWorkerApi = {
  runChunk(scenario, chunk, assets) {
    const tally = api.runChunk(scenario, chunk, assets);
    heapUsedNow();
    return tally;
  },
  memory() {
    const heapUsed = heapUsedNow();
    return { heapUsed, peakHeapUsed };
  },
};

expose(nodeApi, nodeEndpoint(parentPort!));
