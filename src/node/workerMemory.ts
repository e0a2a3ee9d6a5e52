import type { SimWorkerApi } from '../sim/workerApi.ts';

/** One worker thread's V8 heap, in bytes (its own isolate; RSS belongs to the whole process). */
export interface WorkerMemory {
  /** Heap in use now. */
  readonly heapUsed: number;
  /** Largest heap in use seen at the end of a chunk (or at a memory() call) since it started. */
  readonly peakHeapUsed: number;
}

/** The worker_threads API: the shared simulation API plus a memory probe for `npm run bench`. */
export interface NodeSimWorkerApi extends SimWorkerApi {
  memory(): WorkerMemory;
}
