import { workbench } from '../state/workbench.svelte.ts';
import { planRun, type RunPlan } from './planRun.ts';

/**
 * The Compare view's trials and seed fields. Each shows the scenario's own value until edited,
 * and goes back to it when the scenario's value changes (another file, an edit of the JSON).
 */
class RunSettings {
  readonly #scenarioTrials = $derived(workbench.scenario?.trials ?? null);
  readonly #scenarioSeed = $derived(workbench.scenario?.seed ?? null);
  trialsText: string = $derived(this.#scenarioTrials === null ? '' : String(this.#scenarioTrials));
  seedText: string = $derived(this.#scenarioSeed === null ? '' : String(this.#scenarioSeed));
  readonly plan: RunPlan = $derived(planRun(workbench.scenario, this.trialsText, this.seedText));
}

export const runSettings = new RunSettings();
