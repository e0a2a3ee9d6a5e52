import { describe, expect, it } from 'vitest';
import { inProcessEvaluator, searchGreeting, type SearchOptions } from '../../redteam/index.ts';
import { loadScenario } from '../../scenario/index.ts';
import type { EvaluationTask } from '../../sim/greetingEvaluation.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import { slicedEvaluator, sliceTasks, SLICES_PER_BATCH } from './slicedEvaluator.ts';

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
