import type { SimWorkerApi } from '../sim/workerApi.ts';

/** One worker thread's V8 heap, in bytes (its own isolate; RSS belongs to the whole process). */
export interface WorkerMemory {
  /** Heap in use now. */
  readonly heapUsed: number;
  /** Largest heap in use, garbage included, seen as a chunk ended (or at a memory() call). */
  readonly peakHeapUsed: number;
  /**
   * Largest heap left just after a full (mark-compact) collection during a chunk: the most the
   * worker held live. 0 until V8 has run one.
   */
  readonly peakLiveHeap: number;
}

/** The worker_threads API: the shared simulation API plus a memory probe for `npm run bench`. */
export interface NodeSimWorkerApi extends SimWorkerApi {
  memory(): WorkerMemory;
}
