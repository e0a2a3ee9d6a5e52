import { describe, expect, it } from 'vitest';
import { loadScenario, type GreetingSegment, type Scenario } from '../../scenario/index.ts';
import { compileScenario } from '../../sim/compile.ts';
import { evaluateTasks } from '../../sim/greetingEvaluation.ts';
import { replayTrial } from '../../sim/replay.ts';
import { runAttackTrial } from '../../sim/trial.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import { findWonCall, findWonCallInSlices, wonCallIndex } from './wonCall.ts';

const base = loadScenario(JSON.parse(bundledScenario('night-attack-dtmf-1')!.text));
const withGreeting = (greeting: GreetingSegment[]): Scenario => ({
  ...base,
  voicemail: { ...base.voicemail, greeting },
});
const toneOne: GreetingSegment[] = [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 1 }];
const speechOnly: GreetingSegment[] = [{ speech: 0.4 }, { silence: 1 }];

describe('findWonCall', () => {
  it('finds the first trial the evaluation counts as a hit, on the scenario’s own seed', () => {
    // Two independent paths to the same trial: the red team's evaluator (a task on the seed)
    // and the engine's trials of the scenario with the greeting in it.
    for (const strategy of ['static-prompt', 'random-digit']) {
      for (const objective of ['interception', 'campaign'] as const) {
        const scenario = withGreeting(toneOne);
        const [evaluated] = evaluateTasks(scenario, strategy, objective, [
          { greeting: toneOne, seed: scenario.seed, fromTrial: 0, toTrial: 2000 },
        ]);
        const found = findWonCall(compileScenario(scenario), strategy, objective, 0, 2000);
        expect(found, `${strategy} ${objective}`).not.toBeNull();
        expect(found?.trialIndex ?? null, `${strategy} ${objective}`).toBe(
          evaluated!.firstHitTrial,
        );
      }
    }
  });

  it('returns the campaign call that was intercepted, which Replay shows as recorded', () => {
    const compiled = compileScenario(withGreeting(toneOne));
    // random-digit asks for the greeting's 1 one call in ten: look for a campaign won after
    // its first call.
    let from = 0;
    let won = findWonCall(compiled, 'random-digit', 'campaign', from, 1000);
    while (won && won.callIndex === 0) {
      from = won.trialIndex + 1;
      won = findWonCall(compiled, 'random-digit', 'campaign', from, 1000);
    }
    expect(won).not.toBeNull();
    const outcome = runAttackTrial(compiled, 'random-digit', won!.trialIndex);
    expect(outcome.calls.map((call) => call.accepted).indexOf(true)).toBe(won!.callIndex);
    expect(won!.callIndex).toBeGreaterThan(0);
    const replay = replayTrial(compiled, 'random-digit', 'attack', won!.trialIndex);
    expect(replay.outcome.kind === 'attack' && replay.outcome.campaignIntercepted).toBe(true);
  });

  it('finds none when the greeting cannot beat the flow', () => {
    // static-prompt reads the code only after its key 1: a greeting without tones never gets it.
    const compiled = compileScenario(withGreeting(speechOnly));
    expect(findWonCall(compiled, 'static-prompt', 'campaign', 0, 500)).toBeNull();
  });
});

describe('wonCallIndex', () => {
  it('is the first call for interception, and null for a trial not won', () => {
    const compiled = compileScenario(withGreeting(toneOne));
    const won = findWonCall(compiled, 'static-prompt', 'interception', 0, 100)!;
    expect(won.callIndex).toBe(0);
    const lost = compileScenario(withGreeting(speechOnly));
    expect(wonCallIndex('interception', runAttackTrial(lost, 'static-prompt', 0))).toBeNull();
  });
});

describe('findWonCallInSlices', () => {
  it('gives the same call as one findWonCall over the whole range', async () => {
    const compiled = compileScenario(withGreeting(toneOne));
    const expected = findWonCall(compiled, 'random-digit', 'interception', 0, 1000);
    const found = await findWonCallInSlices({
      compiled,
      strategy: 'random-digit',
      objective: 'interception',
      limit: 1000,
      chunk: 3,
    });
    expect(found).toEqual(expected);
  });

  it('reports the trials searched and returns null when none is won', async () => {
    const progress: number[] = [];
    const found = await findWonCallInSlices({
      compiled: compileScenario(withGreeting(speechOnly)),
      strategy: 'static-prompt',
      objective: 'interception',
      limit: 25,
      chunk: 10,
      onProgress: (n) => progress.push(n),
    });
    expect(found).toBeNull();
    expect(progress).toEqual([10, 20, 25]);
  });

  it('stops with null once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const found = await findWonCallInSlices({
      compiled: compileScenario(withGreeting(toneOne)),
      strategy: 'static-prompt',
      objective: 'interception',
      signal: controller.signal,
    });
    expect(found).toBeNull();
  });
});
