import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioSync } from '../sim/runPlan.ts';
import { evaluateTasks } from '../sim/greetingEvaluation.ts';
import { isRunCancelled } from './runCancelled.ts';
import { fakeSimWorker, nightAttackScenario, type FakeSimWorker } from './testing/fakeSimWorker.ts';
import { createWebWorkerPool } from './webWorkerPool.ts';

const scenario = nightAttackScenario(800);

function poolOf(size: number, options: { stall?: boolean } = {}) {
  const workers: FakeSimWorker[] = [];
  const pool = createWebWorkerPool({
    size,
    createWorker: () => {
      workers.push(fakeSimWorker(options));
      return workers.at(-1)!;
    },
  });
  return { pool, workers };
}

describe('createWebWorkerPool', () => {
  it('gives runScenario the same results as a run on this thread, for any number of workers', async () => {
    const expected = runScenarioSync(scenario);
    for (const size of [1, 3]) {
      const { pool, workers } = poolOf(size);
      expect(pool.size).toBe(size);
      const progress: number[] = [];
      const results = await runScenario(scenario, pool, (done) => progress.push(done));
      pool.terminate();
      expect(results).toEqual(expected);
      expect(progress.at(-1)).toBe(scenario.trials * scenario.strategies.length);
      expect(workers.every((w) => w.terminated())).toBe(true);
    }
  });

  it('rejects a run in progress with RunCancelledError when terminated, and refuses new runs', async () => {
    const { pool } = poolOf(2, { stall: true });
    const run = runScenario(scenario, pool);
    pool.terminate();
    const error = await run.catch((e: unknown) => e);
    expect(isRunCancelled(error)).toBe(true);
    await expect(runScenario(scenario, pool)).rejects.toThrow('cancelled');
  });

  it('fails the run with the reason when a worker dies', async () => {
    const { pool, workers } = poolOf(2, { stall: true });
    const run = runScenario(scenario, pool);
    workers[1]!.crash('out of memory');
    await expect(run).rejects.toThrow('A simulation worker failed: out of memory');
    pool.terminate();
  });

  it('evaluates greetings across its workers with the results of this thread', async () => {
    const tasks = [
      {
        greeting: [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 }],
        seed: 4,
        fromTrial: 0,
        toTrial: 90,
      },
      { greeting: [{ speech: 0.6 }, { silence: 2 }], seed: 9, fromTrial: 5, toTrial: 65 },
    ];
    const expected = evaluateTasks(scenario, 'amd', 'interception', tasks);
    const { pool } = poolOf(3);
    expect(await pool.evaluateGreetings(scenario, 'amd', 'interception', tasks)).toEqual(expected);
    pool.terminate();
    await expect(pool.evaluateGreetings(scenario, 'amd', 'interception', tasks)).rejects.toThrow(
      'cancelled',
    );
  });

  it('rejects a worker count that is not a positive integer', () => {
    expect(() => createWebWorkerPool({ size: 0, createWorker: () => fakeSimWorker() })).toThrow(
      'Worker count must be an integer ≥ 1; got 0.',
    );
  });
});
