import { describe, expect, it } from 'vitest';
import { nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import { planRun, streamingChunkCount, streamingChunks } from './planRun.ts';

const scenario = nightAttackScenario(20000);

describe('planRun', () => {
  it('refuses to run an invalid scenario and points to the Scenario view', () => {
    expect(planRun(null, '2000', '7')).toEqual({
      ok: false,
      blockedBy: 'scenario',
      reason:
        'The scenario has errors, so there is nothing valid to run. Fix them in the Scenario view.',
    });
  });

  it('runs the scenario as it is when the fields hold its own values or are empty', () => {
    expect(planRun(scenario, '20000', '7')).toEqual({ ok: true, scenario, overridden: false });
    expect(planRun(scenario, ' ', '')).toEqual({ ok: true, scenario, overridden: false });
  });

  it('applies other trials and seed values as the command line does', () => {
    const plan = planRun(scenario, '2000', '99');
    expect(plan.ok && plan.overridden).toBe(true);
    expect(plan.ok && [plan.scenario.trials, plan.scenario.seed]).toEqual([2000, 99]);
  });

  it('names the field, the allowed range and the bad value', () => {
    expect(planRun(scenario, '12.5', 'x')).toEqual({
      ok: false,
      blockedBy: 'settings',
      reason:
        'Trials per strategy must be a whole number from 1 to 10,000,000; got “12.5”. ' +
        'Seed must be a whole number from 0 to 4,294,967,295; got “x”.',
    });
    expect(planRun(scenario, '0', '7').ok).toBe(false);
    expect(planRun(scenario, '10000001', '7').ok).toBe(false);
  });
});

describe('streamingChunks', () => {
  const strategies = ['naive', 'amd'];

  it('starts each strategy with a small chunk, then doubles up to the largest, round by round', () => {
    const chunks = [...streamingChunks({ strategies, trials: 2600 }, 250, 1000)];
    expect(chunks.map((c) => `${c.strategy} ${c.fromTrial}-${c.toTrial}`)).toEqual([
      'naive 0-250',
      'amd 0-250',
      'naive 250-750',
      'amd 250-750',
      'naive 750-1750',
      'amd 750-1750',
      'naive 1750-2600',
      'amd 1750-2600',
    ]);
    expect(streamingChunkCount({ strategies, trials: 2600 }, 250, 1000)).toBe(8);
  });

  it('covers every trial index of every strategy exactly once, for any trial count', () => {
    for (const trials of [1, 249, 250, 251, 1750, 20000, 123457]) {
      const scenario = { strategies, trials };
      const chunks = [...streamingChunks(scenario)];
      expect(streamingChunkCount(scenario)).toBe(chunks.length);
      for (const strategy of strategies) {
        const own = chunks.filter((c) => c.strategy === strategy);
        expect(own[0]!.fromTrial).toBe(0);
        own.slice(1).forEach((c, i) => expect(c.fromTrial).toBe(own[i]!.toTrial));
        expect(own.at(-1)!.toTrial).toBe(trials);
      }
    }
  });

  it('cuts the default 20,000 trials into 23 chunks per strategy, the first of 250 trials', () => {
    const chunks = [...streamingChunks({ strategies: ['naive'], trials: 20000 })];
    expect(chunks.map((c) => c.toTrial - c.fromTrial)).toEqual([
      250,
      500,
      ...Array<number>(19).fill(1000),
      250,
    ]);
  });
});
