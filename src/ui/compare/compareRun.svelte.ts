import {
  browserWorkerCount,
  createWebWorkerPool,
  isRunCancelled,
  RunCancelledError,
  type WebWorkerPool,
} from '../../browser/index.ts';
import { runReport, type RunReport } from '../../report/exports.ts';
import type { Scenario } from '../../scenario/index.ts';
import { checkExpectations } from '../../sim/expectations.ts';
import { chunkCount, runScenario } from '../../sim/runPlan.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * The Compare view's run: Web Workers, progress, the finished report. A module-level store, so
 * switching views neither loses the results nor orphans a run in progress.
 */
class CompareRun {
  status: RunStatus = $state('idle');
  /** Trial indices finished over all strategies (each is an attack campaign and a legit call). */
  doneTrials = $state(0);
  totalTrials = $state(0);
  workerCount = $state(0);
  elapsedMs = $state(0);
  error: string | null = $state(null);
  /** The scenario, overrides applied, of the run in progress or of the report shown. */
  scenario: Scenario | null = $state.raw(null);
  /** Whether that scenario's trials or seed were changed from the file's. */
  overridden = $state(false);
  /** Only a run that finished; a cancelled or failed run leaves null, never partial numbers. */
  report: RunReport | null = $state.raw(null);

  #pool: WebWorkerPool | null = null;
  #cancelRequested = false;
  #latestDone = 0;
  #frame = 0;

  get running(): boolean {
    return this.status === 'running';
  }

  async start(scenario: Scenario, overridden = false): Promise<void> {
    if (this.#pool) return;
    let pool: WebWorkerPool;
    try {
      pool = createWebWorkerPool({ size: Math.min(browserWorkerCount(), chunkCount(scenario)) });
    } catch (error) {
      this.report = null;
      this.status = 'failed';
      this.error = `Could not start the simulation workers: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.#pool = pool;
    this.#cancelRequested = false;
    this.scenario = scenario;
    this.overridden = overridden;
    this.report = null;
    this.error = null;
    this.status = 'running';
    this.workerCount = pool.size;
    this.totalTrials = scenario.trials * scenario.strategies.length;
    this.doneTrials = this.#latestDone = 0;
    const startedAt = performance.now();
    try {
      const results = await runScenario(scenario, pool, (done) => this.#progress(done));
      const report = runReport(results, checkExpectations(scenario, results));
      // Show the results in a task of their own: merging the last tally and drawing the page in
      // one go would be one long task.
      await nextTask();
      if (this.#cancelRequested) throw new RunCancelledError();
      this.report = report;
      this.status = 'done';
    } catch (error) {
      if (isRunCancelled(error)) {
        this.status = 'cancelled';
      } else {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.doneTrials = this.#latestDone;
      this.elapsedMs = performance.now() - startedAt;
      pool.terminate();
      this.#pool = null;
    }
  }

  /** Stops the workers at once; the run ends as "cancelled" with no results. */
  cancel(): void {
    if (!this.#pool) return;
    this.#cancelRequested = true;
    this.#pool.terminate();
  }

  // Chunks finish many times a second; the page shows at most one update per frame.
  #progress(done: number): void {
    this.#latestDone = done;
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.doneTrials = this.#latestDone;
    });
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export const compareRun = new CompareRun();
