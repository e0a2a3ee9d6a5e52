import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import { compiledWith } from './testing/scenarioWith.ts';
import { runAttackTrial, runLegitTrial } from './trial.ts';

/** 2026-01-01T00:00:00Z, a multiple of 30 s: with no spread every trial starts on a TOTP step. */
const STEP_ALIGNED_EPOCH_SECONDS = 1_767_225_600;

/**
 * Naive against a box with a 2.5 s greeting: recording from 28 s; readouts 25-29 s (before the
 * beep), 29-33 s and 33-37 s (recorded). The call ends at 37 s.
 */
const LEAKY_BOX: ScenarioInput = {
  voicemail: { greeting: [{ speech: 2.5 }] },
  attacker: { attempts: 1 },
};

/** A box that picks up at 1 s with no greeting and no beep: one readout, 1-5 s, all recorded. */
const INSTANT_BOX: ScenarioInput = {
  startEpochSeconds: STEP_ALIGNED_EPOCH_SECONDS,
  startSpreadSeconds: 0,
  service: { readoutRepeats: 1 },
  voicemail: { pickupAfterSeconds: 1, greeting: [], beepSeconds: 0 },
  attacker: { attempts: 1 },
};

const withSection = <K extends 'attacker' | 'service' | 'person' | 'voicemail'>(
  base: ScenarioInput,
  section: K,
  values: ScenarioInput[K],
): ScenarioInput => ({
  ...base,
  [section]: { ...(base[section] as object), ...(values as object) },
});

describe('runAttackTrial: what the attacker gets from the recording', () => {
  it('intercepts a leaked ttl code retrieved within its lifetime', () => {
    const compiled = compiledWith({
      ...withSection(LEAKY_BOX, 'attacker', { retrievalSeconds: 20 }),
      code: { kind: 'ttl', ttlSeconds: 60 },
    });
    const { calls, campaignIntercepted } = runAttackTrial(compiled, 'naive', 0);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      placedAtMs: 0,
      submittedAtMs: 37_000 + 20_000,
      accepted: true,
    });
    expect(calls[0]!.call.leaked).toBe(true);
    expect(campaignIntercepted).toBe(true);
  });

  it('does not intercept a ttl code that expires before the attacker retrieves it, although it leaked', () => {
    const compiled = compiledWith({
      ...withSection(LEAKY_BOX, 'attacker', { retrievalSeconds: 30 }),
      code: { kind: 'ttl', ttlSeconds: 60 },
    });
    const { calls, campaignIntercepted } = runAttackTrial(compiled, 'naive', 0);
    expect(calls[0]!.call.leaked).toBe(true);
    expect(calls[0]).toMatchObject({ submittedAtMs: 67_000, accepted: false });
    expect(campaignIntercepted).toBe(false);
  });

  it('submits nothing when nothing leaked', () => {
    const compiled = compiledWith({
      attacker: { attempts: 1 },
      voicemail: { greeting: [{ speech: 20 }] },
    });
    const { calls } = runAttackTrial(compiled, 'naive', 0);
    expect(calls[0]).toMatchObject({ submittedAtMs: null, accepted: false });
    expect(calls[0]!.call.leaked).toBe(false);
  });

  describe('TOTP, 30 s steps, window 1, code issued at the start of a step, recorded by 5 s', () => {
    const totp = { kind: 'totp', digits: 6, periodSeconds: 30, window: 1 } as const;

    it.each([
      [0, true],
      [20, true],
      [50, true],
      [60, false],
      [200, false],
    ])('retrieval after %i s: accepted %s', (retrievalSeconds, accepted) => {
      const compiled = compiledWith({
        ...withSection(INSTANT_BOX, 'attacker', { retrievalSeconds }),
        code: totp,
      });
      const { calls } = runAttackTrial(compiled, 'naive', 0);
      expect(calls[0]!.call.leaked).toBe(true);
      expect(calls[0]!.call.endMs).toBe(5000);
      expect(calls[0]!.code).toMatch(/^\d{6}$/);
      expect(calls[0]).toMatchObject({ submittedAtMs: 5000 + retrievalSeconds * 1000, accepted });
    });

    it('rejects a slow retrieval whatever the phase of the step', () => {
      const compiled = compiledWith({
        ...withSection(INSTANT_BOX, 'attacker', { retrievalSeconds: 60 }),
        startSpreadSeconds: 86_400,
        code: totp,
      });
      for (let trial = 0; trial < 50; trial++) {
        const { calls } = runAttackTrial(compiled, 'naive', trial);
        expect(calls[0]!.call.leaked).toBe(true);
        expect(calls[0]!.accepted).toBe(false);
      }
    });
  });
});

describe('runAttackTrial: the campaign', () => {
  /** Ten "3" tones: random-digit is beaten exactly when it asks for 3, and then the code leaks. */
  const KEY_3_BOX: ScenarioInput = {
    voicemail: { greeting: [{ dtmf: '3', toneMs: 120, gapMs: 80, repeat: 10 }] },
    attacker: { attempts: 5, retrySeconds: 90, retrievalSeconds: 30 },
  };

  it('stops at the first interception', () => {
    const compiled = compiledWith({ ...LEAKY_BOX, attacker: { attempts: 5 } });
    const { calls, campaignIntercepted } = runAttackTrial(compiled, 'naive', 0);
    expect(calls).toHaveLength(1);
    expect(campaignIntercepted).toBe(true);
  });

  it('keeps placing calls until the attacker has typed a code that works', () => {
    // The first call ends at 37 s; the attacker types its code at 137 s. The call due at 90 s
    // has gone out by then (and leaks too); the one due at 180 s is not placed.
    const compiled = compiledWith({
      ...LEAKY_BOX,
      attacker: { attempts: 5, retrySeconds: 90, retrievalSeconds: 100 },
    });
    const { calls, campaignIntercepted } = runAttackTrial(compiled, 'naive', 0);
    expect(calls.map((c) => [c.placedAtMs, c.submittedAtMs, c.accepted])).toEqual([
      [0, 137_000, true],
      [90_000, 227_000, true],
    ]);
    expect(campaignIntercepted).toBe(true);
  });

  it('does not place a call due at the very millisecond the attacker learns of an interception', () => {
    const compiled = compiledWith({
      ...LEAKY_BOX,
      attacker: { attempts: 5, retrySeconds: 90, retrievalSeconds: 53 },
    });
    const { calls } = runAttackTrial(compiled, 'naive', 0);
    expect(calls.map((c) => c.submittedAtMs)).toEqual([90_000]);
  });

  it('places every call it is allowed when none is intercepted, on the rate-limited schedule', () => {
    const compiled = compiledWith({
      voicemail: { greeting: [{ speech: 2.5 }] },
      code: { kind: 'ttl', ttlSeconds: 30 },
      attacker: { attempts: 8, retrySeconds: 90 },
      service: { maxSendsPer10Minutes: 5 },
    });
    const { calls, campaignIntercepted } = runAttackTrial(compiled, 'naive', 0);
    expect(campaignIntercepted).toBe(false);
    expect(calls.map((c) => c.placedAtMs)).toEqual([
      0, 90_000, 180_000, 270_000, 360_000, 600_000, 690_000, 780_000,
    ]);
    expect(calls.every((c) => c.call.leaked && !c.accepted)).toBe(true);
    expect(new Set(calls.map((c) => c.code)).size).toBe(8);
  });

  it('never exceeds attacker.attempts calls, and draws a fresh digit for each', () => {
    const compiled = compiledWith(KEY_3_BOX);
    const digits = new Set<string>();
    for (let trial = 0; trial < 300; trial++) {
      const { calls, campaignIntercepted } = runAttackTrial(compiled, 'random-digit', trial);
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(calls.length).toBeLessThanOrEqual(5);
      expect(calls.map((c) => c.placedAtMs)).toEqual(
        compiled.campaignScheduleMs.slice(0, calls.length),
      );
      expect(calls.slice(0, -1).every((c) => !c.accepted)).toBe(true);
      if (campaignIntercepted) expect(calls[calls.length - 1]!.accepted).toBe(true);
      else expect(calls).toHaveLength(5);
      for (const c of calls) {
        digits.add(c.call.expectedDigit!);
        expect(c.accepted).toBe(c.call.expectedDigit === '3');
      }
    }
    expect([...digits].sort().join('')).toBe('0123456789');
  });

  it('intercepts about 1 call in 10 and a 5-call campaign about 1 - 0.9^5 of the time', () => {
    const compiled = compiledWith(KEY_3_BOX);
    const trials = 2000;
    let intercepted = 0;
    let firstCallIntercepted = 0;
    for (let trial = 0; trial < trials; trial++) {
      const outcome = runAttackTrial(compiled, 'random-digit', trial);
      if (outcome.campaignIntercepted) intercepted++;
      if (outcome.calls[0]!.accepted) firstCallIntercepted++;
    }
    // Seeded, so the counts are fixed; the bounds are ±4.5 standard errors of the closed forms.
    expect(Math.abs(firstCallIntercepted / trials - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(intercepted / trials - (1 - 0.9 ** 5))).toBeLessThan(0.05);
  });
});

describe('runLegitTrial: the owner waiting for the call', () => {
  it('types the first readout they hear and is accepted', () => {
    const outcome = runLegitTrial(compiledWith(), 'naive', 0);
    expect(outcome.call.call.firstReadoutHeardMs).toBe(10_000);
    expect(outcome.call).toMatchObject({ submittedAtMs: 18_000, accepted: true });
    expect(outcome).toMatchObject({ success: true, abandoned: false });
  });

  it('makes one check when they type the code right', () => {
    expect(runLegitTrial(compiledWith(), 'naive', 0).call.checks).toBe(1);
  });

  it('retypes a mistyped code until the service locks the verification after maxCheckAttempts', () => {
    const compiled = compiledWith({
      person: { codeEntryErrorRate: 1 },
      service: { maxCheckAttempts: 3 },
    });
    const outcome = runLegitTrial(compiled, 'naive', 0);
    // Tries at 18 s, 26 s and 34 s (8 s to type each), all one digit off; then Verify locks it.
    expect(outcome.call).toMatchObject({ checks: 3, submittedAtMs: 34_000, accepted: false });
    expect(outcome.success).toBe(false);
  });

  it('succeeds with probability 1 - r^k when each try is mistyped with probability r', () => {
    const r = 0.5;
    const k = 5;
    const compiled = compiledWith({
      person: { codeEntryErrorRate: r },
      service: { maxCheckAttempts: k },
    });
    const trials = 4000;
    let successes = 0;
    for (let i = 0; i < trials; i++) if (runLegitTrial(compiled, 'naive', i).success) successes++;
    const { low, high } = wilsonInterval(successes, trials);
    expect(low).toBeLessThanOrEqual(1 - r ** k);
    expect(high).toBeGreaterThanOrEqual(1 - r ** k);
  });

  it('fails when typing takes them past a short ttl', () => {
    const outcome = runLegitTrial(
      compiledWith({ code: { kind: 'ttl', ttlSeconds: 15 } }),
      'naive',
      0,
    );
    expect(outcome).toMatchObject({ success: false, abandoned: false });
  });

  it('hears nothing when the call goes to their voicemail', () => {
    const outcome = runLegitTrial(compiledWith({ person: { answerProbability: 0 } }), 'naive', 0);
    expect(outcome.call.call.answeredBy).toBe('voicemail');
    expect(outcome).toMatchObject({ success: false, abandoned: false });
    expect(outcome.call.submittedAtMs).toBeNull();
  });

  it('counts a person who hangs up on AMD silence as abandoned', () => {
    const compiled = compiledWith({
      amd: { afterGreetingSilenceMs: 3000 },
      person: { patienceSeconds: 2 },
    });
    const outcome = runLegitTrial(compiled, 'amd', 0);
    expect(outcome.call.call.endedBy).toBe('person');
    expect(outcome).toMatchObject({ success: false, abandoned: true });
  });

  it('does not count a person whose patience ends exactly as the code starts as abandoned', () => {
    // "Hello?" ends 0.9 s after answering; the HUMAN verdict and the first readout come at 1.7 s.
    const compiled = compiledWith({ person: { patienceSeconds: 0.8 } });
    const outcome = runLegitTrial(compiled, 'amd', 0);
    expect(outcome.call.call).toMatchObject({ endedBy: 'service', firstReadoutHeardMs: 11_700 });
    expect(outcome).toMatchObject({ success: true, abandoned: false });
  });
});

describe('trials are pure functions of (scenario, strategy, kind, index)', () => {
  const noisy: ScenarioInput = {
    startSpreadSeconds: 86_400,
    code: { kind: 'totp' },
    person: {
      answerProbability: 0.7,
      answerDelaySeconds: { lognormal: { median: 6, sigma: 0.4 } },
      reactionSeconds: { lognormal: { median: 1.2, sigma: 0.3 } },
      keypressErrorRate: 0.1,
    },
    voicemail: { greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '0123456789' }] },
    attacker: { victimAnswerProbability: 0.2, retrievalSeconds: { uniform: [20, 60] } },
  };

  it.each(['naive', 'static-prompt', 'amd', 'random-digit'] as const)(
    '%s: the same keys give an identical outcome',
    (strategy) => {
      for (let trial = 0; trial < 20; trial++) {
        expect(runAttackTrial(compiledWith(noisy), strategy, trial)).toEqual(
          runAttackTrial(compiledWith(noisy), strategy, trial),
        );
        expect(runLegitTrial(compiledWith(noisy), strategy, trial)).toEqual(
          runLegitTrial(compiledWith(noisy), strategy, trial),
        );
      }
    },
  );

  it('does not depend on which trials ran before', () => {
    const compiled = compiledWith(noisy);
    const alone = runAttackTrial(compiled, 'random-digit', 17);
    for (let trial = 0; trial < 17; trial++) runAttackTrial(compiled, 'random-digit', trial);
    expect(runAttackTrial(compiled, 'random-digit', 17)).toEqual(alone);
  });

  it('gives different indices, kinds and strategies their own draws', () => {
    const compiled = compiledWith(noisy);
    const starts = Array.from(
      { length: 20 },
      (_, i) => runLegitTrial(compiled, 'naive', i).call.trialEpochMs,
    );
    expect(new Set(starts).size).toBe(20);
    const codes = Array.from(
      { length: 20 },
      (_, i) => runAttackTrial(compiled, 'naive', i).calls[0]!.code,
    );
    expect(new Set(codes).size).toBeGreaterThan(15);
    expect(runAttackTrial(compiled, 'naive', 3).calls[0]!.trialEpochMs).not.toBe(
      runLegitTrial(compiled, 'naive', 3).call.trialEpochMs,
    );
    expect(runAttackTrial(compiled, 'naive', 3).calls[0]!.trialEpochMs).not.toBe(
      runAttackTrial(compiled, 'amd', 3).calls[0]!.trialEpochMs,
    );
  });

  it('changes with the scenario seed', () => {
    const a = runAttackTrial(compiledWith({ ...noisy, seed: 1 }), 'naive', 0);
    const b = runAttackTrial(compiledWith({ ...noisy, seed: 2 }), 'naive', 0);
    expect(a.calls[0]!.trialEpochMs).not.toBe(b.calls[0]!.trialEpochMs);
  });
});

describe('the key a call asks for', () => {
  it('is none for the flows that ask for no key, fixed for static-prompt, drawn for random-digit', () => {
    const compiled = compiledWith({});
    expect(runLegitTrial(compiled, 'naive', 0).call.call.expectedDigit).toBeNull();
    expect(runLegitTrial(compiled, 'amd', 0).call.call.expectedDigit).toBeNull();
    expect(runLegitTrial(compiled, 'static-prompt', 0).call.call.expectedDigit).toBe('1');
    expect(runLegitTrial(compiled, 'random-digit', 0).call.call.expectedDigit).toMatch(/^[0-9]$/);
  });
});
