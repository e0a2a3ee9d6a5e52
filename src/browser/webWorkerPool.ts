import { wrap, type Endpoint, type Remote } from 'comlink';
import type { Scenario, StrategyId } from '../scenario/index.ts';
import {
  evaluateOnWorkers,
  type EvaluationResult,
  type EvaluationTask,
  type Objective,
} from '../sim/greetingEvaluation.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
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
   * Evaluates voicemail greetings (src/sim/greetingEvaluation.ts), the batch cut across the
   * workers; one result per task, in order, the same on any number of workers. Rejects with
   * RunCancelledError after terminate().
   */
  evaluateGreetings(
    scenario: Scenario,
    strategy: StrategyId,
    objective: Objective,
    tasks: readonly EvaluationTask[],
    assets?: ScenarioAssets,
    documents?: TwimlTexts,
  ): Promise<EvaluationResult[]>;
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
 * worker pulls the next chunk when it finishes one, so uneven chunks balance out, and each tally
 * goes to the listener as it arrives and is not kept; merging is exact in any order, so the
 * numbers do not depend on the worker count.
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions = {}): WebWorkerPool {
  const size = options.size ?? browserWorkerCount();
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Worker count must be an integer ≥ 1; got ${size}.`);
  const createWorker = options.createWorker ?? startSimWorker;

  // Halts once: on terminate() or when a worker dies. Every pending call then rejects with the
  // reason, because a comlink call to a terminated worker never answers. Each call registers its
  // own rejecter and removes it when it settles: racing every chunk against one long-lived promise
  // (Promise.race([call, halted])) would leave a reaction on that promise per chunk, holding each
  // chunk's settled promise and so its tally until the pool stops (ECMA-262 PerformPromiseRace
  // calls then() on every member; https://github.com/nodejs/node/issues/17469,
  // https://bugs.chromium.org/p/v8/issues/detail?id=9858).
  let haltReason: Error | null = null;
  const rejecters = new Set<(reason: Error) => void>();
  const halt = (reason: Error) => {
    haltReason ??= reason;
    for (const reject of rejecters) reject(haltReason);
    rejecters.clear();
  };
  const untilHalted = <T>(call: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (haltReason) return reject(haltReason);
      rejecters.add(reject);
      call.then(resolve, reject).finally(() => rejecters.delete(reject));
    });

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
      chunks: Iterable<TrialChunk>,
      onChunkDone: ChunkTallyListener,
      assets: ScenarioAssets = {},
    ) {
      if (haltReason) throw haltReason;
      await untilHalted(
        dispatchChunks(
          remotes,
          chunks,
          (remote, chunk) => untilHalted(remote.runChunk(scenario, chunk, assets)),
          onChunkDone,
        ),
      );
    },
    async evaluateGreetings(scenario, strategy, objective, tasks, assets = {}, documents = {}) {
      if (haltReason) throw haltReason;
      return untilHalted(
        evaluateOnWorkers(remotes, tasks, (remote, batch) =>
          untilHalted(
            Promise.resolve(
              remote.evaluateGreetings(scenario, strategy, objective, batch, assets, documents),
            ),
          ),
        ),
      );
    },
    terminate() {
      for (const worker of workers) worker.terminate();
      halt(new RunCancelledError());
    },
  };
}
