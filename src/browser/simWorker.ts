/// <reference lib="webworker" />
// A Web Worker running simulation chunks for the page; the same API as the Node worker threads.
import { expose } from 'comlink';
import { createSimWorkerApi } from '../sim/workerApi.ts';

expose(createSimWorkerApi());
