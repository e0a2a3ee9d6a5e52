import {
  browserWorkerCount,
  createWebWorkerPool,
  isRunCancelled,
  type WebWorkerPool,
} from '../../browser/index.ts';
import { runSweep, type SweepTally } from '../../sim/sweep.ts';
import type { SweepPlan } from '../../sim/sweepPlan.ts';
import type { SweepPointResult, SweepResults } from '../../sim/sweepResults.ts';
import type { RunOverrides } from '../../sim/runPlan.ts';
import { partialResults, pointResult, pointTrials, type SweepStatus } from './sweepProgress.ts';

/** The curves are drawn again at most this often while points finish. */
const RESULTS_EVERY_MS = 400;

/** What a sweep was run from: its plan, the file it started from and the overrides. */
export interface SweepOrigin {
  readonly plan: SweepPlan;
  /** The scenario's text when the sweep started: a point's scenario is this file at its values. */
  readonly baseText: string;
  readonly overrides: RunOverrides;
}

/**
 * The Sweep view's run: one point after another on the app's Web Workers (runSweep, one point
 * at a time, so each finished point shows at once), progress at most once a frame, the curves
 * at most every RESULTS_EVERY_MS. A module-level store, so switching views keeps the results.
 */
class SweepRun {
  status: SweepStatus = $state('idle');
  donePoints = $state(0);
  doneTrials = $state(0);
  totalTrials = $state(0);
  workerCount = $state(0);
  error: string | null = $state(null);
  origin: SweepOrigin | null = $state.raw(null);
  /** The finished points' results, shown; null before a sweep. */
  results: SweepResults | null = $state.raw(null);

  /** Each finished point's tallies, by point index: a point's results for Compare. */
  #tallies: SweepTally[][] = [];
  #finished: SweepPointResult[] = [];
  #pool: WebWorkerPool | null = null;
  #liveTrials = 0;
  #frame = 0;
  #resultsTimer: ReturnType<typeof setTimeout> | null = null;
  #resultsShownAt = -Infinity;

  get running(): boolean {
    return this.status === 'running';
  }

  /** The tallies of a finished point, or null. */
  talliesOf(point: number): readonly SweepTally[] | null {
    return this.#tallies[point] ?? null;
  }

  /** Runs the sweep; a sweep in progress makes this a no-op. */
  async start(origin: SweepOrigin): Promise<void> {
    if (this.#pool) return;
    const { plan } = origin;
    let pool: WebWorkerPool;
    try {
      pool = createWebWorkerPool({ size: Math.max(1, Math.min(browserWorkerCount(), 8)) });
    } catch (error) {
      this.status = 'failed';
      this.error = `Could not start the simulation workers: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.#pool = pool;
    this.#tallies = [];
    this.#finished = [];
    this.#liveTrials = 0;
    this.#resultsShownAt = -Infinity;
    this.origin = origin;
    this.results = partialResults(plan, []);
    this.error = null;
    this.status = 'running';
    this.workerCount = pool.size;
    this.donePoints = 0;
    this.doneTrials = 0;
    this.totalTrials = plan.points.reduce((n, _, i) => n + pointTrials(plan, i), 0);
    try {
      for (const point of plan.points) {
        const before = this.#liveTrials;
        const single = { ...plan, points: [point] };
        const tallies = await runSweep(single, pool, (done) => this.#progress(before + done));
        this.#tallies[point.index] = tallies;
        this.#finished.push(pointResult(plan, point.index, tallies));
        this.#liveTrials = before + pointTrials(plan, point.index);
        this.#showResults(point.index === plan.points.length - 1);
      }
      this.status = 'done';
    } catch (error) {
      this.#showResults(true);
      if (isRunCancelled(error)) {
        this.status = 'cancelled';
      } else {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.doneTrials = this.#liveTrials;
      pool.terminate();
      this.#pool = null;
    }
  }

  /** Stops the workers at once; the points finished so far stay on screen. */
  cancel(): void {
    this.#pool?.terminate();
  }

  // Chunks finish many times a second; the page counts them at most once a frame.
  #progress(doneTrials: number): void {
    this.#liveTrials = doneTrials;
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.running) this.doneTrials = this.#liveTrials;
    });
  }

  /** The finished points on screen: at once when `now`, else at most every RESULTS_EVERY_MS. */
  #showResults(now: boolean): void {
    const origin = this.origin;
    if (!origin) return;
    const show = () => {
      this.#resultsTimer = null;
      this.#resultsShownAt = performance.now();
      this.donePoints = this.#finished.length;
      this.results = partialResults(origin.plan, this.#finished);
    };
    if (this.#resultsTimer !== null) clearTimeout(this.#resultsTimer);
    const wait = now
      ? 0
      : Math.max(0, RESULTS_EVERY_MS - (performance.now() - this.#resultsShownAt));
    if (wait === 0) show();
    else this.#resultsTimer = setTimeout(show, wait);
  }
}

export const sweepRun = new SweepRun();
