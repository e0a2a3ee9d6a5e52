// worker_threads in Node 20 do not inherit tsx's loader hooks; register them, then load the
// TypeScript worker. Lets `npm run sim` use workers with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./simWorker.ts');
