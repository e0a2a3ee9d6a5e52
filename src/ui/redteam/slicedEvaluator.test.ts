import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeSimWorker } from '../../browser/testing/fakeSimWorker.ts';
import { createWebWorkerPool } from '../../browser/webWorkerPool.ts';
import {
  inProcessEvaluator,
  poolEvaluator,
  searchGreeting,
  type SearchOptions,
} from '../../redteam/index.ts';
import { loadScenario } from '../../scenario/index.ts';
import type { EvaluationTask } from '../../sim/greetingEvaluation.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import { slicedEvaluator, sliceTasks, SLICES_PER_BATCH } from './slicedEvaluator.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scenario = loadScenario(JSON.parse(bundledScenario('night-attack-dtmf-1')!.text));
const task = (n: number): EvaluationTask => ({
  greeting: [{ speech: n / 10 }],
  seed: 1,
  fromTrial: 0,
  toTrial: n,
});

describe('sliceTasks', () => {
  it('cuts a batch into runs of consecutive tasks, keeping their order', () => {
    const tasks = [1, 2, 3, 4, 5, 6, 7].map(task);
    const slices = sliceTasks(tasks, 3);
    expect(slices.map((slice) => slice.map((t) => t.toTrial))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('makes no more slices than tasks, and one for an empty batch', () => {
    expect(sliceTasks([task(1), task(2)], SLICES_PER_BATCH)).toHaveLength(2);
    expect(sliceTasks([], SLICES_PER_BATCH)).toEqual([]);
  });
});

describe('slicedEvaluator', () => {
  const options: SearchOptions = {
    strategy: 'random-digit',
    objective: 'interception',
    budget: 40,
    trials: 450,
    seed: 11,
  };

  it('gives the search exactly the report of the unsliced evaluator', async () => {
    const plain = inProcessEvaluator(scenario, options.strategy, options.objective);
    const expected = await searchGreeting(scenario, options, plain);
    const sliced = await searchGreeting(
      scenario,
      options,
      slicedEvaluator(plain, () => {}),
    );
    expect(sliced).toEqual(expected);
  });

  it('tells the trials of every slice as it comes back, adding up to the search’s trials', async () => {
    const plain = inProcessEvaluator(scenario, options.strategy, options.objective);
    const told: number[] = [];
    const report = await searchGreeting(
      scenario,
      options,
      slicedEvaluator(plain, (trials) => told.push(trials)),
    );
    expect(told.length).toBeGreaterThan(SLICES_PER_BATCH);
    expect(told.reduce((a, b) => a + b, 0)).toBe(report.trials);
  });
});

/** `npm run sim -- attack FILE … --json`, a real process, its best scenario written to a temp dir. */
function cliAttackJson(file: string, options: SearchOptions, out: string): Promise<string> {
  const args = [
    ...['--import', 'tsx', 'src/cli/main.ts', 'attack', file],
    ...['--strategy', options.strategy, '--objective', options.objective],
    ...['--budget', String(options.budget), '--trials', String(options.trials)],
    ...['--seed', String(options.seed), '--workers', '1', '--json', '--out', out],
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (stdout ? resolve(stdout) : reject(error ?? new Error('no output'))),
    );
  });
}

describe('the app’s search', () => {
  it('reports exactly what the command line reports for the same scenario and options', async () => {
    const options: SearchOptions = {
      strategy: 'random-digit',
      objective: 'campaign',
      budget: 30,
      trials: 300,
      seed: 7,
    };
    // As the view runs it: sliced, on a Web Worker pool (here its workers are on this thread).
    const pool = createWebWorkerPool({ size: 2, createWorker: () => fakeSimWorker() });
    const evaluate = slicedEvaluator(
      poolEvaluator(pool, scenario, options.strategy, options.objective),
      () => {},
    );
    const report = await searchGreeting(scenario, options, evaluate);
    pool.terminate();
    const dir = mkdtempSync(join(tmpdir(), 'redteam-view-'));
    try {
      const cli = JSON.parse(
        await cliAttackJson('scenarios/night-attack-dtmf-1.json', options, join(dir, 'best.json')),
      ) as Record<string, unknown>;
      for (const key of ['seconds', 'workers', 'out', 'replayCommand']) delete cli[key];
      expect(JSON.parse(JSON.stringify(report))).toEqual(cli);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
