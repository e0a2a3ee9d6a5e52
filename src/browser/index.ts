export { createWebWorkerPool } from './webWorkerPool.ts';
export type {
  ChunkTallyListener,
  SimWorkerHandle,
  WebWorkerPool,
  WebWorkerPoolOptions,
} from './webWorkerPool.ts';
export { runScenarioInWorkers } from './runInWorkers.ts';
export { browserWorkerCount } from './workerCount.ts';
export { RunCancelledError, isRunCancelled } from './runCancelled.ts';
