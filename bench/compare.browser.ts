/**
 * The default Compare run in Chromium, timed: `npx tsx bench/compare.browser.ts` (the last part
 * of `npm run bench`). Builds the app, serves it with `vite preview` on a free loopback port,
 * opens it in Playwright's Chromium (Debian's /usr/bin/chromium where installed), waits for the
 * bundled scenario's preview, presses Run (the scenario's own 20,000 trials per strategy) and
 * reads the performance marks the app sets: from `compare:start` to `compare:first-estimate`
 * and to `compare:final`. BENCH_ROUNDS rounds (default 3), each in a fresh browser context.
 * It also records the page's long tasks (over 50 ms, the browser's own threshold) from Run to the
 * final result, with a PerformanceObserver installed before the app loads: the page must not
 * freeze while the workers run and the estimates redraw. Prints its figures; no thresholds here
 * (the README records them; a wall-clock threshold in a test would fail on a busy machine).
 */
import { chromium } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function serve(port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let tries = 0; tries < 100; tries++) {
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer at ${url}`);
}

interface Round {
  readonly firstEstimateMs: number;
  readonly finalMs: number;
  readonly workers: string;
  /** Long tasks (over 50 ms) on the main thread from Run to the final result. */
  readonly longTasks: number;
  readonly longestTaskMs: number;
}

declare global {
  interface Window {
    __longTasks: Array<{ start: number; duration: number }>;
  }
}

async function timeOneRun(url: string): Promise<Round> {
  const browser = await chromium.launch(
    existsSync(DEBIAN_CHROMIUM)
      ? { executablePath: DEBIAN_CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] }
      : {},
  );
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.getByTestId('preview-label').waitFor({ timeout: 120_000 });
    // The observer is live: a deliberate 120 ms block on the main thread (before Run) is seen.
    await page.evaluate(() => {
      const until = performance.now() + 120;
      while (performance.now() < until);
    });
    await page.waitForFunction(() => window.__longTasks.length > 0, null, { timeout: 10_000 });
    await page.evaluate(() => performance.clearMarks());
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // On a slow machine the preview's measured pace may put the run over a minute: it asks.
    const ask = page.getByRole('alertdialog');
    const progress = page.getByRole('progressbar', { name: 'Trials done' });
    await ask.or(progress).first().waitFor();
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Run all anyway' }).click();
    await page.waitForFunction(
      () => performance.getEntriesByName('compare:final').length > 0,
      null,
      {
        timeout: 600_000,
        polling: 100,
      },
    );
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['compare:start', 'compare:first-estimate', 'compare:final'].map((name) => [
          name,
          performance.getEntriesByName(name)[0]?.startTime ?? NaN,
        ]),
      ),
    );
    const status = (await page.getByRole('status').textContent()) ?? '';
    const start = marks['compare:start']!;
    // Long tasks that ran at least partly after Run, the final redraw included.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))),
    );
    const tasks = await page.evaluate(
      (t0) => window.__longTasks.filter((task) => task.start + task.duration > t0),
      start,
    );
    return {
      firstEstimateMs: marks['compare:first-estimate']! - start,
      finalMs: marks['compare:final']! - start,
      workers: /on (\d+ workers?)/.exec(status)?.[1] ?? '?',
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log('Building the app (npm run build)…');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const port = await freePort();
  const server = await serve(port);
  try {
    console.log(
      `Default Compare run (night-attack-dtmf-1, 20,000 trials × 4 strategies) in Chromium; ` +
        `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    );
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = await timeOneRun(`http://127.0.0.1:${port}/`);
      rounds.push(round);
      console.log(
        `  round ${i + 1}: first estimate ${(round.firstEstimateMs / 1000).toFixed(2)} s, ` +
          `final ${(round.finalMs / 1000).toFixed(1)} s (${round.workers}); ` +
          `${round.longTasks} main-thread task(s) over 50 ms, longest ${round.longestTaskMs.toFixed(0)} ms`,
      );
    }
    const range = (values: number[], digits: number) =>
      `${(Math.min(...values) / 1000).toFixed(digits)} – ${(Math.max(...values) / 1000).toFixed(digits)} s`;
    console.log(
      `longest main-thread task during a run: ${Math.max(...rounds.map((r) => r.longestTaskMs)).toFixed(0)} ms`,
    );
    console.log(
      `first estimate ${range(
        rounds.map((r) => r.firstEstimateMs),
        2,
      )}; final ${range(
        rounds.map((r) => r.finalMs),
        1,
      )}`,
    );
  } finally {
    server.kill();
  }
}

await main();
