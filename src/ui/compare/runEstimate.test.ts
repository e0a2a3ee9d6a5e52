import { describe, expect, it } from 'vitest';
import { nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import {
  calibrate,
  formatDuration,
  predictRunMs,
  remainingMs,
  trialsWithin,
} from './runEstimate.ts';

// The example: 4 strategies × (5 attempts + 1) calls a trial at 14 µs (12 µs and its greeting's
// 10 tones), 336 µs of CPU a trial.
const scenario = nightAttackScenario(20000);

describe('predictRunMs', () => {
  it('scales runCost’s CPU estimate by the page’s cost of it, shared by the workers', () => {
    // 20,000 × 336 µs = 6.72 CPU s; × 360 ms each ÷ 2 workers.
    expect(predictRunMs(scenario, 2)).toBeCloseTo(1_209.6, 6);
    expect(predictRunMs(scenario, 4, 1000)).toBeCloseTo(1_680, 6);
  });

  it('puts 1,000,000 trials at about a minute on 2 workers', () => {
    expect(predictRunMs(nightAttackScenario(1_000_000), 2)).toBeCloseTo(60_480, 6);
  });
});

describe('calibrate', () => {
  it('measures page ms per estimated CPU second from a finished run', () => {
    expect(calibrate(scenario, 2, 1_209.6)).toBeCloseTo(360, 9);
  });

  it('ignores a run too short to measure', () => {
    expect(calibrate(nightAttackScenario(100), 2, 999)).toBeNull();
  });
});

describe('remainingMs', () => {
  it('divides the trials left by the throughput so far', () => {
    expect(remainingMs(20_000, 80_000, 5_000)).toBe(15_000);
    expect(remainingMs(80_000, 80_000, 20_000)).toBe(0);
    expect(remainingMs(0, 80_000, 300)).toBeNull();
  });
});

describe('trialsWithin', () => {
  it('gives the trials that fit in the time, rounded down to two figures', () => {
    // 60 s ÷ (336 µs × 0.36 ÷ 2 = 0.06048 ms a trial) = 992,063 trials; 50 ms: 826.
    expect(trialsWithin(scenario, 2, 60_000)).toBe(990_000);
    expect(trialsWithin(scenario, 2, 50)).toBe(820);
  });
});

describe('formatDuration', () => {
  it('speaks seconds, minutes or hours', () => {
    expect([400, 12_400, 89_000, 972_000, 5_400_000].map(formatDuration)).toEqual([
      'under a second',
      'about 12 s',
      'about 89 s',
      'about 16 min',
      'about 1.5 h',
    ]);
  });
});
