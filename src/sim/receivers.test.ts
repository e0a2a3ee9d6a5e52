import { describe, expect, it } from 'vitest';
import { renderTimeline } from '../audio/index.ts';
import { createRng } from '../core/rng.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { ScenarioError, type ScenarioInput } from '../scenario/index.ts';
import { compileScenario } from './compile.ts';
import { scenarioWith } from './testing/scenarioWith.ts';
import { runAttackTrial, runLegitTrial } from './trial.ts';

const ATTACK_GREETING = [
  { speech: 0.8 },
  { silence: 1 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3 },
] as const;

function compiledAt(fidelity: 'event' | 'signal', overrides: ScenarioInput = {}) {
  return compileScenario(scenarioWith({ ...overrides, fidelity }));
}

const greetingWith = (greeting: NonNullable<ScenarioInput['voicemail']>['greeting']) => ({
  voicemail: { greeting },
});

describe('receivers: the DTMF receiver and app_amd at event and signal level', () => {
  it('hear the same keys, at about the same moments, in a clean greeting', () => {
    const event = compiledAt('event', greetingWith([...ATTACK_GREETING]));
    const signal = compiledAt('signal', greetingWith([...ATTACK_GREETING]));
    const eventKeys = event.receivers(createRng(1)).greetingKeys();
    for (const seed of [1, 2, 3]) {
      const signalKeys = signal.receivers(createRng(seed)).greetingKeys();
      expect(signalKeys.map((k) => k.digit)).toEqual(eventKeys.map((k) => k.digit));
      signalKeys.forEach((key, i) =>
        expect(Math.abs(key.startMs - eventKeys[i]!.startMs)).toBeLessThanOrEqual(25),
      );
    }
  });

  it('reach the same AMD verdict on the attacker\'s "Hello?" and on a carrier greeting', () => {
    for (const greeting of [[...ATTACK_GREETING], [{ speech: 6 }, { silence: 0.5 }]]) {
      const event = compiledAt('event', greetingWith(greeting)).receivers(createRng(1));
      const signal = compiledAt('signal', greetingWith(greeting)).receivers(createRng(4));
      const [e, s] = [event.greetingAmd(), signal.greetingAmd()];
      expect([s.verdict, s.cause]).toEqual([e.verdict, e.cause]);
      expect(Math.abs(s.decisionMs - e.decisionMs)).toBeLessThanOrEqual(40);
    }
  });

  it('miss at signal level what the symbols say but the sound does not carry', () => {
    const quiet = [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3, levelDbfs: -50 }];
    const twisted = [{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3, twistDb: 14 }];
    for (const greeting of [quiet, twisted]) {
      expect(
        compiledAt('event', greetingWith(greeting)).receivers(createRng(1)).greetingKeys(),
      ).toHaveLength(3);
      expect(
        compiledAt('signal', greetingWith(greeting)).receivers(createRng(1)).greetingKeys(),
      ).toEqual([]);
    }
    // A line as loud as the voice: the receiver hears no clean tone.
    const noisy = compiledAt('signal', {
      ...greetingWith([{ dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3 }]),
      signal: { snrDb: 0, toneLevelDbfs: -30 },
    });
    expect(noisy.receivers(createRng(1)).greetingKeys()).toEqual([]);
  });

  it("hear the person's key when it is held long enough, and miss a 20 ms tap", () => {
    const held = compiledAt('signal', { signal: { keyToneSeconds: 0.1 } });
    const tapped = compiledAt('signal', { signal: { keyToneSeconds: 0.02 } });
    for (const seed of [1, 2, 3]) {
      const press = held.receivers(createRng(seed)).personKey('7');
      expect(press.toneMs).toBe(100);
      expect(press.heard?.digit).toBe('7');
      expect(press.heard!.startMs).toBeLessThanOrEqual(25);
      expect(tapped.receivers(createRng(seed)).personKey('7')).toEqual({ toneMs: 20, heard: null });
    }
    expect(
      compiledAt('event', { signal: { keyToneSeconds: 0.02 } })
        .receivers(createRng(1))
        .personKey('7'),
    ).toEqual({ toneMs: 120, heard: { digit: '7', startMs: 0 } });
  });

  it('take a person\'s short "Hello?" for a human at either level', () => {
    const voiced = [{ startMs: 300, endMs: 900 }];
    const event = compiledAt('event').receivers(createRng(1)).personAmd(voiced);
    const signal = compiledAt('signal').receivers(createRng(1)).personAmd(voiced);
    expect(event.verdict).toBe('HUMAN');
    expect([signal.verdict, signal.cause]).toEqual([event.verdict, event.cause]);
    expect(Math.abs(signal.decisionMs - event.decisionMs)).toBeLessThanOrEqual(40);
  });
});

describe('signal-level trials', () => {
  const overrides: ScenarioInput = {
    ...greetingWith([...ATTACK_GREETING]),
    attacker: { victimAnswerProbability: 0.3 },
    person: { answerDelaySeconds: { uniform: [2, 30] } },
  };

  it('draw the circumstances of the event-level trial with the same index', () => {
    const event = compiledAt('event', overrides);
    const signal = compiledAt('signal', overrides);
    for (let i = 0; i < 12; i++) {
      const [e, s] = [
        runAttackTrial(event, 'static-prompt', i),
        runAttackTrial(signal, 'static-prompt', i),
      ];
      expect(s.calls.map((c) => [c.call.answeredBy, c.call.answeredAtMs, c.code])).toEqual(
        e.calls.map((c) => [c.call.answeredBy, c.call.answeredAtMs, c.code]),
      );
      expect(s.campaignIntercepted).toBe(e.campaignIntercepted);
    }
  });

  it('replay alone exactly as they ran in sequence', () => {
    const signal = compiledAt('signal', overrides);
    const inSequence = [0, 1, 2, 3].map((i) => runLegitTrial(signal, 'amd', i));
    expect(runLegitTrial(compiledAt('signal', overrides), 'amd', 3)).toEqual(inSequence[3]);
  });
});

describe('audio-file greetings', () => {
  const recorded = renderTimeline(greetingTimeline([...ATTACK_GREETING]), {
    rng: createRng(9),
    beepMs: 0,
    snrDb: 50,
  });

  it('are heard at event level as the keys and voice found in the file', () => {
    const scenario = scenarioWith({
      ...greetingWith([{ audio: 'greetings/attacker.wav' }, { silence: 0.5 }]),
    });
    const compiled = compileScenario(scenario, { 'greetings/attacker.wav': recorded });
    const { greeting, amdVerdict } = compiled.voicemail;
    expect(greeting.tones.map((t) => t.digit)).toEqual(['1', '1', '1']);
    expect(greeting.endMs).toBe(Math.round(recorded.length / 8) + 500);
    expect(amdVerdict.verdict).toBe('HUMAN');
    expect(compiled.voicemail.recordings).toEqual([
      { path: 'greetings/attacker.wav', startMs: 0, samples: recorded },
    ]);
  });

  it('play the recording itself at signal level', () => {
    const scenario = scenarioWith({
      ...greetingWith([{ speech: 1 }, { audio: 'a.wav' }]),
      fidelity: 'signal',
    });
    const keys = compileScenario(scenario, { 'a.wav': recorded })
      .receivers(createRng(2))
      .greetingKeys();
    expect(keys.map((k) => k.digit)).toEqual(['1', '1', '1']);
    expect(Math.abs(keys[0]!.startMs - 2800)).toBeLessThanOrEqual(25);
  });

  it('name the segment whose file was not loaded', () => {
    const scenario = scenarioWith(greetingWith([{ speech: 1 }, { audio: 'missing.wav' }]));
    expect(() => compileScenario(scenario)).toThrow(ScenarioError);
    expect(() => compileScenario(scenario)).toThrow(/\$\.voicemail\.greeting\[1\]\.audio/);
  });
});

describe("receivers: signal-level renders held to the format's bounds", () => {
  it('hold a lognormal key press to the 10 s bound on keyToneSeconds', () => {
    const compiled = compiledAt('signal', {
      signal: { keyToneSeconds: { lognormal: { median: 10, sigma: 2 } } },
    });
    const lengths = Array.from(
      { length: 20 },
      (_, seed) => compiled.receivers(createRng(seed)).personKey('5').toneMs,
    );
    expect(Math.max(...lengths)).toBe(10_000);
    expect(Math.min(...lengths)).toBeLessThan(10_000);
  });

  it("render a person's endless hello only as far as app_amd listens", () => {
    const receivers = compiledAt('signal').receivers(createRng(1));
    // A day of speech from 0.3 s: 691 million samples if rendered in full.
    const verdict = receivers.personAmd([{ startMs: 300, endMs: 86_400_000 }]);
    expect(verdict.verdict).toBe('MACHINE');
  });
});
