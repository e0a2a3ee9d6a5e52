import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createSimWorkerApi } from '../sim/workerApi.ts';
import { sendScenarioIssues } from './workerFailure.ts';

sendScenarioIssues();
expose(createSimWorkerApi(), nodeEndpoint(parentPort!));
