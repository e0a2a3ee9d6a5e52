import type { Scenario } from '../../scenario/index.ts';
import { sweepFormFrom, type FormIssue, type SweepForm } from './sweepForm.ts';

/**
 * The Sweep view's controls, kept across view switches. They start from a scenario when one is
 * loaded whole (bundled, imported, a link) and stay as the user set them while the scenario is
 * edited, a point of the sweep included.
 */
class SweepSettings {
  form: SweepForm | null = $state.raw(null);
  /** What planning every point found at the last Run (a point's own problems). */
  planIssues: readonly FormIssue[] = $state.raw([]);
  #loadedText: string | null = null;

  /**
   * Fills the controls from `scenario` when its text was loaded whole and is not the one they
   * were filled from, or when they were never filled.
   */
  follow(scenario: Scenario | null, text: string, modified: boolean): void {
    if (!scenario) return;
    if (this.form !== null && (modified || text === this.#loadedText)) return;
    this.#loadedText = text;
    this.form = sweepFormFrom(scenario);
    this.planIssues = [];
  }

  /** The controls from the scenario again. */
  reset(scenario: Scenario): void {
    this.form = sweepFormFrom(scenario);
    this.planIssues = [];
  }

  update(patch: Partial<SweepForm>): void {
    if (!this.form) return;
    this.form = { ...this.form, ...patch };
    this.planIssues = [];
  }
}

export const sweepSettings = new SweepSettings();
