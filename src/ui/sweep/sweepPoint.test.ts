import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenarioText } from '../../scenario/index.ts';
import { runScenarioSync } from '../../sim/runPlan.ts';
import { runSweepSync } from '../../sim/sweep.ts';
import { sweepResults } from '../../sim/sweepResults.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import { planSweepForm, sweepFormFrom } from './sweepForm.ts';
import { pointRunResults, pointScenarioText } from './sweepPoint.ts';
import { partialResults, pointResult, sweepProgressView } from './sweepProgress.ts';

const text = bundledScenario('amd-greeting-length-sweep')!.text;
const scenario = loadScenario(JSON.parse(text));

function planned(from: string, to: string, trials: string, strategies = scenario.strategies) {
  const form = sweepFormFrom(scenario);
  const result = planSweepForm(scenario, {
    ...form,
    dimensions: [{ path: 'amd.greetingMs', from, to, step: '100' }],
    trials,
    strategies,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe("a point's scenario", () => {
  it('is the file with the swept field at its value and the sweep’s trials, its sweep kept', () => {
    const { plan, overrides } = planned('600', '800', '30');
    const point = plan.points[1]!;
    const pointText = pointScenarioText(text, plan.axes, overrides, point, plan.base);
    const file = JSON.parse(pointText) as Record<string, unknown>;
    expect(file.amd).toEqual({ greetingMs: 700 });
    expect(file.trials).toBe(30);
    expect(file.sweep).toEqual(JSON.parse(text).sweep);
    expect(file.$schema).toBe('./scenario.schema.json');
    const parsed = parseScenarioText(pointText);
    expect(parsed.ok && { ...parsed.scenario, sweep: undefined }).toEqual({
      ...point.scenario,
      sweep: undefined,
    });
  });

  it('keeps only the strategies swept, and their thresholds', () => {
    const { plan, overrides } = planned('600', '600', '30', ['random-digit']);
    const file = JSON.parse(
      pointScenarioText(text, plan.axes, overrides, plan.points[0]!, plan.base),
    ) as { strategies: string[]; expect: object; sweep: { expect: { strategy: string }[] } };
    expect(file.strategies).toEqual(['random-digit']);
    expect(Object.keys(file.expect)).toEqual(['random-digit']);
    expect(file.sweep.expect.map((r) => r.strategy)).toEqual(['random-digit']);
  });

  it('is the whole scenario, every default written out, when the file has not the list a path goes through', () => {
    const file = JSON.parse(text) as Record<string, unknown>;
    delete file.voicemail;
    delete file.sweep;
    const bare = JSON.stringify(file);
    const base = loadScenario(file);
    const form = sweepFormFrom(base);
    const result = planSweepForm(base, {
      ...form,
      dimensions: [{ path: 'voicemail.greeting.1.silence', from: '1', to: '2', step: '1' }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const point = result.plan.points[1]!;
    const pointText = pointScenarioText(
      bare,
      result.plan.axes,
      result.overrides,
      point,
      result.plan.base,
    );
    const parsed = parseScenarioText(pointText);
    expect(parsed.ok && parsed.scenario).toEqual(point.scenario);
    expect(JSON.parse(pointText).voicemail.greeting).toEqual([{ speech: 6 }, { silence: 2 }]);
  });
});

describe("a point's results for Compare", () => {
  it('are exactly a run of its scenario', () => {
    const { plan, overrides } = planned('600', '700', '60');
    const tallies = runSweepSync(plan);
    const point = plan.points[1]!;
    const parsed = parseScenarioText(
      pointScenarioText(text, plan.axes, overrides, point, plan.base),
    );
    if (!parsed.ok) throw new Error('not valid');
    const own = tallies.filter((t) => t.point === 1);
    expect(pointRunResults(parsed.scenario, own)).toEqual(runScenarioSync(parsed.scenario));
  });
});

describe('the view of a sweep in progress', () => {
  it('says the points and trials done and on how many workers, and how a sweep ended', () => {
    const base = {
      donePoints: 3,
      totalPoints: 14,
      doneTrials: 7000,
      totalTrials: 28000,
      workers: 2,
    };
    expect(sweepProgressView({ ...base, status: 'running' })).toEqual({
      text: 'Running: 3 of 14 points done, 7,000 of 28,000 trials, on 2 workers.',
      fraction: 0.25,
    });
    expect(sweepProgressView({ ...base, status: 'cancelled' })).toEqual({
      text: 'Cancelled after 3 of 14 points; those are shown.',
      fraction: null,
    });
    expect(sweepProgressView({ ...base, status: 'done', donePoints: 14 }).text).toBe(
      'Done: 14 points, 28,000 trials.',
    );
    expect(sweepProgressView({ ...base, status: 'idle' }).text).toBe('No sweep run yet.');
  });

  it("shows the finished points' figures as the whole sweep's results give them", () => {
    const { plan } = planned('600', '800', '40');
    const tallies = runSweepSync(plan);
    const finished = [0, 1].map((i) =>
      pointResult(
        plan,
        i,
        tallies.filter((t) => t.point === i),
      ),
    );
    const shown = partialResults(plan, finished);
    expect(shown.points).toEqual(sweepResults(plan, tallies).points.slice(0, 2));
    expect(shown.axes.map((a) => a.values)).toEqual([[600, 700, 800]]);
    expect(shown.strategies).toEqual(['amd', 'random-digit']);
    expect(shown.trials).toBe(40);
  });
});
