/**
 * Statistical results against closed-form answers, with fixed seeds. Tolerances are in standard
 * errors of the estimate (4.5 SE: a correct engine fails this for fewer than 1 seed in 100,000),
 * so they catch a wrong model, not noise.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioInput } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import { planChunks, RunTotals, runScenarioSync } from './runPlan.ts';
import { runChunk } from './runChunk.ts';

function scenario(input: ScenarioInput) {
  return loadScenario(input);
}

function expectNear(actual: number, expected: number, trials: number) {
  const se = Math.sqrt((expected * (1 - expected)) / trials);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(4.5 * se + 1e-12);
}

/** Nobody answers: every call goes to the attacker's voicemail. */
const victimAway = {
  victimAnswerProbability: 0,
  retrievalSeconds: 30,
  retrySeconds: 90,
};

const dtmfOneGreeting = [
  { speech: 0.8 },
  { silence: 1.0 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
];

describe('closed-form checks', () => {
  it('a fixed-digit greeting beats random-digit over 0-9 on 1 call in 10, and a campaign of k calls with 1 - 0.9^k', () => {
    const trials = 10000;
    for (const attempts of [1, 3, 5]) {
      const results = runScenarioSync(
        scenario({
          seed: 11,
          trials,
          strategies: ['random-digit'],
          voicemail: { greeting: dtmfOneGreeting },
          attacker: { ...victimAway, attempts },
        }),
      );
      const r = results.strategies['random-digit']!;
      expectNear(r.interceptionRate, 0.1, trials);
      expectNear(r.campaignInterceptionRate, 1 - 0.9 ** attempts, trials);
      expect(r.interceptionCi95[0]).toBeLessThan(r.interceptionRate);
      expect(r.interceptionCi95[1]).toBeGreaterThan(r.interceptionRate);
    }
  });

  it('a greeting playing every digit 0-9 still wins only 1 call in 10: the first key decides', () => {
    const trials = 10000;
    const results = runScenarioSync(
      scenario({
        seed: 12,
        trials,
        strategies: ['random-digit'],
        voicemail: {
          greeting: [{ speech: 1 }, { dtmf: '0123456789', toneMs: 100, gapMs: 100, repeat: 2 }],
        },
        attacker: { ...victimAway, attempts: 1 },
      }),
    );
    expectNear(results.strategies['random-digit']!.interceptionRate, 0.1, trials);
  });

  it('"press 1" loses every unanswered call to a DTMF-1 greeting', () => {
    const results = runScenarioSync(
      scenario({
        seed: 13,
        trials: 3000,
        strategies: ['static-prompt', 'naive'],
        voicemail: { greeting: dtmfOneGreeting },
        attacker: victimAway,
      }),
    );
    expect(results.strategies['static-prompt']!.interceptionRate).toBe(1);
    expect(results.strategies['static-prompt']!.leakRate).toBe(1);
    expect(results.strategies['static-prompt']!.campaignInterceptionRate).toBe(1);
    expect(results.strategies.naive!.interceptionRate).toBe(1);
  });

  it('a "Hello?"-then-silence greeting passes AMD, and its readouts after the beep are recorded', () => {
    const compiled = compileScenario(
      scenario({ voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }] } }),
    );
    expect(compiled.voicemail.amdVerdict.verdict).toBe('HUMAN');
    const results = runScenarioSync(
      scenario({
        seed: 14,
        trials: 2000,
        strategies: ['amd'],
        voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }] },
        attacker: victimAway,
      }),
    );
    expect(results.strategies.amd!.interceptionRate).toBe(1);
  });

  it('AMD stops a long spoken greeting: the code never reaches the recording', () => {
    const results = runScenarioSync(
      scenario({
        seed: 15,
        trials: 2000,
        strategies: ['amd'],
        voicemail: { greeting: [{ speech: 8 }, { silence: 0.5 }] },
        attacker: victimAway,
      }),
    );
    expect(results.strategies.amd!.leakRate).toBe(0);
    expect(results.strategies.amd!.interceptionRate).toBe(0);
  });

  it('a code read to a voicemail is worthless once it expired before the attacker listens', () => {
    const results = runScenarioSync(
      scenario({
        seed: 16,
        trials: 1000,
        strategies: ['naive'],
        code: { kind: 'ttl', digits: 6, ttlSeconds: 60 },
        voicemail: { greeting: [{ speech: 2 }] },
        attacker: { ...victimAway, retrievalSeconds: 120 },
      }),
    );
    const naive = results.strategies.naive!;
    expect(naive.leakRate).toBe(1);
    expect(naive.interceptionRate).toBe(0);
  });

  it('legit success is the answer probability when nothing else can go wrong (naive)', () => {
    const trials = 10000;
    const results = runScenarioSync(
      scenario({
        seed: 17,
        trials,
        strategies: ['naive'],
        person: { answerProbability: 0.7, answerDelaySeconds: 5, entrySeconds: 10 },
      }),
    );
    expectNear(results.strategies.naive!.legitSuccessRate, 0.7, trials);
  });

  it('random-digit costs owners their key-press error rate: success = p × (1 - e)', () => {
    const trials = 10000;
    const results = runScenarioSync(
      scenario({
        seed: 18,
        trials,
        strategies: ['random-digit'],
        person: { answerProbability: 1, answerDelaySeconds: 5, keypressErrorRate: 0.1 },
      }),
    );
    const r = results.strategies['random-digit']!;
    expectNear(r.legitSuccessRate, 0.9, trials);
    expectNear(r.abandonRate, 0.1, trials);
  });

  describe('random-digit re-asking after a wrong key (service.wrongKeyRetries = r)', () => {
    // The box picks up at 25 s; the victim, if they answer, does so at 5 s. The greeting's keys
    // are reported 1.04 s + 0.2 s × i after pickup (i = 0 … 9, dtmfDetectMs 40), each while a
    // prompt or re-ask plays (3 s, listening from its start), so the flow judges the first
    // r + 1 keys and no others. Any key heard starts the readouts by 2.84 s; the second starts
    // by 6.84 s, after the recording starts at 3.5 s (greeting 3 s, beep 0.5 s), so every
    // reading leaks, and the 600 s code is still valid when the attacker types it. Per call:
    // interception = (1 − v) × |promptDigits ∩ first r + 1 keys| / |promptDigits|.
    const everyDigitOnce = [{ speech: 1 }, { dtmf: '0123456789', toneMs: 100, gapMs: 100 }];
    const v = 0.2;
    const interception = (r: number, promptDigits: string, attempts: number, seed: number) =>
      runScenarioSync(
        scenario({
          seed,
          trials: 10000,
          strategies: ['random-digit'],
          service: { wrongKeyRetries: r, promptDigits },
          person: { answerDelaySeconds: 5 },
          voicemail: { greeting: everyDigitOnce },
          attacker: { ...victimAway, victimAnswerProbability: v, attempts },
        }),
      ).strategies['random-digit']!;

    it.each([0, 1, 4, 9])(
      'digits 0-9 against the keys 0-9 in order, r = %i: (1 − v) × (r + 1)/10',
      (r) => {
        const result = interception(r, '0123456789', 1, 30 + r);
        expectNear(result.interceptionRate, (1 - v) * ((r + 1) / 10), 10000);
      },
    );

    it('r = 9 against an all-digits greeting intercepts every call the box answers', () => {
      const result = runScenarioSync(
        scenario({
          seed: 40,
          trials: 3000,
          strategies: ['random-digit'],
          service: { wrongKeyRetries: 9 },
          voicemail: { greeting: everyDigitOnce },
          attacker: { ...victimAway, attempts: 1 },
        }),
      ).strategies['random-digit']!;
      expect(result.interceptionRate).toBe(1);
      expect(result.leakRate).toBe(1);
    });

    it.each([
      [0, 0],
      [1, 1 / 5],
      [4, 2 / 5],
      [9, 1],
    ])(
      'odd digits only against the keys 0-9, r = %i: only the odd keys among the first r + 1 count (%d)',
      (r, share) => {
        const result = interception(r, '13579', 1, 50 + r);
        expectNear(result.interceptionRate, (1 - v) * share, 10000);
      },
    );

    it('a campaign of k calls, each with a fresh digit: 1 − (1 − q)^k', () => {
      const q = (1 - v) * (3 / 10);
      const result = interception(2, '0123456789', 4, 60);
      expectNear(result.interceptionRate, q, 10000);
      expectNear(result.campaignInterceptionRate, 1 - (1 - q) ** 4, 10000);
    });

    it('a greeting repeating one key gains nothing: the same digit is asked every time', () => {
      const result = runScenarioSync(
        scenario({
          seed: 61,
          trials: 10000,
          strategies: ['random-digit'],
          service: { wrongKeyRetries: 9 },
          voicemail: { greeting: dtmfOneGreeting },
          attacker: { ...victimAway, attempts: 1 },
        }),
      ).strategies['random-digit']!;
      expectNear(result.interceptionRate, 0.1, 10000);
    });

    it.each([0, 1, 2])(
      'owners get r + 1 tries at the key, r = %i: success = p × (1 − e^(r+1)), abandon = p × e^(r+1)',
      (r) => {
        // Reaction 1 s is inside the 5 s gather, so every key the owner presses is judged.
        const [p, e] = [0.8, 0.3];
        const result = runScenarioSync(
          scenario({
            seed: 70 + r,
            trials: 10000,
            strategies: ['random-digit'],
            service: { wrongKeyRetries: r },
            person: {
              answerProbability: p,
              answerDelaySeconds: 5,
              reactionSeconds: 1,
              keypressErrorRate: e,
            },
          }),
        ).strategies['random-digit']!;
        expectNear(result.legitSuccessRate, p * (1 - e ** (r + 1)), 10000);
        expectNear(result.abandonRate, p * e ** (r + 1), 10000);
      },
    );
  });

  it('reports the exact compromise sum and end-to-end = compromise × campaign', () => {
    const results = runScenarioSync(
      scenario({
        seed: 19,
        trials: 500,
        strategies: ['random-digit', 'static-prompt'],
        voicemail: {
          greeting: dtmfOneGreeting,
          pin: { length: 4, choice: 'uniform', lockoutAfter: 5 },
        },
        attacker: { ...victimAway, guessBudget: 1000 },
      }),
    );
    expect(results.compromiseRate).toBe(0.0005);
    for (const r of Object.values(results.strategies)) {
      expect(r.endToEndRate).toBe(0.0005 * r.campaignInterceptionRate);
    }
  });
});

describe('reproducibility', () => {
  it('gives identical results however the trials are cut into chunks', () => {
    const s = scenario({ seed: 21, trials: 300, voicemail: { greeting: dtmfOneGreeting } });
    const compiled = compileScenario(s);
    const whole = runScenarioSync(s);
    for (const chunkTrials of [1, 7, 300, 5000]) {
      const totals = new RunTotals(s);
      for (const chunk of planChunks(s, chunkTrials)) {
        totals.add(chunk, runChunk(compiled, chunk).toJSON());
      }
      expect(totals.results()).toEqual(whole);
    }
  });

  it('changes with the seed', () => {
    const a = runScenarioSync(scenario({ seed: 1, trials: 500, strategies: ['random-digit'] }));
    const b = runScenarioSync(scenario({ seed: 2, trials: 500, strategies: ['random-digit'] }));
    expect(a.strategies['random-digit']).not.toEqual(b.strategies['random-digit']);
  });
});
