import { describe, expect, it } from 'vitest';
import type { ScenarioInput, StrategyId } from '../scenario/index.ts';
import { callTrace } from './callTrace.ts';
import { replayTrial } from './replay.ts';
import { compiledWith } from './testing/scenarioWith.ts';
import type { TrialKind } from './trialKeys.ts';

/**
 * Durations are fixed (see scenarioWith): the person answers at 6 s, prompts last 3 s, readouts
 * 4 s, the person reacts in 1 s, the box picks up at 25 s, the attacker types 30 s after the call.
 */
function trace(strategy: StrategyId, kind: TrialKind, overrides: ScenarioInput = {}) {
  const compiled = compiledWith({ ...overrides, attacker: { attempts: 1, ...overrides.attacker } });
  return callTrace(replayTrial(compiled, strategy, kind, 0), 0);
}

/** "Hi" (0.8 s), 1 s of silence, then ten "1" tones, 120 ms on, 80 ms off: tones 26.8 s to 28.8 s. */
const DTMF_1_BOX: ScenarioInput = {
  voicemail: {
    greeting: [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ],
  },
};

const spans = (items: readonly { startMs: number; endMs: number }[]) =>
  items.map((i) => [i.startMs, i.endMs]);

describe('callTrace: a "press 1" call answered by a greeting that plays the tone', () => {
  const t = trace('static-prompt', 'attack', DTMF_1_BOX);

  it('gives each flow state its span, the last one running to the typed code', () => {
    expect(t.flowStates.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['ringing', 0, 25_000],
      ['prompting', 25_000, 26_840],
      ['reading', 26_840, 38_840],
      ['ended', 38_840, 68_840],
    ]);
    expect(t.spanMs).toBe(68_840);
  });

  it('lays the greeting from the pickup, with the beep and the recording window after it', () => {
    expect(t.greeting.map((g) => [g.kind, g.startMs, g.endMs])).toEqual([
      ['speech', 25_000, 25_800],
      ['silence', 25_800, 26_800],
      ['dtmf', 26_800, 28_800],
    ]);
    expect(t.beep).toEqual({ startMs: 28_800, endMs: 29_300 });
    expect(t.recording).toEqual({ startMs: 29_300, endMs: 38_840 });
    expect(t.line).toEqual([
      { phase: 'ringing', startMs: 0, endMs: 25_000 },
      { phase: 'connected', startMs: 25_000, endMs: 38_840 },
    ]);
  });

  it('cuts the prompt short where the first tone is reported (barge-in)', () => {
    expect(t.prompts).toEqual([
      { digit: '1', reason: 'first', startMs: 25_000, endMs: 26_840, cutShort: true },
    ]);
  });

  it('matches every greeting tone to its key report, dtmfDetectMs after the tone starts', () => {
    expect(t.tones).toHaveLength(10);
    expect(t.tones[0]).toEqual({
      digit: '1',
      from: 'voicemail',
      startMs: 26_800,
      endMs: 26_920,
      reportedAtMs: 26_840,
    });
    expect(t.tones.every((tone) => tone.reportedAtMs === tone.startMs + 40)).toBe(true);
  });

  it('marks the readouts wholly after the beep as recorded', () => {
    expect(t.readouts.map((r) => [r.number, r.startMs, r.endMs, r.recorded])).toEqual([
      [1, 26_840, 30_840, false],
      [2, 30_840, 34_840, true],
      [3, 34_840, 38_840, true],
    ]);
  });

  it("shows the attacker's retrieval and accepted submission in call time", () => {
    expect(t.submission).toEqual({
      by: 'attacker',
      code: t.code,
      atMs: 68_840,
      accepted: true,
      lead: { startMs: 38_840, endMs: 68_840 },
    });
    expect(t.events.at(-1)).toEqual({
      atMs: 68_840,
      lane: 'attacker',
      event: {
        type: 'code-submitted',
        atMs: 68_840,
        by: 'attacker',
        code: t.code,
        accepted: true,
      },
    });
  });

  it('lists every event in time order with its lane, the beep included', () => {
    const times = t.events.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(t.events).toContainEqual({
      atMs: 28_800,
      lane: 'voicemail',
      event: { type: 'beep', atMs: 28_800, endMs: 29_300 },
    });
    // Each of the ten tones as played, and as the receiver reported it.
    expect(t.events.filter((e) => e.event.type === 'key-tone')).toHaveLength(10);
    expect(t.events.filter((e) => e.event.type === 'key-reported')).toHaveLength(10);
    expect(t.events.filter((e) => e.lane === 'readout').length).toBeGreaterThan(0);
  });
});

describe('callTrace: other calls', () => {
  it('follows the owner through a naive call to the code they type', () => {
    const t = trace('naive', 'legit');
    expect(t.personOnLine).toEqual({ startMs: 6_000, endMs: 18_000 });
    // Their own "Hello?": 0.3 s after picking up, 0.6 s long.
    expect(t.personHello).toEqual({ startMs: 6_300, endMs: 6_900 });
    expect(t.greeting).toEqual([]);
    expect(t.recording).toBeNull();
    expect(t.readouts.every((r) => r.heardByPerson && !r.recorded)).toBe(true);
    expect(t.submission).toMatchObject({
      by: 'owner',
      atMs: 18_000,
      accepted: true,
      lead: { startMs: 10_000, endMs: 18_000 },
    });
  });

  it("draws the person's key press from its start, dtmfDetectMs before the service hears it", () => {
    const t = trace('static-prompt', 'legit');
    expect(t.prompts).toEqual([
      { digit: '1', reason: 'first', startMs: 6_000, endMs: 9_000, cutShort: false },
    ]);
    expect(t.tones).toEqual([
      { digit: '1', from: 'person', startMs: 10_000, endMs: 10_120, reportedAtMs: 10_040 },
    ]);
  });

  it('leaves a tone shorter than the detector needs unreported, and shows both prompts', () => {
    const t = trace('static-prompt', 'attack', {
      voicemail: { greeting: [{ dtmf: '1', toneMs: 30, gapMs: 80 }] },
    });
    expect(t.tones).toEqual([
      { digit: '1', from: 'voicemail', startMs: 25_000, endMs: 25_030, reportedAtMs: null },
    ]);
    expect(spans(t.prompts)).toEqual([
      [25_000, 28_000],
      [33_000, 36_000],
    ]);
    expect(t.hangupReason).toBe('no-input');
    expect(t.submission).toBeNull();
  });

  it('spans AMD from the answer to its verdict, and reads the code to a HUMAN after it', () => {
    const t = trace('amd', 'legit');
    expect(t.amd).toMatchObject({ startMs: 6_000, verdict: 'HUMAN' });
    expect(t.readouts[0]!.startMs).toBe(t.amd!.endMs);
  });

  it('rings out a call nobody answers, with no greeting', () => {
    const t = trace('naive', 'attack', { voicemail: { enabled: false } });
    expect(t.line).toEqual([{ phase: 'ringing', startMs: 0, endMs: 60_000 }]);
    expect(t.greeting).toEqual([]);
    expect(t.beep).toBeNull();
    expect(t.answeredBy).toBe('nobody');
  });

  it('numbers the calls of a campaign and refuses a call index out of range', () => {
    const compiled = compiledWith({ voicemail: { enabled: false }, attacker: { attempts: 3 } });
    const replay = replayTrial(compiled, 'naive', 'attack', 0);
    const third = callTrace(replay, 2);
    expect([third.callNumber, third.callCount, third.placedAtMs]).toEqual([3, 3, 180_000]);
    expect(() => callTrace(replay, 3)).toThrow(/indices 0 to 2/);
  });
});

describe('callTrace: a random digit that re-asks after a wrong key (wrongKeyRetries 2)', () => {
  /** "Hi" (0.5 s), then the keys 0 to 9 once: reported 25.54 s, 25.74 s, 25.94 s, … */
  const everyDigitAsked = (digit: string) =>
    trace('random-digit', 'attack', {
      service: { promptDigits: digit, wrongKeyRetries: 2 },
      voicemail: {
        greeting: [{ speech: 0.5 }, { dtmf: '0123456789', toneMs: 120, gapMs: 80 }],
      },
    });
  const cutShortPrompts = [
    { digit: '2', reason: 'first', startMs: 25_000, endMs: 25_540, cutShort: true },
    { digit: '2', reason: 'wrong-key', startMs: 25_540, endMs: 25_740, cutShort: true },
    { digit: '2', reason: 'wrong-key', startMs: 25_740, endMs: 25_940, cutShort: true },
  ];

  it('re-asks for the same key at each wrong key, each re-ask cut short by the next key', () => {
    const t = everyDigitAsked('2');
    expect(t.prompts).toEqual(cutShortPrompts);
    expect(t.flowStates.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['ringing', 0, 25_000],
      ['prompting', 25_000, 25_540],
      ['reasking', 25_540, 25_940],
      ['reading', 25_940, 37_940],
      ['ended', 37_940, t.spanMs],
    ]);
    expect(t.hangupReason).toBe('done');
  });

  it('hangs up as wrong-digit on the third wrong key, when no re-ask is left', () => {
    const t = everyDigitAsked('9');
    expect(t.prompts).toEqual(cutShortPrompts.map((p) => ({ ...p, digit: '9' })));
    expect(t.hangupReason).toBe('wrong-digit');
    expect(t.endMs).toBe(25_940);
    expect(t.readouts).toEqual([]);
  });
});
