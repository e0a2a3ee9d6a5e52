import { readFile } from 'node:fs/promises';
import { formatIssues, parseScenarioText, type Scenario } from '../scenario/index.ts';
import { UsageError } from './exitCodes.ts';

/** Reads and validates a scenario file; problems become a UsageError naming the file. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`${path}: cannot read the scenario (${reason}).`);
  }
  const result = parseScenarioText(text);
  if (!result.ok) throw new UsageError(`${path}: ${formatIssues(result.issues)}`);
  return result.scenario;
}
