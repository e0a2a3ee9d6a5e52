import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError, type GreetingSegment } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import {
  evaluateOnWorkers,
  evaluateTasks,
  mergeEvaluationResults,
  planEvaluationBatches,
  type EvaluationTask,
} from './greetingEvaluation.ts';
import { runAttackTrial } from './trial.ts';
import { wilsonInterval } from '../stats/index.ts';
import { readFileSync } from 'node:fs';
import { decodeWav } from '../audio/index.ts';

const scenario = loadScenario({
  seed: 3,
  strategies: ['static-prompt', 'random-digit', 'amd'],
});

const DTMF_1: GreetingSegment[] = [
  { speech: 0.5 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 2 },
  { silence: 1 },
];
const EVERY_DIGIT: GreetingSegment[] = [{ dtmf: '0123456789', toneMs: 100, gapMs: 60, repeat: 1 }];
const HELLO: GreetingSegment[] = [{ speech: 0.6 }, { silence: 2 }];

/** What a run of the scenario written with `greeting` gives, trial by trial, counted by hand. */
function counted(
  greeting: GreetingSegment[],
  strategy: string,
  seed: number,
  from: number,
  to: number,
) {
  const compiled = compileScenario(
    loadScenario({ ...scenario, seed, voicemail: { ...scenario.voicemail, greeting } }),
  );
  let first = 0;
  let campaign = 0;
  let firstHitTrial: number | null = null;
  let firstCampaignTrial: number | null = null;
  for (let i = from; i < to; i++) {
    const outcome = runAttackTrial(compiled, strategy, i);
    if (outcome.calls[0]!.accepted) {
      first++;
      firstHitTrial ??= i;
    }
    if (outcome.campaignIntercepted) {
      campaign++;
      firstCampaignTrial ??= i;
    }
  }
  return {
    interception: { hits: first, trials: to - from, firstHitTrial },
    campaign: { hits: campaign, trials: to - from, firstHitTrial: firstCampaignTrial },
  };
}

describe('evaluating greetings', () => {
  it('counts what runs of the scenario with each greeting count, on the task seed and trials', () => {
    for (const [greeting, strategy] of [
      [DTMF_1, 'static-prompt'],
      [EVERY_DIGIT, 'random-digit'],
      [HELLO, 'amd'],
      [scenario.voicemail.greeting, 'static-prompt'],
    ] as const) {
      const tasks = [
        { greeting, seed: 3, fromTrial: 0, toTrial: 150 },
        { greeting, seed: 99, fromTrial: 40, toTrial: 190 },
      ];
      for (const objective of ['interception', 'campaign', 'end-to-end'] as const) {
        const expected = tasks.map((t) => {
          const c = counted([...greeting], strategy, t.seed, t.fromTrial, t.toTrial);
          return objective === 'interception' ? c.interception : c.campaign;
        });
        expect(evaluateTasks(scenario, strategy, objective, tasks)).toEqual(expected);
      }
    }
  });

  it('gives a first-key flow about one hit in ten for a single key, as its closed form says', () => {
    const [result] = evaluateTasks(scenario, 'random-digit', 'interception', [
      {
        greeting: [{ dtmf: '4', toneMs: 120, gapMs: 80, repeat: 1 }],
        seed: 5,
        fromTrial: 0,
        toTrial: 4000,
      },
    ]);
    // 0.98 (the victim does not answer) × 0.1 (the digit asked for is 4) = 0.098.
    const { low, high } = wilsonInterval(result!.hits, result!.trials);
    expect(low).toBeLessThan(0.098);
    expect(high).toBeGreaterThan(0.098);
  });

  it('refuses a greeting the scenario format would not take back as it is, at its JSON path', () => {
    const evaluate = (greeting: unknown) =>
      evaluateTasks(scenario, 'static-prompt', 'interception', [
        { greeting: greeting as GreetingSegment[], seed: 1, fromTrial: 0, toTrial: 1 },
      ]);
    expect(() => evaluate([{ dtmf: '1' }])).toThrow(
      new ScenarioError([
        {
          path: '$.voicemail.greeting[0]',
          expected:
            'the segment with its defaults filled in ({"dtmf":"1","toneMs":120,"gapMs":80,"repeat":1})',
          found: '{"dtmf":"1"}',
        },
      ]),
    );
    expect(() => evaluate([{ dtmf: 'X', toneMs: 120, gapMs: 80, repeat: 1 }])).toThrow(
      '$.voicemail.greeting[0]: expected a greeting segment',
    );
    expect(() => evaluate([{ audio: 'hello.wav' }])).toThrow(
      '$.voicemail.greeting[0].audio: expected an audio file loaded with the scenario',
    );
  });

  it('evaluates a recorded greeting as a run of the scenario with it does, given its audio', () => {
    const file = 'hello-who-is-this.wav';
    const assets = {
      [file]: decodeWav(readFileSync(new URL(`../../scenarios/greetings/${file}`, import.meta.url)))
        .samples,
    };
    const greeting = loadScenario({
      voicemail: { greeting: [{ audio: file }, { silence: 1 }] },
    }).voicemail.greeting;
    const recorded = loadScenario({ ...scenario, voicemail: { ...scenario.voicemail, greeting } });
    const compiled = compileScenario(recorded, assets);
    let hits = 0;
    for (let i = 0; i < 200; i++) if (runAttackTrial(compiled, 'amd', i).calls[0]!.accepted) hits++;
    const tasks = [
      { greeting: recorded.voicemail.greeting, seed: recorded.seed, fromTrial: 0, toTrial: 200 },
    ];
    expect(evaluateTasks(recorded, 'amd', 'interception', tasks, assets)[0]!.hits).toBe(hits);
    expect(hits).toBeGreaterThan(150);
  });

  it('refuses a strategy the scenario does not run', () => {
    expect(() => evaluateTasks(scenario, 'naive', 'interception', [])).toThrow(
      "Strategy 'naive' is not one of the scenario's strategies (static-prompt, random-digit, amd).",
    );
  });
});

describe('cutting a batch across workers', () => {
  const tasks: EvaluationTask[] = [
    { greeting: DTMF_1, seed: 3, fromTrial: 0, toTrial: 90 },
    { greeting: EVERY_DIGIT, seed: 3, fromTrial: 10, toTrial: 11 },
    { greeting: HELLO, seed: 8, fromTrial: 5, toTrial: 5 },
    { greeting: EVERY_DIGIT, seed: 4, fromTrial: 30, toTrial: 260 },
  ];
  const whole = evaluateTasks(scenario, 'random-digit', 'campaign', tasks);

  it('plans batches of about equal trials that cover each task range once', () => {
    const batches = planEvaluationBatches(tasks, 4);
    expect(
      batches.map((b) => b.reduce((n, p) => n + p.task.toTrial - p.task.fromTrial, 0)),
    ).toEqual([81, 81, 81, 78]);
    const covered = batches
      .flat()
      .map((p) => `${p.taskIndex}:${p.task.fromTrial}-${p.task.toTrial}`);
    expect(covered).toEqual([
      '0:0-81',
      '0:81-90',
      '1:10-11',
      '2:5-5',
      '3:30-101',
      '3:101-182',
      '3:182-260',
    ]);
  });

  it('adds the pieces up to the results of the whole tasks, for any number of batches', () => {
    for (const count of [1, 2, 3, 7, 50]) {
      const pieces = planEvaluationBatches(tasks, count).flat();
      const results = evaluateTasks(
        scenario,
        'random-digit',
        'campaign',
        pieces.map((p) => p.task),
      );
      expect(mergeEvaluationResults(tasks.length, pieces, results)).toEqual(whole);
    }
  });

  it('gives the same results on any number of workers, in task order', async () => {
    for (const workers of [1, 2, 5]) {
      const results = await evaluateOnWorkers(
        Array.from({ length: workers }, (_, i) => i),
        tasks,
        (_worker, batch) =>
          Promise.resolve(evaluateTasks(scenario, 'random-digit', 'campaign', batch)),
      );
      expect(results).toEqual(whole);
    }
  });
});
