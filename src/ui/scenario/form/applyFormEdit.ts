import { workbench } from '../../state/workbench.svelte.ts';
import { editScenarioText, type ScenarioEdit } from './editScenarioText.ts';

/** Writes a form edit into the scenario text; returns why not, when the validator refuses it. */
export function applyFormEdit(edit: ScenarioEdit): string | null {
  const outcome = editScenarioText(workbench.text, edit);
  if (!outcome.ok) return outcome.problem;
  workbench.setText(outcome.text);
  return null;
}
