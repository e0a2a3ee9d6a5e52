import type { SimWorkerApi } from '../sim/workerApi.ts';

/** One worker thread's V8 heap, in bytes (its own isolate; RSS belongs to the whole process). */
export interface WorkerMemory {
  /** Heap in use now (after the full collection, if `collected`). */
  readonly heapUsed: number;
  /** Largest heap in use, garbage included, seen as a chunk ended (or at a memory() call). */
  readonly peakHeapUsed: number;
  /** Whether a full collection ran first: asked for, and the process has --expose-gc. */
  readonly collected: boolean;
}

/** The worker_threads API: the shared simulation API plus a memory probe for `npm run bench`. */
export interface NodeSimWorkerApi extends SimWorkerApi {
  /** The heap; `collectGarbage` first runs a full collection if the process has --expose-gc. */
  memory(collectGarbage?: boolean): WorkerMemory;
}
