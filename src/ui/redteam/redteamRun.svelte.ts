import {
  browserWorkerCount,
  createWebWorkerPool,
  type WebWorkerPool,
} from '../../browser/index.ts';
import {
  poolEvaluator,
  searchGreeting,
  type AttackReport,
  type SearchOptions,
  type SearchProgress,
} from '../../redteam/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { compareRun } from '../compare/compareRun.svelte.ts';
import { workerUse } from '../state/workerUse.svelte.ts';
import { searchView, type SearchView } from './progressView.ts';
import { slicedEvaluator } from './slicedEvaluator.ts';

/**
 * `waiting`: for a Compare preview to finish; `running`: screening; `stopping`: Stop was pressed,
 * the rung under way and the confirmation still run; `done`: the report is in.
 */
export type SearchStatus = 'idle' | 'waiting' | 'running' | 'stopping' | 'done' | 'failed';

/**
 * The Red team view's search: Web Workers evaluate, this thread only decides what to evaluate
 * next (searchGreeting) and shows progress at most once a frame. A module-level store, so
 * switching views neither loses the report nor orphans a search.
 */
class RedTeamRun {
  status: SearchStatus = $state('idle');
  /** The scenario and options of the search under way or last run. */
  scenario: Scenario | null = $state.raw(null);
  options: SearchOptions | null = $state.raw(null);
  /** The last progress report, as the view shows it; null before the first rung. */
  view: SearchView | null = $state.raw(null);
  /** Trials run so far, the slices of the rung under way included. */
  trialsSpent = $state(0);
  report: AttackReport | null = $state.raw(null);
  error: string | null = $state(null);
  workerCount = $state(0);
  elapsedMs = $state(0);

  #stopRequested = false;
  #latest: SearchProgress | null = null;
  /** Whether `view` is made from #latest already. */
  #latestShown = true;
  /** Trials of the rung under way whose slices are back (reset by each progress report). */
  #sinceProgress = 0;
  #frame = 0;
  #startedAt = 0;

  get running(): boolean {
    return this.status === 'waiting' || this.status === 'running' || this.status === 'stopping';
  }

  /** Why a search cannot start now (another run has the workers), or null. */
  get blockedBy(): string | null {
    if (compareRun.running && !compareRun.previewing)
      return 'Compare is running the scenario on the workers: wait for it to finish, or cancel it in Compare.';
    return null;
  }

  /**
   * Searches `scenario` for the greeting that best beats `options.strategy`. Waits for a Compare
   * preview under way; does nothing while a Compare run or another search is going on.
   */
  async start(scenario: Scenario, options: SearchOptions): Promise<void> {
    if (this.running || this.blockedBy !== null) return;
    workerUse.redTeam = true;
    this.scenario = scenario;
    this.options = options;
    this.view = null;
    this.report = null;
    this.error = null;
    this.trialsSpent = 0;
    this.#latest = null;
    this.#sinceProgress = 0;
    this.#stopRequested = false;
    try {
      if (compareRun.running) {
        this.status = 'waiting';
        await compareRun.settled();
      }
      this.status = this.#stopRequested ? 'stopping' : 'running';
      await this.#search(scenario, options);
    } finally {
      workerUse.redTeam = false;
    }
  }

  /** Ends the screening before its next rung; the best so far is then confirmed and reported. */
  stop(): void {
    if (!this.running) return;
    this.#stopRequested = true;
    if (this.status === 'running') this.status = 'stopping';
  }

  async #search(scenario: Scenario, options: SearchOptions): Promise<void> {
    let pool: WebWorkerPool | null = null;
    this.#startedAt = performance.now();
    try {
      pool = createWebWorkerPool({ size: browserWorkerCount() });
      this.workerCount = pool.size;
      const evaluate = slicedEvaluator(
        poolEvaluator(pool, scenario, options.strategy, options.objective),
        (trials) => {
          this.#sinceProgress += trials;
          this.#scheduleFrame();
        },
      );
      const report = await searchGreeting(scenario, options, evaluate, {
        onProgress: (progress) => {
          this.#latest = progress;
          this.#latestShown = false;
          this.#sinceProgress = 0;
          this.#scheduleFrame();
        },
        shouldStop: () => this.#stopRequested,
      });
      this.#showLatest();
      this.report = report;
      this.trialsSpent = report.trials;
      this.status = 'done';
    } catch (error) {
      this.status = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.elapsedMs = performance.now() - this.#startedAt;
      pool?.terminate();
    }
  }

  // Slices come back many times a second; the page follows at most once a frame.
  #scheduleFrame(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.running) this.#showLatest();
    });
  }

  #showLatest(): void {
    const latest = this.#latest;
    if (latest && this.options && !this.#latestShown) {
      this.view = searchView(latest, this.options.budget);
      this.#latestShown = true;
    }
    this.trialsSpent = (latest?.trialsSpent ?? 0) + this.#sinceProgress;
    this.elapsedMs = performance.now() - this.#startedAt;
  }
}

export const redteamRun = new RedTeamRun();
