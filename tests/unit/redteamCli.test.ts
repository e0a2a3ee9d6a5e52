/**
 * `sim attack`'s input errors (exit 2, saying what was expected) and `expectWorstCase` in `run`
 * and `check`: exit 1 and the greeting when the best one found exceeds its bound.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim } from './testing/simProcess.ts';

const WORKERS = String(Math.min(2, availableParallelism()));
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-redteam-cli-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeScenario(name: string, scenario: Record<string, unknown>): Promise<string> {
  const path = join(workDir, name);
  await writeFile(path, `${JSON.stringify(scenario, null, 2)}\n`);
  return path;
}

describe('sim attack refuses bad input with exit 2', { timeout: 60_000, concurrent: true }, () => {
  it('a strategy the scenario does not run', async ({ expect }) => {
    const run = await sim('attack', 'scenarios/redteam/amd.json', '--strategy', 'random-digit');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      "scenarios/redteam/amd.json: --strategy random-digit: expected one of the scenario's strategies (amd)",
    );
  });

  it('a flow that calls a webhook', async ({ expect }) => {
    const run = await sim(
      'attack',
      'scenarios/webhook/example-server.json',
      '--strategy',
      'first-key-decides',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--strategy first-key-decides: expected a built-in flow or a "twiml" flow whose documents link to no URL; this one sends requests to a webhook',
    );
  });

  it('a budget, trials or objective out of range', async ({ expect }) => {
    const file = 'scenarios/redteam/amd.json';
    const budget = await sim('attack', file, '--strategy', 'amd', '--budget', '0');
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain(
      `option '--budget <n>' argument '0' is invalid. expected an integer from 1 to 10000 (the scenario format's most worstCaseSearch.budget), found "0".`,
    );
    const trials = await sim('attack', file, '--strategy', 'amd', '--trials', '100001');
    expect(trials.code).toBe(2);
    expect(trials.stderr).toContain('expected an integer from 1 to 100000');
    const objective = await sim('attack', file, '--strategy', 'amd', '--objective', 'legit');
    expect(objective.code).toBe(2);
    expect(objective.stderr).toContain(
      `option '--objective <objective>' argument 'legit' is invalid. Allowed choices are interception, campaign, end-to-end.`,
    );
  });

  it('a path it cannot write the best scenario to', async ({ expect }) => {
    const out = join(workDir, 'missing-file-as-folder.json');
    await writeFile(out, '{}\n');
    const run = await sim(
      'attack',
      'scenarios/redteam/amd.json',
      '--strategy',
      'amd',
      '--budget',
      '5',
      '--trials',
      '50',
      '--workers',
      '1',
      '--out',
      join(out, 'best.json'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${join(out, 'best.json')}: cannot write the scenario with the best greeting`,
    );
  });
});

describe('expectWorstCase in run and check', { timeout: 120_000 }, () => {
  const base = {
    name: 'Worst case: static-prompt against any greeting',
    seed: 5,
    trials: 300,
    strategies: ['static-prompt'],
    person: { answerDelaySeconds: 6 },
    worstCaseSearch: { budget: 20, trials: 200 },
  };

  it('run exits 1 and prints the greeting that exceeds the bound; --json has the worst cases', async () => {
    const file = await writeScenario('worst-fails.json', {
      ...base,
      expectWorstCase: { 'static-prompt': { interceptionRate: { max: 0.5 } } },
    });
    const text = await sim('run', file, '--workers', WORKERS);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('worst case (greeting search): 0 of 1 met\n');
    expect(text.stderr).toMatch(
      /^FAILED static-prompt worst case interceptionRate = 0\.9\d* \[0\.9\d*, 0\.9\d*\], expected ≤ 0\.5, greeting \[.*\{"dtmf":"1",/m,
    );
    const json = await sim('run', file, '--workers', WORKERS, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.passed).toBe(false);
    expect(report.worstCase).toHaveLength(1);
    expect(report.worstCase[0]).toMatchObject({
      strategy: 'static-prompt',
      metric: 'interceptionRate',
      bound: 'max',
      limit: 0.5,
      passed: false,
      report: { seed: 5, evaluations: 20, objective: 'interception' },
    });
    expect(report.worstCase[0].greeting).toEqual(report.worstCase[0].report.best.greeting);
  });

  it('check passes a bound the search cannot beat and fails one it beats, with the greeting', async () => {
    const passes = await writeScenario('worst-passes.json', {
      ...base,
      expectWorstCase: { all: { interceptionRate: { max: 0.99 } } },
    });
    const fails = await writeScenario('worst-fails-check.json', {
      ...base,
      expectWorstCase: { 'static-prompt': { campaignInterceptionRate: { max: 0.9 } } },
    });
    const run = await sim('check', passes, fails, '--workers', WORKERS);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`ok   ${passes}: 1/1 expectations met (1 by greeting search)`);
    expect(lines[1]).toBe(`FAIL ${fails}: 0/1 expectations met (1 by greeting search)`);
    expect(lines[2]).toMatch(
      /^ {7}static-prompt worst case campaignInterceptionRate = 1 \[0\.98\d*, 1\], expected ≤ 0\.9, greeting \[/,
    );
  });

  it('run with --strategies checks only the worst cases of the strategies it runs', async () => {
    const file = await writeScenario('worst-two.json', {
      ...base,
      strategies: ['static-prompt', 'naive'],
      expectWorstCase: { 'static-prompt': { interceptionRate: { max: 0.5 } } },
    });
    const run = await sim('run', file, '--strategies', 'naive', '--workers', WORKERS, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).worstCase).toBeUndefined();
  });
});
