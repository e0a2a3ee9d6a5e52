import { parseScenarioText, type Scenario, type ValidationResult } from '../../scenario/index.ts';
import { bundledScenario, DEFAULT_SCENARIO_ID } from '../scenario/bundled.ts';
import { withAppRules } from './appRules.ts';

/**
 * The scenario being worked on: its JSON text is the one source of truth (the editor and the
 * form both edit it); validation is derived from it with the same validator as the CLI, plus
 * what only the app cannot run (audio-file greetings).
 */
class Workbench {
  /** Bundled scenario id the text came from, or null once edited or imported. */
  sourceId: string | null = $state(DEFAULT_SCENARIO_ID);
  text: string = $state(bundledScenario(DEFAULT_SCENARIO_ID)?.text ?? '{}');
  readonly validation: ValidationResult = $derived(withAppRules(parseScenarioText(this.text)));

  /** The valid scenario, or null while the text has errors. */
  get scenario(): Scenario | null {
    return this.validation.ok ? this.validation.scenario : null;
  }

  loadBundled(id: string): void {
    const bundled = bundledScenario(id);
    if (!bundled) throw new Error(`No bundled scenario "${id}".`);
    this.sourceId = id;
    this.text = bundled.text;
  }

  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.sourceId = null;
  }
}

export const workbench = new Workbench();
