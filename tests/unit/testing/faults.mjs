/**
 * Real failures, injected from outside the code under test, for the tests of the command line's
 * exit codes (tests/unit/cliFailures.test.ts). Nothing in src/ reads SIM_TEST_FAULT or loads this
 * file: the tests start `node --import tsx --import <this file> src/cli/main.ts ...`, and a
 * worker thread inherits the process's execArgv (Node's worker_threads documentation,
 * `new Worker()`, option `execArgv`), so this module runs first in the main thread and in every
 * simulation worker.
 *
 * In a worker it wraps the listener comlink adds to `parentPort` (through comlink's Node adapter,
 * `parentPort.on('message', ...)`), and at each call (comlink's `APPLY` message:
 * `argumentList` holds the scenario, the chunk and the assets, each as `{ type: 'RAW', value }`)
 * it:
 *   worker-exit         ends the worker thread (process.exit in a worker ends that thread only)
 *   worker-throw        throws from the listener: an uncaught exception, which ends the worker
 *   worker-call-throws  removes the scenario's `voicemail`, so compiling it throws a TypeError
 *                       inside the call, which comlink sends back as the call's rejection
 *   worker-lost-assets  drops the greeting's audio, so compiling it throws a ScenarioError
 *   worker-silent       drops the call, which is never answered; and in the main thread each
 *                       worker is unref'd (Node's worker.unref()), so nothing keeps the event
 *                       loop alive while the command waits for the answer
 * (It wraps comlink's listener rather than adding its own: a `message` listener starts the port,
 * and messages that arrive before comlink listens would then reach this one alone.)
 * In the main thread:
 *   main-throw          throws, once the first worker starts (process event 'worker'), from a
 *                       timer: an uncaught exception on the main thread in the middle of a run
 */
import { isMainThread, parentPort } from 'node:worker_threads';

const fault = process.env.SIM_TEST_FAULT;

if (!isMainThread && parentPort && fault?.startsWith('worker-')) {
  const port = parentPort;
  const on = port.on.bind(port);
  port.on = (type, listener) =>
    on(
      type,
      type === 'message'
        ? (message) => {
            const delivered = injectFault(message);
            if (delivered) listener(delivered);
          }
        : listener,
    );
}

function injectFault(message) {
  if (message?.type !== 'APPLY') return message;
  if (fault === 'worker-silent') return null;
  const [scenario, , assets] = message.argumentList;
  if (fault === 'worker-exit') process.exit(70);
  if (fault === 'worker-throw') throw new Error('injected fault: an uncaught exception');
  if (fault === 'worker-call-throws') scenario.value = { ...scenario.value, voicemail: undefined };
  if (fault === 'worker-lost-assets') assets.value = {};
  return message;
}

if (isMainThread && fault === 'worker-silent') process.on('worker', (worker) => worker.unref());

if (isMainThread && fault === 'main-throw') {
  process.once('worker', () =>
    setImmediate(() => {
      throw new Error('injected fault: an uncaught exception on the main thread');
    }),
  );
}
