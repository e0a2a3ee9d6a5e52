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
  /** The text as last loaded whole (a bundled scenario, an imported file, a link). */
  #loadedText: string = $state(this.text);
  /**
   * Whether the text was edited since it was loaded (in the editor, the form, or by the Greeting
   * view's "Use as the voicemail greeting"), so the header can say "(modified)".
   */
  readonly modified: boolean = $derived(this.text !== this.#loadedText);
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
    this.#loadedText = bundled.text;
  }

  /** Loads a whole scenario text that is not bundled: an imported file or a link's. */
  loadText(text: string): void {
    this.sourceId = null;
    this.text = text;
    this.#loadedText = text;
  }

  /** An edit of the text. */
  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.sourceId = null;
  }
}

export const workbench = new Workbench();
