import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import {
  checkSweepForm,
  planSweepForm,
  sweepCommandLine,
  sweepFormFrom,
  type SweepForm,
} from './sweepForm.ts';

const bundled = (id: string) => loadScenario(JSON.parse(bundledScenario(id)!.text));
const swept = bundled('amd-greeting-length-sweep');
const form = sweepFormFrom(swept);
const withDimension = (patch: Partial<SweepForm['dimensions'][number]>): SweepForm => ({
  ...form,
  dimensions: [{ ...form.dimensions[0]!, ...patch }],
});

describe('the controls a scenario fills', () => {
  it("are its own sweep's fields, every strategy, at most 1,000 trials and its seed", () => {
    expect(form).toEqual({
      dimensions: [{ path: 'amd.greetingMs', from: '200', to: '1500', step: '100' }],
      strategies: ['amd', 'random-digit'],
      trials: '1000',
      seed: '105',
      objective: 'interception',
      usability: 'legit-success',
    });
  });

  it('are its first suggested field around its value when it has no sweep', () => {
    const night = bundled('night-attack-dtmf-1');
    expect(sweepFormFrom(night).dimensions).toEqual([
      { path: 'amd.afterGreetingSilenceMs', from: '400', to: '1200', step: '100' },
    ]);
    expect(sweepFormFrom(night).trials).toBe('1000');
  });
});

describe('the controls checked as they are typed', () => {
  it('name a range off the grid at its JSON path, with the values that would fit', () => {
    expect(checkSweepForm(swept, withDimension({ to: '1450' }))).toEqual({
      ok: false,
      issues: [
        {
          field: 'dimension-0-to',
          path: '$.sweep.vary[0].to',
          expected: 'from (200) plus a whole number of steps (100), such as 1400 or 1500',
          found: 'the number 1450',
        },
      ],
    });
  });

  it('name what is not a number, and a path that names no field', () => {
    const result = checkSweepForm(swept, withDimension({ from: 'abc', step: '' }));
    expect(result.ok ? [] : result.issues).toEqual([
      {
        field: 'dimension-0-from',
        path: '$.sweep.vary[0].from',
        expected: 'a decimal number',
        found: '"abc"',
      },
      {
        field: 'dimension-0-step',
        path: '$.sweep.vary[0].step',
        expected: 'a decimal number',
        found: 'nothing',
      },
    ]);
    const typo = checkSweepForm(swept, withDimension({ path: 'amd.greetingMS' }));
    expect(typo.ok ? null : typo.issues[0]!.field).toBe('dimension-0-path');
    expect(typo.ok ? null : typo.issues[0]!.expected).toContain('did you mean "greetingMs"?');
  });

  it('name trials out of range and no strategy ticked', () => {
    const result = checkSweepForm(swept, { ...form, trials: '0', strategies: [] });
    expect(result.ok ? [] : result.issues.map((i) => [i.field, i.path, i.found])).toEqual([
      ['trials', '$.trials', '"0"'],
      ['strategies', '$.strategies', 'none ticked'],
    ]);
  });
});

describe('the sweep Run plans', () => {
  it('is every point of the grid on the base scenario with the trials, seed and strategies given', () => {
    const planned = planSweepForm(swept, {
      ...withDimension({ from: '600', to: '800' }),
      trials: '40',
      strategies: ['amd'],
    });
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    expect(planned.overrides).toEqual({ trials: 40, strategies: ['amd'] });
    expect(planned.plan.points.map((p) => [p.values, p.scenario.amd.greetingMs])).toEqual([
      [[600], 600],
      [[700], 700],
      [[800], 800],
    ]);
    expect(planned.plan.points.every((p) => p.scenario.trials === 40)).toBe(true);
    expect(planned.plan.points[0]!.scenario.strategies).toEqual(['amd']);
    expect(planned.plan.points[0]!.scenario.seed).toBe(105);
  });

  it("refuses a point that is not a valid scenario, at the field's path, naming the point", () => {
    const planned = planSweepForm(swept, {
      ...form,
      dimensions: [{ path: 'person.answerProbability', from: '0.5', to: '1.5', step: '0.5' }],
    });
    expect(planned.ok ? [] : planned.issues.map((i) => [i.field, i.path])).toEqual([
      ['dimension-0-path', '$.person.answerProbability'],
    ]);
    expect(planned.ok ? '' : planned.issues[0]!.found).toBe(
      'the number 1.5 at the point person.answerProbability = 1.5',
    );
  });
});

describe("the sweep's command line", () => {
  it('gives --vary always, and the options only where they differ from the scenario and the defaults', () => {
    expect(sweepCommandLine('scenarios/amd-greeting-length-sweep.json', swept, form)).toBe(
      'npm run sim -- sweep scenarios/amd-greeting-length-sweep.json --vary amd.greetingMs=200..1500:100 --trials 1000',
    );
    const two: SweepForm = {
      ...form,
      dimensions: [
        ...form.dimensions,
        { path: 'service.gatherTimeoutSeconds', from: '3', to: '7', step: '2' },
      ],
      trials: '2000',
      seed: '9',
      strategies: ['random-digit'],
      objective: 'campaign',
      usability: 'time-to-code',
    };
    expect(sweepCommandLine('scenario.json', swept, two)).toBe(
      'npm run sim -- sweep scenario.json --vary amd.greetingMs=200..1500:100 --vary service.gatherTimeoutSeconds=3..7:2 --seed 9 --strategies random-digit --objective campaign --usability time-to-code',
    );
  });
});
