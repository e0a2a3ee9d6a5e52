import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, parseScenarioText } from './index.ts';

const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url);
const inFolder = (folder: string) =>
  readdirSync(new URL(folder, SCENARIOS_DIR))
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => folder + name);
/**
 * Top level: runnable in the app too. signal/: audio-file greetings, run by the CLI. redteam/:
 * the known answers of `sim attack` (README, "Red team").
 */
const scenarioFiles = [...inFolder(''), ...inFolder('signal/'), ...inFolder('redteam/')];

describe('the shipped scenarios', () => {
  it('include at least the example from the engine issue and signal-level ones', () => {
    expect(scenarioFiles).toContain('night-attack-dtmf-1.json');
    expect(scenarioFiles).toContain('signal/recorded-attacker-greeting.json');
  });

  it.each(scenarioFiles)('%s is valid', (name) => {
    const result = parseScenarioText(readFileSync(new URL(name, SCENARIOS_DIR), 'utf8'));
    expect(result.ok, result.ok ? '' : formatIssues(result.issues)).toBe(true);
  });

  it.each(scenarioFiles)('%s points editors at the published schema', (name) => {
    const json = JSON.parse(readFileSync(new URL(name, SCENARIOS_DIR), 'utf8')) as {
      $schema?: unknown;
    };
    expect(json.$schema).toBe(
      name.includes('/') ? '../scenario.schema.json' : './scenario.schema.json',
    );
  });
});
