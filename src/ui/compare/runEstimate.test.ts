import { describe, expect, it } from 'vitest';
import { nightAttackScenario } from '../../browser/testing/fakeSimWorker.ts';
import {
  calibrate,
  formatDuration,
  predictRunMs,
  remainingMs,
  trialsWithin,
} from './runEstimate.ts';

// The example: 4 strategies × (5 attempts + 1) calls a trial at 47 µs (45 µs and its greeting's
// 10 tones), 1,128 µs of CPU a trial.
const scenario = nightAttackScenario(20000);

describe('predictRunMs', () => {
  it('scales runCost’s CPU estimate by the page’s cost of it, shared by the workers', () => {
    // 20,000 × 1,128 µs = 22.56 CPU s; × 1,700 ms each ÷ 2 workers.
    expect(predictRunMs(scenario, 2)).toBeCloseTo(19_176, 6);
    expect(predictRunMs(scenario, 4, 1000)).toBeCloseTo(5_640, 6);
  });

  it('puts 1,000,000 trials at about 16 minutes on 2 workers', () => {
    expect(predictRunMs(nightAttackScenario(1_000_000), 2)).toBeCloseTo(958_800, 6);
  });
});

describe('calibrate', () => {
  it('measures page ms per estimated CPU second from a finished run', () => {
    expect(calibrate(scenario, 2, 19_176)).toBeCloseTo(1700, 9);
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
    // 60 s ÷ (1,128 µs × 1.7 ÷ 2 = 0.9588 ms a trial) = 62,578 trials.
    expect(trialsWithin(scenario, 2, 60_000)).toBe(62_000);
    expect(trialsWithin(scenario, 2, 50)).toBe(52);
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
