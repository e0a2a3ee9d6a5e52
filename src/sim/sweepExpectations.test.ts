import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../stats/index.ts';
import { sweepFrontier } from './frontier.ts';
import { checkSweepExpectations, describeMiss } from './sweepExpectations.ts';
import {
  summarizeSweepTally,
  type SweepResults,
  type SweepStrategyResult,
} from './sweepResults.ts';
import { StrategyTally } from './strategyTally.ts';

/** A result with the figures a check reads; the rest as a run with no trials reports them. */
function result(
  interceptionRate: number,
  legitSuccessRate: number,
  legitMedianSecondsToCode: number | null = 20,
): SweepStrategyResult {
  return {
    ...summarizeSweepTally(new StrategyTally(), 1),
    interceptionRate,
    legitSuccessRate,
    legitMedianSecondsToCode,
  };
}

/** A 1-D sweep of `amd` over four values of a field, with the given (interception, success). */
function sweep(figures: [number, number, (number | null)?][]): SweepResults {
  return {
    scenario: 'hand-made',
    seed: 1,
    trials: 100,
    strategies: ['amd'],
    axes: [
      { path: 'x', from: 0, to: figures.length - 1, step: 1, values: figures.map((_, i) => i) },
    ],
    points: figures.map(([i, s, time], index) => ({
      index,
      values: { x: index },
      compromiseRate: 1,
      strategies: { amd: result(i, s, time) },
    })),
  };
}

const RULE = { interceptionRate: { max: 0.05 }, legitSuccessRate: { min: 0.9 } };

describe('checkSweepExpectations', () => {
  it('passes "some" when one point meets every bound at once, listing the points that do', () => {
    const results = sweep([
      [0.2, 0.95],
      [0.04, 0.92],
      [0.01, 0.8],
      [0.03, 0.91],
    ]);
    const [check] = checkSweepExpectations([{ strategy: 'amd', some: RULE }], results);
    expect(check).toMatchObject({ strategy: 'amd', kind: 'some', passed: true });
    expect(check!.points.map((p) => p.point)).toEqual([1, 3]);
  });

  it('fails "some" when no point meets them all at once, listing the closest first', () => {
    // Each bound is met somewhere, never both at one point.
    const results = sweep([
      [0.2, 0.95],
      [0.06, 0.92],
      [0.01, 0.8],
      [0.04, 0.89],
    ]);
    const [check] = checkSweepExpectations([{ strategy: 'amd', some: RULE }], results);
    expect(check!.passed).toBe(false);
    // 1 and 3 miss one bound by 0.01 each (1 first: equal distance, earlier point); 2 by 0.1.
    expect(check!.points.map((p) => [p.point, p.misses.map(describeMiss)])).toEqual([
      [1, ['interceptionRate = 0.06 (≤ 0.05)']],
      [3, ['legitSuccessRate = 0.89 (≥ 0.9)']],
      [2, ['legitSuccessRate = 0.8 (≥ 0.9)']],
    ]);
  });

  it('fails "every" at the points that miss, furthest first; passes when none does', () => {
    const results = sweep([
      [0.01, 0.95],
      [0.3, 0.5],
      [0.06, 0.95],
      [0.02, 0.93],
    ]);
    const [failed] = checkSweepExpectations([{ strategy: 'amd', every: RULE }], results);
    expect(failed!.passed).toBe(false);
    expect(failed!.points.map((p) => p.point)).toEqual([1, 2]);
    const [held] = checkSweepExpectations(
      [{ strategy: 'all', every: { legitSuccessRate: { min: 0.5 } } }],
      results,
    );
    expect(held).toMatchObject({ strategy: 'amd', passed: true, points: [] });
  });

  it('counts a figure with no value (no owner got the code) as missing any bound on it', () => {
    const results = sweep([
      [0, 0, null],
      [0.1, 0.9, 30],
    ]);
    const [check] = checkSweepExpectations(
      [{ strategy: 'amd', some: { legitMedianSecondsToCode: { max: 25 } } }],
      results,
    );
    expect(check!.passed).toBe(false);
    expect(check!.points.map((p) => [p.point, p.distance])).toEqual([
      [1, 0.2],
      [0, Infinity],
    ]);
  });
});

describe('sweepFrontier', () => {
  it("lists each strategy's frontier points, for the objectives chosen", () => {
    const results = sweep([
      [0.2, 0.95, 18],
      [0.04, 0.92, 19],
      [0.04, 0.9, 17],
      [0.01, 0.8, 25],
    ]);
    expect(sweepFrontier(results, 'interception', 'legit-success')).toEqual({
      security: 'interception',
      usability: 'legit-success',
      byStrategy: { amd: [0, 1, 3] },
      overall: [
        { point: 0, strategy: 'amd' },
        { point: 1, strategy: 'amd' },
        { point: 3, strategy: 'amd' },
      ],
    });
    expect(sweepFrontier(results, 'interception', 'time-to-code').byStrategy).toEqual({
      amd: [2, 3],
    });
  });
});

describe('summarizeSweepTally', () => {
  it("gives every rate its Wilson interval, end-to-end the compromise rate times campaign's", () => {
    const tally = new StrategyTally();
    for (let i = 0; i < 40; i++) {
      tally.leak.add(i < 10);
      tally.abandon.add(i < 3);
      tally.campaign.add(i < 8);
    }
    const r = summarizeSweepTally(tally, 0.25);
    const w = (s: number, n: number) => {
      const i = wilsonInterval(s, n);
      return [i.low, i.high];
    };
    expect(r.leakCi95).toEqual(w(10, 40));
    expect(r.abandonCi95).toEqual(w(3, 40));
    expect(r.endToEndRate).toBe(0.25 * 0.2);
    expect(r.endToEndCi95).toEqual(w(8, 40).map((x) => 0.25 * x));
  });

  it('gives the median time to the code its rank interval, in seconds, and none when nobody got in', () => {
    const tally = new StrategyTally();
    for (let i = 0; i < 100; i++) tally.legitTimeToCode.add(10_000 + i * 10);
    expect(summarizeSweepTally(tally, 1).legitMedianSecondsToCodeCi95).toEqual([10.395, 10.605]);
    expect(summarizeSweepTally(new StrategyTally(), 1).legitMedianSecondsToCodeCi95).toBeNull();
  });
});
