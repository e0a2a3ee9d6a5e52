import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { renderTimeline } from '../audio/index.ts';
import {
  callSoundCues,
  callSoundSettings,
  type CallSoundCue,
  type SpeechCue,
  type ToneCue,
} from './callSound.ts';
import { callTrace } from './callTrace.ts';
import { compileScenario } from './compile.ts';
import { replayTrial } from './replay.ts';
import { dtmfOneBoxCall } from './testing/dtmfOneBox.ts';
import { compiledWith, scenarioWith } from './testing/scenarioWith.ts';

const spans = (cues: readonly CallSoundCue[]) => cues.map((c) => [c.startMs, c.endMs]);

describe('callSoundCues of a voicemail call', () => {
  /** The box picks up at 25 s: "Hi" 25-25.8 s, silence, ten "1" tones from 26.8 s, beep 28.8-29.3 s. */
  const { compiled, trace } = dtmfOneBoxCall();
  const cues = callSoundCues(trace, callSoundSettings(compiled));
  const tones = (what: string) => cues.filter((c) => c.kind === 'tone' && c.what === what);

  it('rings back 440 + 480 Hz at -19 dBFS, 2 s in every 6 s, until the box answers', () => {
    const ringback = tones('ringback');
    expect(spans(ringback)).toEqual([
      [0, 2_000],
      [6_000, 8_000],
      [12_000, 14_000],
      [18_000, 20_000],
      [24_000, 25_000],
    ]);
    expect(ringback[0]).toMatchObject({
      key: null,
      sines: [
        { hz: 440, levelDbfs: -19 },
        { hz: 480, levelDbfs: -19 },
      ],
    });
  });

  it("has the greeting's speech, its keys as Q.23 pairs at the line's tone level, then the beep", () => {
    expect(cues.filter((c) => c.kind === 'speech' && c.speaker === 'greeting')).toEqual([
      {
        kind: 'speech',
        speaker: 'greeting',
        startMs: 25_000,
        endMs: 25_800,
        text: null,
        levelDbfs: -20,
        cutShort: false,
      },
    ]);
    const dtmf = tones('dtmf');
    expect(dtmf).toHaveLength(10);
    expect(dtmf[0]).toEqual({
      kind: 'tone',
      what: 'dtmf',
      key: '1',
      startMs: 26_800,
      endMs: 26_920,
      sines: [
        { hz: 697, levelDbfs: -10 },
        { hz: 1209, levelDbfs: -10 },
      ],
    });
    expect(tones('beep')).toEqual([
      {
        kind: 'tone',
        what: 'beep',
        key: null,
        startMs: 28_800,
        endMs: 29_300,
        sines: [{ hz: 1000, levelDbfs: -10 }],
      },
    ]);
  });

  it('says the prompt, cut short by the tone, and each readout of the code, 3 dB above the callee', () => {
    const service = cues.filter((c) => c.kind === 'speech' && c.speaker === 'service');
    expect(service[0]).toEqual({
      kind: 'speech',
      speaker: 'service',
      startMs: 25_000,
      endMs: 26_840,
      text: 'Press 1 to hear your code.',
      levelDbfs: -17,
      cutShort: true,
    });
    const digits = trace.code!.split('').join(' ');
    expect(service.slice(1).map((c) => c.kind === 'speech' && c.text)).toEqual(
      Array(3).fill(`Your verification code is: ${digits}.`),
    );
    expect(spans(service.slice(1))).toEqual(trace.readouts.map((r) => [r.startMs, r.endMs]));
  });

  it('keeps the cues in time order, each inside the call', () => {
    const starts = cues.map((c) => c.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const cue of cues) {
      expect(cue.endMs).toBeGreaterThan(cue.startMs);
      expect(cue.endMs).toBeLessThanOrEqual(trace.endMs);
    }
  });
});

describe('callSoundCues of an owner’s call', () => {
  const compiled = compiledWith({});
  const trace = callTrace(replayTrial(compiled, 'random-digit', 'legit', 0), 0);
  const cues = callSoundCues(trace, callSoundSettings(compiled));

  it('has the person’s hello and key press, and no box', () => {
    expect(cues).toContainEqual({
      kind: 'speech',
      speaker: 'person',
      startMs: 6_300,
      endMs: 6_900,
      text: 'Hello?',
      levelDbfs: -20,
      cutShort: false,
    });
    const keys = cues.filter((c) => c.kind === 'tone' && c.what === 'dtmf');
    expect(keys).toEqual([expect.objectContaining({ key: trace.expectedDigit, startMs: 10_000 })]);
    expect(cues.some((c) => c.kind === 'speech' && c.speaker === 'greeting')).toBe(false);
    expect(cues.some((c) => c.kind === 'tone' && c.what === 'beep')).toBe(false);
  });

  it('takes the tone level and twist from the line: a positive twist lowers the column tone', () => {
    const levels = { speechLevelDbfs: -30, toneLevelDbfs: -6, twistDb: 4, snrDb: 30 };
    const [key] = callSoundCues(trace, { levels, recordings: [] }).filter(
      (c) => c.kind === 'tone' && c.what === 'dtmf',
    );
    expect(key).toMatchObject({
      sines: [
        { hz: 852, levelDbfs: -6 },
        { hz: 1209, levelDbfs: -10 },
      ],
    });
  });
});

describe('callSoundCues with a recorded greeting', () => {
  /** 0.6 s of speech, 0.4 s of silence and two "1" keys: 1.4 s, played after 0.5 s of speech. */
  const samples = renderTimeline(
    greetingTimeline([
      { speech: 0.6 },
      { silence: 0.4 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 2 },
    ]),
    { rng: createRng(5), beepMs: 0, snrDb: null },
  );
  const compiled = compileScenario(
    scenarioWith({
      voicemail: { greeting: [{ speech: 0.5 }, { audio: 'hello.wav' }, { silence: 1 }] },
    }),
    { 'hello.wav': samples },
  );
  const trace = callTrace(replayTrial(compiled, 'static-prompt', 'attack', 0), 0);
  const cues = callSoundCues(trace, callSoundSettings(compiled));

  it('plays the recording as itself, in place of the speech and keys found in it', () => {
    expect(trace.tones.filter((t) => t.from === 'voicemail')).toHaveLength(2);
    expect(cues.filter((c) => c.kind === 'recording')).toEqual([
      { kind: 'recording', path: 'hello.wav', samples, startMs: 25_500, endMs: 26_900 },
    ]);
    expect(cues.filter((c) => c.kind === 'tone' && c.what === 'dtmf')).toEqual([]);
    expect(spans(cues.filter((c) => c.kind === 'speech' && c.speaker === 'greeting'))).toEqual([
      [25_000, 25_500],
    ]);
  });
});

describe('callSoundCues of a TwiML call', () => {
  const compiled = compiledWith({
    flows: {
      mine: {
        twiml:
          '<Response><Play digits="1w2"/><Pause/><Say>Your code is {{Code}}</Say><Play>https://x.test/a.mp3</Play></Response>',
        media: { 'https://x.test/a.mp3': 2 },
      },
    },
    strategies: ['mine'],
  });
  const replay = replayTrial(compiled, 'mine', 'legit', 0);
  const trace = callTrace(replay, 0);
  const service = callSoundCues(trace, callSoundSettings(compiled)).filter(
    (c): c is SpeechCue | ToneCue =>
      (c.kind === 'speech' && c.speaker === 'service') || (c.kind === 'tone' && c.key !== null),
  );

  it('voices each Say whole (its readouts inside it), plays its keys, and talks through media', () => {
    const answered = trace.answeredAtMs!;
    // 1: 0–100 ms, w 0.5 s, 2: 600–700 ms; then a 1 s pause; the Say (9 words, 3 s); media 2 s.
    expect(
      service.map((c) => [
        c.kind,
        c.kind === 'tone' ? c.key : c.text,
        c.startMs - answered,
        c.endMs - answered,
      ]),
    ).toEqual([
      ['tone', '1', 0, 100],
      ['tone', '2', 600, 700],
      ['speech', `Your code is ${trace.code}`, 1700, 4700],
      ['speech', null, 4700, 6700],
    ]);
  });
});
