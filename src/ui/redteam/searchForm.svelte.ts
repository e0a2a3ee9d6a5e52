import type { Scenario, StrategyId } from '../../scenario/index.ts';
import type { Objective } from '../../sim/greetingEvaluation.ts';
import { defaultSettings, type FlowChoice, type SettingsText } from './searchSettings.ts';

/**
 * The Red team form's fields as typed, kept across view switches. They start at the scenario's
 * defaults (defaultSettings) and start again there when its flows or its seed change; a change
 * of greeting (such as "Use this greeting") keeps them.
 */
class SearchForm {
  strategy: StrategyId | null = $state(null);
  objective: Objective = $state('interception');
  budget = $state('');
  trials = $state('');
  seed = $state('');
  #scenarioKey: string | null = null;

  /** Resets the fields to `scenario`'s defaults when it is not the scenario they were set for. */
  adopt(scenario: Scenario, flows: readonly FlowChoice[]): void {
    const key = JSON.stringify([scenario.strategies, scenario.seed]);
    if (key === this.#scenarioKey) return;
    this.#scenarioKey = key;
    const defaults = defaultSettings(scenario, flows);
    this.strategy = defaults.strategy;
    this.objective = defaults.objective;
    this.budget = defaults.budget;
    this.trials = defaults.trials;
    this.seed = defaults.seed;
  }

  get text(): SettingsText {
    return {
      strategy: this.strategy,
      objective: this.objective,
      budget: this.budget,
      trials: this.trials,
      seed: this.seed,
    };
  }
}

export const searchForm = new SearchForm();
