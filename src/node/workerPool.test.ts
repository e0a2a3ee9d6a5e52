import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError, type Scenario } from '../scenario/index.ts';
import { compileScenario } from '../sim/compile.ts';
import { runChunk, type TrialChunk } from '../sim/runChunk.ts';
import { evaluateTasks } from '../sim/greetingEvaluation.ts';
import type { StrategyTallyData } from '../sim/strategyTally.ts';
import { runSweep, runSweepSync } from '../sim/sweep.ts';
import { planSweep } from '../sim/sweepPlan.ts';
import { createNodeWorkerPool, type NodeWorkerPool } from './workerPool.ts';
import { WorkerFailure } from './workerFailure.ts';

const scenario = loadScenario({ trials: 20, strategies: ['naive'] });
const chunk: TrialChunk = { strategy: 'naive', fromTrial: 0, toTrial: 20 };

let pool: NodeWorkerPool | undefined;

/** Runs `chunks` on the pool and gives back their tallies (the pool hands them over, keeps none). */
async function tallies(run: Scenario, chunks: TrialChunk[]): Promise<StrategyTallyData[]> {
  const done: StrategyTallyData[] = [];
  await pool!.run(run, chunks, (_, tally) => done.push(tally));
  return done;
}
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('createNodeWorkerPool', { timeout: 60_000 }, () => {
  it('runs chunks on worker threads with the numbers of this thread', async () => {
    pool = createNodeWorkerPool(1);
    const [tally] = await tallies(scenario, [chunk]);
    expect(tally).toEqual(runChunk(compileScenario(scenario), chunk).toJSON());
  });

  it("runs a sweep's points in one stream with the tallies of this thread", async () => {
    const base = loadScenario({ trials: 700, strategies: ['naive', 'amd'] });
    const axis = { path: 'amd.greetingMs', from: 500, to: 900, step: 200 };
    const plan = planSweep(base, [
      { ...axis, keys: ['amd', 'greetingMs'], values: [500, 700, 900] },
    ]);
    pool = createNodeWorkerPool(2);
    expect(await runSweep(plan, pool)).toEqual(runSweepSync(plan));
  });

  it('rejects with the ScenarioError a worker threw, rebuilt with its issues', async () => {
    // Compiling a recorded greeting needs its audio, which this run does not send.
    const recorded = loadScenario({
      trials: 20,
      strategies: ['naive'],
      voicemail: { greeting: [{ speech: 1 }, { audio: 'greeting.wav' }] },
    });
    pool = createNodeWorkerPool(1);
    const error: unknown = await tallies(recorded, [chunk]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toMatchObject([
      { path: '$.voicemail.greeting[1].audio', found: '"greeting.wav", not loaded' },
    ]);
  });

  it('rejects with a WorkerFailure naming the worker and the chunk when a call throws', async () => {
    // A scenario that skipped validation: the worker's compiler reads a section it does not have.
    const broken = { ...scenario, voicemail: undefined } as unknown as Scenario;
    pool = createNodeWorkerPool(2);
    const chunks: TrialChunk[] = [chunk, { strategy: 'naive', fromTrial: 20, toTrial: 40 }];
    const error: unknown = await tallies(broken, chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerFailure);
    expect((error as Error).message).toMatch(
      /^simulation worker [12] of 2 threw TypeError: .+ while running naive trials (0 to 19|20 to 39)$/,
    );
    // The worker's own error, its stack included, is the cause.
    const cause = (error as Error).cause as Error;
    expect(cause.name).toBe('TypeError');
    expect(cause.stack).toContain('compile');
  });

  it('still runs after a failed run, and closes', async () => {
    pool = createNodeWorkerPool(1);
    const broken = { ...scenario, voicemail: undefined } as unknown as Scenario;
    await expect(tallies(broken, [chunk])).rejects.toThrow(WorkerFailure);
    const [tally] = await tallies(scenario, [chunk]);
    expect(tally).toEqual(runChunk(compileScenario(scenario), chunk).toJSON());
  });

  it('evaluates greetings across its workers with the results of this thread', async () => {
    const searched = loadScenario({ strategies: ['static-prompt'] });
    const tasks = [
      {
        greeting: [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 }],
        seed: 4,
        fromTrial: 0,
        toTrial: 70,
      },
      { greeting: [{ speech: 1 }], seed: 9, fromTrial: 5, toTrial: 45 },
    ];
    pool = createNodeWorkerPool(2);
    expect(await pool.evaluateGreetings(searched, 'static-prompt', 'campaign', tasks)).toEqual(
      evaluateTasks(searched, 'static-prompt', 'campaign', tasks),
    );
  });

  it('rejects a greeting evaluation with the ScenarioError a worker threw', async () => {
    pool = createNodeWorkerPool(1);
    const error: unknown = await pool
      .evaluateGreetings(scenario, 'naive', 'interception', [
        { greeting: [{ speech: -1 }], seed: 1, fromTrial: 0, toTrial: 1 },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toMatchObject([{ path: '$.voicemail.greeting[0]' }]);
  });
});
