import { wrap, releaseProxy, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario, StrategyId } from '../scenario/index.ts';
import {
  evaluateOnWorkers,
  type EvaluationResult,
  type EvaluationTask,
  type Objective,
} from '../sim/greetingEvaluation.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import type { TrialChunk } from '../sim/runChunk.ts';
import type { StrategyTallyData } from '../sim/strategyTally.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
import { dispatchChunks, type ChunkExecutor, type ChunkTallyListener } from '../sim/runPlan.ts';
import type { PointChunk, PointChunkExecutor } from '../sim/sweep.ts';
import { describeError, scenarioErrorFromWorker, WorkerFailure } from './workerFailure.ts';
import type { NodeSimWorkerApi, WorkerMemory } from './workerMemory.ts';

export interface NodeWorkerPool extends ChunkExecutor, PointChunkExecutor {
  readonly size: number;
  /**
   * Evaluates voicemail greetings (src/sim/greetingEvaluation.ts), the batch cut across the
   * workers; one result per task, in order, the same on any number of workers.
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
   * Each worker's heap now and at its peak (bench/memory.bench.ts reports them); with
   * `collectGarbage`, after a full collection between chunks, if the process has --expose-gc.
   */
  workerMemory(collectGarbage?: boolean): Promise<WorkerMemory[]>;
  close(): Promise<void>;
}

/** One worker per core the process may use (Node's `os.availableParallelism()`). */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * worker_threads running the simulation; each worker pulls the next chunk when it finishes one,
 * so uneven chunks balance out. Tallies go to the listener as they arrive and are not kept.
 *
 * A run rejects, never hangs, when a worker fails: with the ScenarioError the worker threw
 * (rebuilt with its issues), or with a WorkerFailure naming the worker and its chunk when the call
 * threw anything else, or the worker crashed or exited. comlink alone would leave the call
 * pending for ever on a worker that stopped: a Worker reports that only through its `error` and
 * `exit` events (Node's worker_threads documentation, class Worker), which comlink does not
 * listen to.
 */
export function createNodeWorkerPool(size = defaultWorkerCount()): NodeWorkerPool {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Worker count must be an integer ≥ 1; got ${size}.`);
  const workers: Worker[] = [];
  const remotes: Remote<NodeSimWorkerApi>[] = [];
  /** Why each worker stopped, once it has (its later calls fail at once with it). */
  const failures: Array<WorkerFailure | null> = [];
  /** The reject of each worker's call in flight, so a worker that dies fails that call. */
  const inFlight: Array<((error: WorkerFailure) => void) | null> = [];
  let closing = false;
  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL('./simWorkerBootstrap.mjs', import.meta.url));
    const name = workerName(i, size);
    failures.push(null);
    inFlight.push(null);
    const fail = (failure: WorkerFailure) => {
      failures[i] ??= failure;
      inFlight[i]?.(failure);
    };
    worker.on('error', (error) =>
      fail(new WorkerFailure(`${name} crashed: ${describeError(error)}`, { cause: error })),
    );
    worker.on('messageerror', (error) =>
      fail(new WorkerFailure(`${name} sent a message that could not be read`, { cause: error })),
    );
    worker.on('exit', (code) => {
      if (!closing) fail(new WorkerFailure(`${name} stopped (exit code ${code})`));
    });
    workers.push(worker);
    remotes.push(wrap<NodeSimWorkerApi>(nodeEndpoint(worker)));
  }
  /**
   * One call on worker `i`, failing if the worker stops meanwhile. Not a race against one
   * long-lived "worker stopped" promise: every race would leave a reaction on it holding that
   * call's result until the pool closed, and memory would grow with trials.
   */
  const callOn = <T>(i: number, call: (remote: Remote<NodeSimWorkerApi>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const failure = failures[i];
      if (failure) {
        reject(failure);
        return;
      }
      inFlight[i] = reject;
      call(remotes[i]!).then(resolve, reject);
    }).finally(() => {
      inFlight[i] = null;
    });
  return {
    size,
    async run(
      scenario: Scenario,
      chunks: Iterable<TrialChunk>,
      onChunkDone: ChunkTallyListener,
      assets: ScenarioAssets = {},
      documents: TwimlTexts = {},
    ) {
      return dispatchChunks(
        remotes.map((_, i) => i),
        chunks,
        async (i, chunk) => {
          try {
            return await callOn(i, (remote) => remote.runChunk(scenario, chunk, assets, documents));
          } catch (error) {
            throw chunkFailure(error, workerName(i, size), chunk);
          }
        },
        onChunkDone,
      );
    },
    async runPoints(
      chunks: Iterable<PointChunk>,
      onChunkDone: (chunk: PointChunk, tally: StrategyTallyData) => void,
      assets: ScenarioAssets = {},
      documents: TwimlTexts = {},
    ) {
      return dispatchChunks(
        remotes.map((_, i) => i),
        chunks,
        async (i, { scenario, strategy, fromTrial, toTrial }) => {
          const chunk = { strategy, fromTrial, toTrial };
          try {
            return await callOn(i, (remote) => remote.runChunk(scenario, chunk, assets, documents));
          } catch (error) {
            throw chunkFailure(error, workerName(i, size), chunk);
          }
        },
        onChunkDone,
      );
    },
    async evaluateGreetings(scenario, strategy, objective, tasks, assets = {}, documents = {}) {
      return evaluateOnWorkers(
        remotes.map((_, i) => i),
        tasks,
        async (i, batch) => {
          try {
            return await callOn(i, (remote) =>
              remote.evaluateGreetings(scenario, strategy, objective, batch, assets, documents),
            );
          } catch (error) {
            throw evaluationFailure(error, workerName(i, size), strategy);
          }
        },
      );
    },
    async workerMemory(collectGarbage = false) {
      return Promise.all(remotes.map((remote) => remote.memory(collectGarbage)));
    },
    async close() {
      closing = true;
      for (const remote of remotes) remote[releaseProxy]();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function workerName(index: number, size: number): string {
  return `simulation worker ${index + 1} of ${size}`;
}

/** What a failed call rejects with: the worker's ScenarioError, else a WorkerFailure. */
function chunkFailure(error: unknown, name: string, chunk: TrialChunk): Error {
  const scenarioError = scenarioErrorFromWorker(error);
  if (scenarioError) return scenarioError;
  const where = `while running ${chunk.strategy} trials ${chunk.fromTrial} to ${chunk.toTrial - 1}`;
  if (error instanceof WorkerFailure)
    return new WorkerFailure(`${error.message} ${where}`, { cause: error.cause ?? error });
  return new WorkerFailure(`${name} threw ${describeError(error)} ${where}`, { cause: error });
}

/** What a failed greeting evaluation rejects with: the worker's ScenarioError, else a WorkerFailure. */
function evaluationFailure(error: unknown, name: string, strategy: StrategyId): Error {
  const scenarioError = scenarioErrorFromWorker(error);
  if (scenarioError) return scenarioError;
  const where = `while evaluating greetings against ${strategy}`;
  if (error instanceof WorkerFailure)
    return new WorkerFailure(`${error.message} ${where}`, { cause: error.cause ?? error });
  return new WorkerFailure(`${name} threw ${describeError(error)} ${where}`, { cause: error });
}
