import {
  browserWorkerCount,
  createWebWorkerPool,
  isRunCancelled,
  RunCancelledError,
  runStreaming,
  type StreamProgress,
  type WebWorkerPool,
} from '../../browser/index.ts';
import { runReport, type RunReport } from '../../report/exports.ts';
import type { Scenario } from '../../scenario/index.ts';
import { checkExpectations } from '../../sim/expectations.ts';
import type { RunResults } from '../../sim/results.ts';
import { applyOverrides } from '../../sim/runPlan.ts';
import { workerUse } from '../state/workerUse.svelte.ts';
import { streamingChunkCount, streamingChunks } from './planRun.ts';
import { calibrate, DEFAULT_MS_PER_COST_SECOND, remainingMs } from './runEstimate.ts';
import { loadStoredRun, resultsKey, storeRun, type ResultsStorage } from './storedResults.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Trials per strategy of the run a bundled scenario opens with. */
export const PREVIEW_TRIALS = 2000;

/** An estimate on screen is replaced at most this often while chunks arrive. */
const ESTIMATE_EVERY_MS = 1000;

/**
 * Where the results on screen come from: an `estimate` of a run in progress; a finished `run`;
 * a run `saved` in this browser earlier.
 */
export type ResultsOrigin = 'estimate' | 'run' | 'saved';

/** The results on screen. */
export interface ShownResults {
  readonly results: RunResults;
  /** With the expectation checks; null for an estimate. */
  readonly report: RunReport | null;
  /** The scenario they are of, overrides applied. */
  readonly scenario: Scenario;
  /** Whether that scenario's trials or seed were changed from the file's. */
  readonly overridden: boolean;
  readonly origin: ResultsOrigin;
  /** A run at PREVIEW_TRIALS made on opening a bundled scenario, not asked for. */
  readonly preview: boolean;
}

function browserStorage(): ResultsStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The Compare view's run: Web Workers, progress, streamed estimates, the finished report. A
 * module-level store, so switching views neither loses the results nor orphans a run.
 * The results on screen stay until new ones replace them: a new run's first estimate, or
 * another finished run; a cancelled or failed run puts back what was there before it.
 */
class CompareRun {
  status: RunStatus = $state('idle');
  /** Trial indices finished over all strategies (each is an attack campaign and a legit call). */
  doneTrials = $state(0);
  totalTrials = $state(0);
  workerCount = $state(0);
  elapsedMs = $state(0);
  /** Time left at the throughput measured so far; null until a chunk is done. */
  remainingMs: number | null = $state(null);
  error: string | null = $state(null);
  /** The scenario of the run in progress, or of the last run. */
  scenario: Scenario | null = $state.raw(null);
  /** Whether the run in progress is an automatic preview. */
  previewing = $state(false);
  shown: ShownResults | null = $state.raw(null);
  /** Page ms per second of runCost's estimate and worker, measured by the last long run. */
  msPerCostSecond = $state(DEFAULT_MS_PER_COST_SECOND);

  #pool: WebWorkerPool | null = null;
  #current: Promise<void> = Promise.resolve();
  /** Previews started in this page: each runs once, so a cancelled one is not started again. */
  readonly #previewsStarted = new Set<string>();
  #cancelRequested = false;
  #latest: StreamProgress | null = null;
  #startedAt = 0;
  #lastEstimateAt = -Infinity;
  #frame = 0;

  get running(): boolean {
    return this.status === 'running';
  }

  /** Workers a run would start: one per core, no more than it has chunks. */
  workersFor(scenario: Scenario): number {
    return Math.min(browserWorkerCount(), streamingChunkCount(scenario));
  }

  /**
   * Runs `scenario`, streaming estimates; the results on screen stay until the first estimate.
   * `preview`: an automatic run on opening a bundled scenario. A preview in progress gives way
   * to a run asked for; any other run in progress, or a Red team search (workerUse), makes this
   * a no-op.
   */
  async start(scenario: Scenario, overridden = false, preview = false): Promise<void> {
    if (workerUse.redTeam) return;
    if (this.#pool && this.previewing && !preview) {
      this.cancel();
      await this.#current;
    }
    if (this.#pool || workerUse.redTeam) return;
    this.#current = this.#run(scenario, overridden, preview);
    return this.#current;
  }

  async #run(scenario: Scenario, overridden: boolean, preview: boolean): Promise<void> {
    let pool: WebWorkerPool;
    try {
      pool = createWebWorkerPool({ size: this.workersFor(scenario) });
    } catch (error) {
      this.status = 'failed';
      this.error = `Could not start the simulation workers: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    const before = this.shown;
    this.#pool = pool;
    this.#cancelRequested = false;
    this.#latest = null;
    this.#lastEstimateAt = -Infinity;
    this.scenario = scenario;
    this.previewing = preview;
    this.error = null;
    this.status = 'running';
    this.workerCount = pool.size;
    this.totalTrials = scenario.trials * scenario.strategies.length;
    this.doneTrials = 0;
    this.remainingMs = null;
    this.#startedAt = performance.now();
    performance.mark('compare:start');
    try {
      const chunks = streamingChunks(scenario);
      const results = await runStreaming(scenario, pool, chunks, (progress) =>
        this.#progress(progress, scenario, overridden, preview),
      );
      const report = runReport(results, checkExpectations(scenario, results));
      // Show the results in a task of their own: merging the last tally and drawing the page in
      // one go would be one long task.
      await nextTask();
      if (this.#cancelRequested) throw new RunCancelledError();
      this.shown = { results, report, scenario, overridden, origin: 'run', preview };
      this.status = 'done';
      performance.mark('compare:final');
      this.#finished(scenario, results, preview, pool.size);
    } catch (error) {
      this.shown = before;
      if (isRunCancelled(error)) {
        this.status = 'cancelled';
      } else {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      // Set by #progress, in callbacks TypeScript does not follow.
      this.doneTrials = (this.#latest as StreamProgress | null)?.doneTrials ?? 0;
      this.elapsedMs = performance.now() - this.#startedAt;
      this.remainingMs = null;
      pool.terminate();
      this.#pool = null;
      this.previewing = false;
    }
  }

  /** Resolves when the run in progress (if any) has ended, however it ends. */
  settled(): Promise<void> {
    return this.#current;
  }

  /** Stops the workers at once; the run ends as "cancelled" and the earlier results come back. */
  cancel(): void {
    if (!this.#pool) return;
    this.#cancelRequested = true;
    this.#pool.terminate();
  }

  /**
   * Shows results for `scenario` without a run when there are some: saved in this browser for
   * it, or else, for a bundled scenario (`bundled`) with nothing of its own on screen, a preview
   * at PREVIEW_TRIALS (saved, or run now). Does nothing while a run is going on.
   */
  offerResults(scenario: Scenario, overridden: boolean, bundled: boolean): void {
    if (this.running) return;
    if (this.shown && resultsKey(this.shown.scenario) === resultsKey(scenario)) return;
    if (this.#showSaved(scenario, overridden)) return;
    if (!bundled || (this.shown && sameScenarioButTrials(this.shown.scenario, scenario))) return;
    const preview = applyOverrides(scenario, {
      trials: Math.min(PREVIEW_TRIALS, scenario.trials),
    });
    if (this.#showSaved(preview, overridden)) return;
    const key = resultsKey(preview);
    // A Red team search has the workers: the preview waits for it (CompareView offers again).
    if (this.#previewsStarted.has(key) || workerUse.redTeam) return;
    this.#previewsStarted.add(key);
    void this.start(preview, overridden, true);
  }

  #showSaved(scenario: Scenario, overridden: boolean): boolean {
    const storage = browserStorage();
    const saved = storage && loadStoredRun(storage, scenario);
    if (!saved) return false;
    const report = runReport(saved.results, checkExpectations(scenario, saved.results));
    this.shown = {
      results: saved.results,
      report,
      scenario,
      overridden,
      origin: 'saved',
      preview: saved.preview,
    };
    return true;
  }

  #finished(scenario: Scenario, results: RunResults, preview: boolean, workers: number): void {
    const storage = browserStorage();
    if (storage) storeRun(storage, scenario, { results, preview });
    const measured = calibrate(scenario, workers, performance.now() - this.#startedAt);
    if (measured !== null) this.msPerCostSecond = measured;
  }

  // Chunks finish many times a second; the page shows progress at most once a frame, and a new
  // estimate at most every ESTIMATE_EVERY_MS (the first at once).
  #progress(progress: StreamProgress, scenario: Scenario, overridden: boolean, preview: boolean) {
    this.#latest = progress;
    const now = performance.now();
    if (progress.everyStrategyStarted && now - this.#lastEstimateAt >= ESTIMATE_EVERY_MS) {
      const first = this.#lastEstimateAt === -Infinity;
      this.#lastEstimateAt = now;
      const results = progress.estimate();
      this.shown = { results, report: null, scenario, overridden, origin: 'estimate', preview };
      if (first) performance.mark('compare:first-estimate');
    }
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const latest = this.#latest;
      if (!latest || !this.running) return;
      this.doneTrials = latest.doneTrials;
      const elapsed = performance.now() - this.#startedAt;
      this.remainingMs = remainingMs(latest.doneTrials, latest.totalTrials, elapsed);
    });
  }
}

/** Whether two scenarios differ in their trials at most. */
export function sameScenarioButTrials(a: Scenario, b: Scenario): boolean {
  return JSON.stringify({ ...a, trials: 0 }) === JSON.stringify({ ...b, trials: 0 });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export const compareRun = new CompareRun();
