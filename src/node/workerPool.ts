import { wrap, releaseProxy, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenario/index.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import { dispatchChunks, type ChunkExecutor, type ChunkTallyListener } from '../sim/runPlan.ts';
import type { NodeSimWorkerApi, WorkerMemory } from './workerMemory.ts';

export interface NodeWorkerPool extends ChunkExecutor {
  readonly size: number;
  /**
   * Each worker's heap now and at its peak (bench/memory.bench.ts reports them); with
   * `collectGarbage`, after a full collection between chunks, if the process has --expose-gc.
   */
  workerMemory(collectGarbage?: boolean): Promise<WorkerMemory[]>;
  close(): Promise<void>;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * worker_threads running the simulation; each worker pulls the next chunk when it finishes one,
 * so uneven chunks balance out. Tallies go to the listener as they arrive and are not kept.
 */
export function createNodeWorkerPool(size = defaultWorkerCount()): NodeWorkerPool {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Worker count must be an integer ≥ 1; got ${size}.`);
  const workers: Worker[] = [];
  const remotes: Remote<NodeSimWorkerApi>[] = [];
  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL('./simWorkerBootstrap.mjs', import.meta.url));
    workers.push(worker);
    remotes.push(wrap<NodeSimWorkerApi>(nodeEndpoint(worker)));
  }
  return {
    size,
    async run(
      scenario: Scenario,
      chunks: Iterable<TrialChunk>,
      onChunkDone: ChunkTallyListener,
      assets: ScenarioAssets = {},
    ) {
      return dispatchChunks(
        remotes,
        chunks,
        (remote, chunk) => remote.runChunk(scenario, chunk, assets),
        onChunkDone,
      );
    },
    async workerMemory(collectGarbage = false) {
      return Promise.all(remotes.map((remote) => remote.memory(collectGarbage)));
    },
    async close() {
      for (const remote of remotes) remote[releaseProxy]();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
