import { describe, expect, it } from 'vitest';
import type { RunResults, StrategyResult } from '../../sim/results.ts';
import { headline, roughPercent } from './headline.ts';

/** A strategy's result with the figures the headline reads; the rest fixed and unread. */
function result(
  interception: number,
  campaign: number,
  legitSuccess: number,
  abandon: number,
): StrategyResult {
  return {
    trials: 1000,
    interceptionRate: interception,
    interceptionCi95: [interception, interception],
    leakRate: interception,
    campaignInterceptionRate: campaign,
    campaignInterceptionCi95: [campaign, campaign],
    endToEndRate: campaign,
    legitSuccessRate: legitSuccess,
    legitSuccessCi95: [legitSuccess, legitSuccess],
    legitMedianSecondsToCode: 20,
    abandonRate: abandon,
    meanCallSeconds: 25,
    meanCampaignCalls: 1,
    applicationErrorCalls: 0,
  };
}

function run(strategies: Record<string, StrategyResult>): RunResults {
  return {
    scenario: 'test',
    seed: 7,
    trials: 1000,
    compromiseRate: 1,
    compromise: {} as RunResults['compromise'],
    strategies,
  };
}

const naive = result(0.9795, 0.9999, 0.9705, 0.005);
const randomDigit = result(0.0955, 0.398, 0.9515, 0.018);

describe('roughPercent', () => {
  it('speaks two figures, never rounding to 0% or 100%', () => {
    expect([0, 1, 0.9795, 0.9996, 0.0955, 0.018, 0.0051, 0.00004].map(roughPercent)).toEqual([
      '0%',
      '100%',
      '98%',
      '99.9%',
      '9.6%',
      '1.8%',
      '0.51%',
      '0.004%',
    ]);
  });
});

describe('headline', () => {
  it('sets the safest strategy against the weakest baseline, with its campaign and its cost', () => {
    const results = run({
      naive,
      'static-prompt': result(0.5, 0.9, 0.96, 0.01),
      'random-digit': randomDigit,
    });
    expect(headline(results, 5)).toBe(
      'random-digit cuts first-call interception from 98% (naive) to 9.6% — 40% over a 5-call ' +
        'campaign — for 1.9 points of owner success and 1.8% abandonment.',
    );
  });

  it('leaves out the campaign when the attacker places one call', () => {
    expect(headline(run({ naive, 'random-digit': randomDigit }), 1)).toBe(
      'random-digit cuts first-call interception from 98% (naive) to 9.6% for 1.9 points of ' +
        'owner success and 1.8% abandonment.',
    );
  });

  it('says so when the safer strategy costs owners nothing, or helps them', () => {
    const same = result(0.2, 0.5, naive.legitSuccessRate, 0);
    expect(headline(run({ naive, amd: same }), 5)).toBe(
      'amd cuts first-call interception from 98% (naive) to 20% — 50% over a 5-call campaign — ' +
        'with no loss of owner success and 0% abandonment.',
    );
    const better = result(0.2, 0.5, 0.99, 0.001);
    expect(headline(run({ naive, amd: better }), 5)).toBe(
      'amd cuts first-call interception from 98% (naive) to 20% — 50% over a 5-call campaign — ' +
        'while raising owner success by 1.9 points, with 0.1% abandonment.',
    );
  });

  it('says no strategy helps when all intercept the same share of first calls', () => {
    expect(headline(run({ naive, amd: result(0.9795, 0.99, 0.9, 0.05) }), 5)).toBe(
      'No strategy cuts first-call interception: it is 98% for each of the 2.',
    );
  });

  it('describes a lone strategy without comparing it to anything', () => {
    expect(headline(run({ naive }), 5)).toBe(
      'naive: the attacker intercepts 98% of first calls (99.9% over a 5-call campaign); 97% ' +
        'of owners get the code, 0.5% abandon.',
    );
  });

  it('ranks ties on first-call interception by campaign interception', () => {
    const a = result(0.1, 0.4, 0.95, 0.01);
    const b = result(0.1, 0.3, 0.95, 0.01);
    expect(headline(run({ naive, a, b }), 3)).toBe(
      'b cuts first-call interception from 98% (naive) to 10% — 30% over a 3-call campaign — ' +
        'for 2.1 points of owner success and 1.0% abandonment.',
    );
  });
});
