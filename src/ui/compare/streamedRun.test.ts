import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportJson, runReport } from '../../report/exports.ts';
import { checkExpectations } from '../../sim/expectations.ts';
import type { RunResults } from '../../sim/results.ts';
import { runScenarioSync } from '../../sim/runPlan.ts';
import { streamingChunks } from './planRun.ts';
import { runStreaming, type StreamProgress } from '../../browser/streamingRun.ts';
import { fakeSimWorker, nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import { createWebWorkerPool } from '../../browser/webWorkerPool.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run sim -- run FILE --trials N --json`, a real process (exit 1 still prints the JSON). */
function cliJson(file: string, trials: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', file, '--trials', String(trials), '--json'],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (stdout ? resolve(stdout) : reject(error ?? new Error('no output'))),
    );
  });
}

describe('runStreaming', () => {
  it('ends with exactly the numbers the command line prints for the same seed and trials', async () => {
    const scenario = nightAttackScenario(700);
    const pool = createWebWorkerPool({ size: 3, createWorker: () => fakeSimWorker() });
    const results = await runStreaming(scenario, pool, streamingChunks(scenario), () => {});
    pool.terminate();
    const report = runReport(results, checkExpectations(scenario, results));
    expect(reportJson(report)).toBe(await cliJson('scenarios/night-attack-dtmf-1.json', 700));
  }, 60_000);

  it('estimates from the chunks merged so far, for every strategy after the first round', async () => {
    const scenario = nightAttackScenario(600);
    const pool = createWebWorkerPool({ size: 1, createWorker: () => fakeSimWorker() });
    const seen: StreamProgress[] = [];
    let first: RunResults | null = null;
    await runStreaming(scenario, pool, streamingChunks(scenario, 100, 400), (p) => {
      seen.push(p);
      if (p.everyStrategyStarted) first ??= p.estimate();
    });
    pool.terminate();
    // One worker takes the chunks in order: rounds of 100, 200 and 300 (the rest) trials.
    expect(seen.map((p) => p.doneTrials)).toEqual([
      100, 200, 300, 400, 600, 800, 1000, 1200, 1500, 1800, 2100, 2400,
    ]);
    expect(seen.map((p) => p.everyStrategyStarted)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(first!.trials).toBe(100);
    expect(first!.strategies).toEqual(runScenarioSync({ ...scenario, trials: 100 }).strategies);
    expect(seen.at(-1)!.estimate()).toEqual(runScenarioSync(scenario));
  });
});
