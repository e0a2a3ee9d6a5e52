import { readFile } from 'node:fs/promises';
import {
  formatIssues,
  parseScenarioText,
  ScenarioError,
  type Scenario,
} from '../scenario/index.ts';
import { applyOverrides, type RunOverrides } from '../sim/runPlan.ts';
import { UsageError } from './exitCodes.ts';

/**
 * Reads and validates a scenario file, then applies command-line overrides and validates again;
 * problems become a UsageError naming the file.
 */
export async function loadScenarioFile(
  path: string,
  overrides: RunOverrides = {},
): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`${path}: cannot read the scenario (${reason}).`);
  }
  const result = parseScenarioText(text);
  if (!result.ok) throw new UsageError(`${path}: ${formatIssues(result.issues)}`);
  try {
    return applyOverrides(result.scenario, overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new UsageError(`${path} with the command-line options: ${formatIssues(error.issues)}`);
  }
}
