import { describe, expect, it } from 'vitest';
import { nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import { planRun } from './planRun.ts';

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
