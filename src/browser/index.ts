export { createWebWorkerPool } from './webWorkerPool.ts';
export type { SimWorkerHandle, WebWorkerPool, WebWorkerPoolOptions } from './webWorkerPool.ts';
export { browserWorkerCount } from './workerCount.ts';
export { RunCancelledError, isRunCancelled } from './runCancelled.ts';
export { runStreaming } from './streamingRun.ts';
export type { StreamListener, StreamProgress } from './streamingRun.ts';
