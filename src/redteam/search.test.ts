import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import {
  evaluateOnWorkers,
  evaluateTasks,
  type EvaluationTask,
} from '../sim/greetingEvaluation.ts';
import { inProcessEvaluator } from './evaluators.ts';
import { searchRungLadder as rungLadder } from '../scenario/searchSchedule.ts';
import {
  confirmationSeed,
  searchGreeting,
  type Evaluator,
  type SearchOptions,
  type SearchProgress,
} from './search.ts';
import { runWorstCaseSearches, worstCaseSearches } from './worstCase.ts';

/** The victim never answers, so a greeting that passes the flow wins every trial. */
const scenario = loadScenario({
  seed: 21,
  strategies: ['static-prompt', 'random-digit'],
  attacker: { victimAnswerProbability: 0 },
});

const options: SearchOptions = {
  strategy: 'static-prompt',
  objective: 'interception',
  budget: 40,
  trials: 300,
  seed: 21,
};

/** An in-process evaluator that keeps every batch it was given. */
function recording(strategy = options.strategy, objective = options.objective) {
  const batches: EvaluationTask[][] = [];
  const inner = inProcessEvaluator(scenario, strategy, objective);
  const evaluate: Evaluator = (tasks) => {
    batches.push([...tasks]);
    return inner(tasks);
  };
  return { batches, evaluate };
}

describe('searchGreeting', () => {
  it('screens rungs of 50 and 150 trials on common random numbers, then confirms 3 on another seed', async () => {
    const { batches, evaluate } = recording();
    const report = await searchGreeting(scenario, options, evaluate);
    expect(rungLadder(300)).toEqual([50, 150]);
    const [first, second, confirm] = batches;
    expect(batches).toHaveLength(3);
    // The budget's first half: the 137 structures would not fit in 40, so 40 of them.
    expect(first!.map((t) => [t.seed, t.fromTrial, t.toTrial])).toEqual(
      Array(40).fill([21, 0, 50]),
    );
    // The best 14 (a third, at least 3) run trials 50-149; nothing is left of the budget for mutants.
    expect(second!.map((t) => [t.seed, t.fromTrial, t.toTrial])).toEqual(
      Array(14).fill([21, 50, 150]),
    );
    const confirmSeed = confirmationSeed(21);
    expect(confirmSeed).not.toBe(21);
    expect(confirm!.map((t) => [t.seed, t.fromTrial, t.toTrial])).toEqual(
      Array(3).fill([confirmSeed, 0, 300]),
    );
    expect(report).toMatchObject({
      strategy: 'static-prompt',
      objective: 'interception',
      seed: 21,
      confirmSeed,
      evaluations: 40,
      trials: 40 * 50 + 14 * 100 + 3 * 300,
      exhaustive: false,
      structures: { enumerated: 137, screened: 40 },
      rungs: [
        { candidates: 40, trials: 50 },
        { candidates: 14, trials: 150 },
      ],
      fidelity: 'event',
      scenarioFidelity: 'event',
      compromiseRate: null,
      stopped: false,
    });
  });

  it('reports the confirmation: the best first, rates with Wilson intervals, a won trial to replay', async () => {
    const report = await searchGreeting(scenario, options, recording().evaluate);
    const confirmed = [report.best, ...report.runnersUp];
    const again = evaluateTasks(
      scenario,
      'static-prompt',
      'interception',
      confirmed.map((g) => ({
        greeting: g.greeting,
        seed: report.confirmSeed,
        fromTrial: 0,
        toTrial: 300,
      })),
    );
    expect(confirmed.map((g) => [g.hits, g.trials])).toEqual(again.map((r) => [r.hits, r.trials]));
    expect(confirmed.map((g) => g.hits)).toEqual(
      [...confirmed.map((g) => g.hits)].sort((a, b) => b - a),
    );
    // Every trial is won by a greeting whose first heard key is 1: the victim never answers.
    expect(report.best).toMatchObject({ hits: 300, trials: 300, rate: 1 });
    expect(report.best.ci95[1]).toBe(1);
    expect(report.best.ci95[0]).toBeCloseTo(0.98735, 4);
    expect(report.replay).toEqual({ trialIndex: again[0]!.firstHitTrial });
  });

  it('gives the same report on any evaluator: one thread or a batch cut across workers', async () => {
    const onThread = await searchGreeting(
      scenario,
      { ...options, budget: 200 },
      recording().evaluate,
    );
    const onWorkers = await searchGreeting(scenario, { ...options, budget: 200 }, (tasks) =>
      evaluateOnWorkers([0, 1, 2], tasks, (_worker, batch) =>
        Promise.resolve(evaluateTasks(scenario, 'static-prompt', 'interception', batch)),
      ),
    );
    expect(onWorkers).toEqual(onThread);
    expect(onThread.evaluations).toBe(200);
  });

  it('spends the rest of the budget on mutants of the survivors, each greeting screened once', async () => {
    const { batches, evaluate } = recording();
    const report = await searchGreeting(
      scenario,
      { ...options, budget: 300, trials: 2000 },
      evaluate,
    );
    expect(report.rungs).toEqual([
      { candidates: 150, trials: 50 },
      { candidates: 100, trials: 150 },
      { candidates: 84, trials: 450 },
      { candidates: 78, trials: 1350 },
    ]);
    expect(report.evaluations).toBe(300);
    const firstScreening = batches
      .slice(0, -1)
      .flat()
      .filter((t) => t.fromTrial === 0)
      .map((t) => JSON.stringify(t.greeting));
    expect(firstScreening).toHaveLength(300);
    expect(new Set(firstScreening).size).toBe(300);
  });

  it('ends the screening when asked and still confirms, saying it stopped', async () => {
    const progress: SearchProgress[] = [];
    const { batches, evaluate } = recording();
    const report = await searchGreeting(
      scenario,
      { ...options, budget: 300, trials: 2000 },
      evaluate,
      {
        shouldStop: () => progress.length > 0,
        onProgress: (p) => progress.push(p),
      },
    );
    expect(report.stopped).toBe(true);
    expect(report.rungs).toEqual([{ candidates: 150, trials: 50 }]);
    expect(batches.map((b) => b.length)).toEqual([150, 3]);
    expect(
      progress.map((p) => [p.phase, p.candidatesTried, p.trialsSpent, p.best?.confirmed]),
    ).toEqual([
      ['screen', 150, 7500, false],
      ['confirm', 150, 7500 + 3 * 2000, true],
    ]);
    expect(progress[0]!.candidates).toHaveLength(150);
    expect(progress[1]!.best).toEqual({ ...report.best, confirmed: true });
  });

  it('scales end-to-end rates and intervals by the exact compromise rate', async () => {
    const pinned = loadScenario({
      ...scenario,
      voicemail: { ...scenario.voicemail, pin: { choice: 'uniform', length: 4 } },
      attacker: { ...scenario.attacker, guessBudget: 2500 },
    });
    const report = await searchGreeting(
      pinned,
      { ...options, objective: 'end-to-end' },
      inProcessEvaluator(pinned, 'static-prompt', 'end-to-end'),
    );
    expect(report.compromiseRate).toBe(0.25);
    expect(report.best.rate).toBe((0.25 * report.best.hits) / report.best.trials);
    expect(report.best.ci95[1]).toBe(0.25);
  });

  it('refuses options out of range and a strategy the scenario does not run', async () => {
    const evaluate = recording().evaluate;
    await expect(searchGreeting(scenario, { ...options, budget: 0 }, evaluate)).rejects.toThrow(
      'budget must be an integer from 1 to 10000; got 0.',
    );
    await expect(
      searchGreeting(scenario, { ...options, trials: 100_001 }, evaluate),
    ).rejects.toThrow('trials must be an integer from 1 to 100000; got 100001.');
    await expect(
      searchGreeting(scenario, { ...options, strategy: 'amd' }, evaluate),
    ).rejects.toThrow(
      "strategy 'amd' is not one of the scenario's strategies (static-prompt, random-digit).",
    );
  });
});

describe('worst-case bounds', () => {
  const bounded = loadScenario({
    ...scenario,
    expectWorstCase: {
      'static-prompt': { interceptionRate: { max: 0.5 } },
      all: { interceptionRate: { max: 0.9 }, campaignInterceptionRate: { max: 1 } },
    },
    worstCaseSearch: { budget: 20, trials: 200 },
  });

  it('searches each strategy once per bounded rate, in the order of "strategies"', () => {
    expect(worstCaseSearches(bounded)).toEqual([
      { strategy: 'static-prompt', objective: 'interception' },
      { strategy: 'static-prompt', objective: 'campaign' },
      { strategy: 'random-digit', objective: 'interception' },
      { strategy: 'random-digit', objective: 'campaign' },
    ]);
    expect(worstCaseSearches(scenario)).toEqual([]);
  });

  it('fails a bound the best greeting found exceeds, with that greeting', async () => {
    const checks = await runWorstCaseSearches(bounded, (search) =>
      inProcessEvaluator(bounded, search.strategy, search.objective),
    );
    expect(
      checks.map((c) => [c.strategy, c.metric, c.limit, c.passed, c.actual === c.report.best.rate]),
    ).toEqual([
      ['static-prompt', 'interceptionRate', 0.5, false, true],
      ['static-prompt', 'interceptionRate', 0.9, false, true],
      ['static-prompt', 'campaignInterceptionRate', 1, true, true],
      ['random-digit', 'interceptionRate', 0.9, true, true],
      ['random-digit', 'campaignInterceptionRate', 1, true, true],
    ]);
    expect(checks[0]!.actual).toBe(1);
    expect(checks[0]!.report).toMatchObject({ seed: 21, evaluations: 20 });
    expect(checks[0]!.report.best.trials).toBe(200);
  });
});
