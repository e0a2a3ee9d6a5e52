import { expose } from 'comlink';
import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { parseScenarioText, type Scenario } from '../../scenario/index.ts';
import { applyOverrides } from '../../sim/runPlan.ts';
import { createSimWorkerApi } from '../../sim/workerApi.ts';
import type { SimWorkerHandle } from '../webWorkerPool.ts';

export interface FakeSimWorker extends SimWorkerHandle {
  readonly terminated: () => boolean;
  /** Fires the worker's 'error' event, as a browser does when a worker script throws. */
  readonly crash: (message: string) => void;
}

/** The page's end of the channel, typed as the pool sees a worker. */
type PageSide = Pick<SimWorkerHandle, 'addEventListener' | 'removeEventListener'> &
  Pick<EventTarget, 'dispatchEvent'> & { postMessage(m: unknown): void; start(): void };

/**
 * A "Web Worker" on this thread for vitest: the real worker API exposed over a MessageChannel.
 * `stall` makes every chunk hang, to test cancellation mid-chunk.
 */
export function fakeSimWorker(options: { stall?: boolean } = {}): FakeSimWorker {
  const { port1, port2 } = new MessageChannel();
  const api = options.stall ? { runChunk: () => new Promise(() => {}) } : createSimWorkerApi();
  expose(api, port1 as unknown as Parameters<typeof expose>[1]);
  const side = port2 as unknown as PageSide;
  side.start();
  let terminated = false;
  return {
    postMessage: (message: unknown) => side.postMessage(message),
    addEventListener: side.addEventListener.bind(side),
    removeEventListener: side.removeEventListener.bind(side),
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
    terminated: () => terminated,
    crash(message) {
      side.dispatchEvent(Object.assign(new Event('error'), { message }));
    },
  };
}

/** The example scenario, cut to `trials` so a test runs in a second or two. */
export function nightAttackScenario(trials: number): Scenario {
  const parsed = parseScenarioText(
    readFileSync(new URL('../../../scenarios/night-attack-dtmf-1.json', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('scenarios/night-attack-dtmf-1.json does not validate');
  return applyOverrides(parsed.scenario, { trials });
}
