/**
 * Sweeps: each point is exactly `run` of its own scenario (same seed, same trial indices: common
 * random numbers), planned and validated before anything runs (README "Sweeps").
 */
import { describe, expect, it } from 'vitest';
import {
  loadScenario,
  resolveSweepAxes,
  ScenarioError,
  type Scenario,
  type SweepAxisSpec,
} from '../scenario/index.ts';
import { runScenario, runScenarioSync, type ChunkExecutor } from './runPlan.ts';
import { compileScenario } from './compile.ts';
import { runChunk } from './runChunk.ts';
import { runSweep, runSweepSync, type PointChunkExecutor } from './sweep.ts';
import { planSweep } from './sweepPlan.ts';
import { sweepResults } from './sweepResults.ts';
import { StrategyTally } from './strategyTally.ts';

const base = loadScenario({
  seed: 7,
  trials: 300,
  strategies: ['amd', 'static-prompt'],
  voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }, { dtmf: '1', repeat: 3 }] },
  attacker: { attempts: 2 },
});

function plan(scenario: Scenario, specs: SweepAxisSpec[]) {
  const resolved = resolveSweepAxes(scenario, specs);
  if ('problems' in resolved) throw new Error(JSON.stringify(resolved.problems));
  return planSweep(scenario, resolved.axes);
}

/** Runs chunks on this thread in reverse order: a different order than planChunks' gives. */
const reversedExecutor: ChunkExecutor = {
  run(scenario, chunks, onChunkDone, assets, documents) {
    const compiled = compileScenario(scenario, assets, documents);
    for (const chunk of [...chunks].reverse())
      onChunkDone(chunk, runChunk(compiled, chunk).toJSON());
    return Promise.resolve();
  },
};

/** Runs every point's chunks in one stream, on this thread, last first. */
const streamExecutor: ChunkExecutor & PointChunkExecutor = {
  ...reversedExecutor,
  runPoints(chunks, onChunkDone, assets, documents) {
    for (const chunk of [...chunks].reverse()) {
      const compiled = compileScenario(chunk.scenario, assets, documents);
      onChunkDone(chunk, runChunk(compiled, chunk).toJSON());
    }
    return Promise.resolve();
  },
};

describe('a sweep point', () => {
  const silence = plan(base, [
    { path: 'amd.afterGreetingSilenceMs', from: 400, to: 1600, step: 600 },
  ]);

  it('is the base scenario with the value set, the same seed, trials and strategies', () => {
    expect(silence.points.map((p) => p.values)).toEqual([[400], [1000], [1600]]);
    for (const point of silence.points) {
      expect(point.scenario).toEqual({
        ...base,
        amd: { ...base.amd, afterGreetingSilenceMs: point.values[0] },
      });
    }
  });

  it("gives exactly what `run` gives for that point's scenario, read back from its JSON", async () => {
    const tallies = runSweepSync(silence);
    const results = sweepResults(silence, tallies);
    for (const point of silence.points) {
      const alone = runScenarioSync(loadScenario(JSON.parse(JSON.stringify(point.scenario))));
      for (const strategy of base.strategies) {
        const {
          leakCi95: _l,
          endToEndCi95: _e,
          abandonCi95: _a,
          legitMedianSecondsToCodeCi95: _m,
          ...asRun
        } = results.points[point.index]!.strategies[strategy]!;
        expect(asRun).toEqual(alone.strategies[strategy]);
      }
    }
    expect(await runSweep(silence, reversedExecutor)).toEqual(tallies);
    expect(await runSweep(silence, streamExecutor)).toEqual(tallies);
    expect((await runScenario(silence.points[1]!.scenario, reversedExecutor)).strategies).toEqual(
      runScenarioSync(silence.points[1]!.scenario).strategies,
    );
  });

  it('runs on the same trial streams at every point: a field no built-in flow reads changes no bit', () => {
    const unused = plan(base, [
      { path: 'platform.webhookTimeoutSeconds', from: 1, to: 41, step: 20 },
    ]);
    const tallies = runSweepSync(unused);
    const byStrategy = (strategy: string) =>
      tallies.filter((t) => t.strategy === strategy).map((t) => JSON.stringify(t.tally));
    for (const strategy of base.strategies) {
      expect(new Set(byStrategy(strategy)).size).toBe(1);
      expect(byStrategy(strategy)).toHaveLength(3);
    }
  });

  it('keeps its tallies by (point, strategy), as plain data that merges like a run', () => {
    const tallies = runSweepSync(silence);
    expect(tallies.map((t) => [t.point, t.strategy])).toEqual([
      [0, 'amd'],
      [0, 'static-prompt'],
      [1, 'amd'],
      [1, 'static-prompt'],
      [2, 'amd'],
      [2, 'static-prompt'],
    ]);
    const first = StrategyTally.fromJSON(tallies[0]!.tally);
    expect(first.interception.n).toBe(300);
    expect(first.legitSuccess.n).toBe(300);
  });
});

describe('planning a sweep', () => {
  it('crosses two dimensions, the first outermost', () => {
    const grid = plan(base, [
      { path: 'amd.afterGreetingSilenceMs', from: 500, to: 1000, step: 500 },
      { path: 'service.gatherTimeoutSeconds', from: 1, to: 3, step: 1 },
    ]);
    expect(grid.points.map((p) => p.values)).toEqual([
      [500, 1],
      [500, 2],
      [500, 3],
      [1000, 1],
      [1000, 2],
      [1000, 3],
    ]);
    expect(grid.points[5]!.scenario.service.gatherTimeoutSeconds).toBe(3);
  });

  it('refuses invalid points before anything runs, once per problem, naming the first point', () => {
    let error: unknown;
    try {
      plan(base, [{ path: 'amd.afterGreetingSilenceMs', from: 0, to: 2, step: 0.5 }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toEqual([
      {
        path: '$.amd.afterGreetingSilenceMs',
        expected: 'an integer',
        found: 'the number 0.5 at the point amd.afterGreetingSilenceMs = 0.5 (and 1 more point)',
      },
    ]);
  });

  it("refuses a value past the field's bound with the validator's words", () => {
    expect(() =>
      plan(base, [{ path: 'person.answerProbability', from: 0.5, to: 1.5, step: 0.5 }]),
    ).toThrow(
      '$.person.answerProbability: expected a number ≤ 1, found the number 1.5 at the point person.answerProbability = 1.5',
    );
  });

  it("holds all the points together to a run's hour of CPU, at $.trials", () => {
    const big = loadScenario({
      trials: 10_000_000,
      strategies: ['naive'],
      attacker: { attempts: 1 },
    });
    expect(() => plan(big, [{ path: 'service.promptSeconds', from: 1, to: 41, step: 1 }])).toThrow(
      '$.trials: expected at most 3658536 trials per point here (a sweep is bounded as a run is, to 1 hour of CPU for all its 41 points together), found the number 10000000 (about 2.73 hours of CPU)',
    );
  });
});
