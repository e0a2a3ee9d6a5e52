import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { GCProfiler, getHeapStatistics, type GCProfilerResult } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { createSimWorkerApi } from '../sim/workerApi.ts';
import { sendScenarioIssues } from './workerFailure.ts';
import type { NodeSimWorkerApi } from './workerMemory.ts';

sendScenarioIssues();

const api = createSimWorkerApi();
// This isolate's heap (V8 heap statistics are per isolate; RSS is the whole process's, shared by
// every thread): README "Performance". V8 keeps no peak of its own, so the peak in use is sampled
// as each chunk ends, garbage included; the live peak is the heap left after each full
// (mark-compact) collection V8 ran during a chunk, as v8.GCProfiler reports it
// (https://nodejs.org/docs/latest-v20.x/api/v8.html#class-v8gcprofiler).
let peakHeapUsed = 0;
let peakLiveHeap = 0;

function heapUsedNow(): number {
  const used = getHeapStatistics().used_heap_size;
  peakHeapUsed = Math.max(peakHeapUsed, used);
  return used;
}

function noteFullCollections(result: GCProfilerResult | undefined): void {
  for (const gc of result?.statistics ?? []) {
    if (gc.gcType === 'MarkSweepCompact')
      peakLiveHeap = Math.max(peakLiveHeap, gc.afterGC.heapStatistics.usedHeapSize);
  }
}

const nodeApi: NodeSimWorkerApi = {
  runChunk(scenario, chunk, assets) {
    const profiler = new GCProfiler();
    profiler.start();
    try {
      return api.runChunk(scenario, chunk, assets);
    } finally {
      noteFullCollections(profiler.stop());
      heapUsedNow();
    }
  },
  memory() {
    const heapUsed = heapUsedNow();
    return { heapUsed, peakHeapUsed, peakLiveHeap };
  },
};

expose(nodeApi, nodeEndpoint(parentPort!));
