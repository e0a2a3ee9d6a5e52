import type { StrategyId } from '../../scenario/index.ts';
import { pointLabel } from '../../sim/sweepPlan.ts';
import { compareRun } from '../compare/compareRun.svelte.ts';
import { storeRun } from '../compare/storedResults.ts';
import { replaySelection } from '../replay/replaySelection.svelte.ts';
import { view } from '../state/view.svelte.ts';
import { workbench } from '../state/workbench.svelte.ts';
import { pointRunResults, pointScenarioText } from './sweepPoint.ts';
import { sweepRun } from './sweepRun.svelte.ts';

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The point of the sweep made the app's scenario: its words, the strategy clicked, and whether
 * its results were handed to Compare (kept as a saved run of that scenario).
 */
class SweepSelection {
  point: number | null = $state(null);
  label = $state('');
  strategy: StrategyId | null = $state(null);
  #resultsKept = false;

  /**
   * Makes point `index` of the last sweep the app's scenario (shown as modified) and keeps its
   * results where Compare finds them, so Compare shows them without running.
   */
  select(index: number, strategy: StrategyId | null): void {
    const origin = sweepRun.origin;
    const point = origin?.plan.points[index];
    const tallies = sweepRun.talliesOf(index);
    if (!origin || !point || !tallies) return;
    const { plan, baseText, overrides } = origin;
    workbench.setText(pointScenarioText(baseText, plan.axes, overrides, point, plan.base));
    const scenario = workbench.scenario;
    const storage = browserStorage();
    this.#resultsKept =
      scenario !== null &&
      storage !== null &&
      storeRun(storage, scenario, { results: pointRunResults(scenario, tallies), preview: false });
    this.point = index;
    this.label = pointLabel(plan.axes, point.values);
    this.strategy = strategy;
  }

  /** Compare, showing the point's results (run there when they could not be kept). */
  openInCompare(): void {
    const scenario = workbench.scenario;
    view.current = 'compare';
    if (scenario && !this.#resultsKept) void compareRun.start(scenario);
  }

  /** Replay, on the strategy clicked. */
  openInReplay(): void {
    const strategies = workbench.scenario?.strategies ?? [];
    const strategy = this.strategy ?? strategies[0];
    if (strategy && strategies.includes(strategy)) replaySelection.strategy = strategy;
    view.current = 'replay';
  }

  clear(): void {
    this.point = null;
    this.strategy = null;
  }
}

export const sweepSelection = new SweepSelection();
