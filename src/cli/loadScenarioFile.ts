import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { decodeWav } from '../audio/index.ts';
import {
  formatIssues,
  greetingAudioSegments,
  parseScenarioBytes,
  ScenarioError,
  unreadableAudioIssue,
  type Scenario,
  type ScenarioIssue,
} from '../scenario/index.ts';
import { recordedScenarioIssues, type ScenarioAssets } from '../sim/greetingSource.ts';
import { applyOverrides, type RunOverrides } from '../sim/runPlan.ts';
import { UsageError } from './exitCodes.ts';

/** A scenario with the audio files its greeting names, read as 8 kHz mono. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly assets: ScenarioAssets;
}

/**
 * Reads and validates a scenario file, then applies command-line overrides and validates again,
 * then reads the greeting's audio files (paths relative to the scenario file; the rule is in
 * scenario/greetingAudio.ts) and checks the greeting's bounds and the run's size with their
 * lengths counted; problems become a UsageError naming the file.
 */
export async function loadScenarioFile(
  path: string,
  overrides: RunOverrides = {},
): Promise<LoadedScenario> {
  let bytes: Uint8Array;
  try {
    // Bytes, not text: reading as 'utf8' would turn bytes that are not UTF-8 into U+FFFD without
    // a word; parseScenarioBytes refuses them, and a byte order mark, saying where.
    bytes = await readFile(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`${path}: cannot read the scenario (${reason}).`);
  }
  const result = parseScenarioBytes(bytes);
  if (!result.ok) {
    throw new UsageError(`${path}: ${formatIssues(result.issues, result.moreIssues)}`);
  }
  let scenario: Scenario;
  try {
    scenario = applyOverrides(result.scenario, overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new UsageError(
      `${path} with the command-line options: ${formatIssues(error.issues, error.moreIssues)}`,
    );
  }
  return { scenario, assets: await loadGreetingAudio(path, scenario) };
}

async function loadGreetingAudio(
  scenarioPath: string,
  scenario: Scenario,
): Promise<ScenarioAssets> {
  const assets: Record<string, Float32Array> = {};
  const problems: ScenarioIssue[] = [];
  for (const segment of greetingAudioSegments(scenario.voicemail.greeting)) {
    if (segment.file in assets) continue;
    const file = resolve(dirname(scenarioPath), segment.file);
    const problem = (why: string) => problems.push(unreadableAudioIssue(segment, why));
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      problem(`${reason}: ${file}`);
      continue;
    }
    try {
      assets[segment.file] = decodeWav(bytes).samples;
    } catch (error) {
      problem((error as Error).message);
    }
  }
  if (problems.length === 0) problems.push(...recordedScenarioIssues(scenario, assets));
  if (problems.length > 0) {
    throw new UsageError(`${scenarioPath}: ${formatIssues(problems)}`);
  }
  return assets;
}
