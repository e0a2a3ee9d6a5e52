import { setupWorker } from 'msw/browser';
import { createVerifyHandlers, VerifyService } from '../../../api/index.ts';

/**
 * The same seed on every page load, so a room of trainees sees the same codes and the same
 * random digits; each later call in a session draws new ones.
 */
const DEMO_SEED = 1;

/** How long the service worker may take to take control of the page on its first start. */
const CONTROL_TIMEOUT_MS = 10_000;

export interface VerifySimulator {
  /** Where the simulator answers: `${baseUrl}/v2/...` and `${baseUrl}/sim/v1/...`. */
  readonly baseUrl: string;
}

let started: Promise<VerifySimulator> | null = null;

/**
 * Starts msw's service worker with the Verify handlers, once per page: later calls get the same
 * simulator, whose services, phones and clock live as long as the page. The base URL is a path
 * of the app's own origin, so nothing leaves the browser even if the worker is missing.
 */
export function startVerifySimulator(): Promise<VerifySimulator> {
  started ??= start().catch((error: unknown) => {
    started = null;
    throw error;
  });
  return started;
}

async function start(): Promise<VerifySimulator> {
  // Relative to the page: the built app works from any folder (vite `base: './'`).
  const baseUrl = new URL('verify-sim', document.baseURI).href;
  const service = new VerifyService({ seed: DEMO_SEED });
  const worker = setupWorker(...createVerifyHandlers({ baseUrl, service }));
  await worker.start({
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).href },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  await untilControlled();
  return { baseUrl };
}

/** The first registration activates the worker, which then claims the page: wait for that. */
async function untilControlled(): Promise<void> {
  // Without service workers (plain http on a remote host) msw patches fetch in the page instead.
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            "the simulator's service worker did not take control of the page; reload the page",
          ),
        ),
      CONTROL_TIMEOUT_MS,
    );
    navigator.serviceWorker.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
