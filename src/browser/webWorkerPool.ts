import { wrap, type Endpoint, type Remote } from 'comlink';
import type { Scenario } from '../scenario/index.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import { dispatchChunks, type ChunkExecutor, type ChunkTallyListener } from '../sim/runPlan.ts';
import type { SimWorkerApi } from '../sim/workerApi.ts';
import { RunCancelledError } from './runCancelled.ts';
import { browserWorkerCount } from './workerCount.ts';

/** What the pool needs of a worker: a comlink endpoint that can be stopped (a Web Worker). */
export interface SimWorkerHandle extends Endpoint {
  terminate(): void;
}

export interface WebWorkerPoolOptions {
  /** Workers to start; default one per core (navigator.hardwareConcurrency), at least 1. */
  readonly size?: number;
  /** Starts one worker; tests pass a fake, the page uses the bundled simWorker.ts. */
  readonly createWorker?: () => SimWorkerHandle;
}

export interface WebWorkerPool extends ChunkExecutor {
  readonly size: number;
  /**
   * Stops every worker at once, mid-chunk if need be. A run in progress rejects with
   * RunCancelledError and its partial tallies are dropped; the pool cannot run again.
   */
  terminate(): void;
}

function startSimWorker(): SimWorkerHandle {
  // A literal URL in the constructor so Vite bundles the worker and its imports.
  return new Worker(new URL('./simWorker.ts', import.meta.url), {
    type: 'module',
    name: 'voice-otp-lab simulation',
  });
}

/**
 * Web Workers running the simulation, the browser twin of the Node worker_threads pool: each
 * worker pulls the next chunk when it finishes one, so uneven chunks balance out, and the
 * tallies come back in chunk order, so the numbers do not depend on the worker count.
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions = {}): WebWorkerPool {
  const size = options.size ?? browserWorkerCount();
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Worker count must be an integer ≥ 1; got ${size}.`);
  const createWorker = options.createWorker ?? startSimWorker;

  // Settles (rejects) once: on terminate() or when a worker dies. Every pending chunk races it,
  // because a comlink call to a terminated worker never answers.
  let halt!: (reason: Error) => void;
  let haltReason: Error | null = null;
  const halted = new Promise<never>((_, reject) => {
    halt = (reason) => {
      haltReason ??= reason;
      reject(haltReason);
    };
  });
  halted.catch(() => {});

  const workers: SimWorkerHandle[] = [];
  const remotes: Remote<SimWorkerApi>[] = [];
  for (let i = 0; i < size; i++) {
    const worker = createWorker();
    worker.addEventListener('error', (event) => {
      const message = (event as ErrorEvent).message || 'it could not start or crashed';
      halt(new Error(`A simulation worker failed: ${message}. Reload the page and run again.`));
    });
    workers.push(worker);
    remotes.push(wrap<SimWorkerApi>(worker));
  }

  return {
    size,
    async run(
      scenario: Scenario,
      chunks: readonly TrialChunk[],
      onChunkDone?: ChunkTallyListener,
      assets: ScenarioAssets = {},
    ) {
      if (haltReason) throw haltReason;
      return Promise.race([
        dispatchChunks(
          remotes,
          chunks,
          (remote, chunk) => Promise.race([remote.runChunk(scenario, chunk, assets), halted]),
          onChunkDone,
        ),
        halted,
      ]);
    },
    terminate() {
      for (const worker of workers) worker.terminate();
      halt(new RunCancelledError());
    },
  };
}
