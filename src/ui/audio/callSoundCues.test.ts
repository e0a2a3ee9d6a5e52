import { describe, expect, it } from 'vitest';
import { callTrace } from '../../sim/callTrace.ts';
import { replayTrial } from '../../sim/replay.ts';
import { compiledWith } from '../../sim/testing/scenarioWith.ts';
import { BEEP_HZ, callSoundCues, RINGBACK_HZ, speechWithoutSynthesis } from './callSoundCues.ts';

/** The box picks up at 25 s: "Hi" 25-25.8 s, silence, ten "1" tones from 26.8 s, beep 28.8-29.3 s. */
const compiled = compiledWith({
  voicemail: {
    greeting: [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
    ],
  },
  attacker: { attempts: 1 },
});
const trace = callTrace(replayTrial(compiled, 'static-prompt', 'attack', 0), 0);
const cues = callSoundCues(trace);

describe('callSoundCues', () => {
  it('rings back 2 s in every 6 s until the box answers', () => {
    const ringback = cues.filter((c) => c.kind === 'tone' && c.what === 'ringback');
    expect(ringback.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 2_000],
      [6_000, 8_000],
      [12_000, 14_000],
      [18_000, 20_000],
      [24_000, 25_000],
    ]);
    expect(ringback[0]).toMatchObject({ frequenciesHz: RINGBACK_HZ });
  });

  it("sounds the greeting's speech as a murmur and its keys as DTMF pairs, then the beep", () => {
    expect(cues.filter((c) => c.kind === 'murmur')).toEqual([
      { kind: 'murmur', startMs: 25_000, endMs: 25_800 },
    ]);
    const dtmf = cues.filter((c) => c.kind === 'tone' && c.what === 'dtmf');
    expect(dtmf).toHaveLength(10);
    expect(dtmf[0]).toMatchObject({ startMs: 26_800, endMs: 26_920, frequenciesHz: [697, 1209] });
    expect(cues).toContainEqual({
      kind: 'tone',
      startMs: 28_800,
      endMs: 29_300,
      frequenciesHz: [BEEP_HZ],
      what: 'beep',
    });
  });

  it('speaks the prompt, cut short by the tone, and each readout of the code', () => {
    const speech = cues.filter((c) => c.kind === 'speech');
    expect(speech[0]).toEqual({
      kind: 'speech',
      startMs: 25_000,
      endMs: 26_840,
      text: 'Press 1 to hear your code.',
      cutShort: true,
    });
    expect(speech.slice(1).map((c) => c.kind === 'speech' && c.text)).toEqual(
      Array(3).fill(`Your code is ${trace.code!.split('').join(' ')}.`),
    );
  });

  it('keeps the cues in time order', () => {
    const starts = cues.map((c) => c.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('speechWithoutSynthesis', () => {
  it('turns a readout into a murmur and one pip per digit inside its span, pitched by digit', () => {
    const sounds = speechWithoutSynthesis({
      kind: 'speech',
      startMs: 0,
      endMs: 7_000,
      text: 'Your code is 1 2 3 4 5 6.',
      cutShort: false,
    });
    expect(sounds[0]).toEqual({ kind: 'murmur', startMs: 0, endMs: 1_000 });
    const pips = sounds.slice(1);
    expect(pips).toHaveLength(6);
    expect(pips.map((p) => p.startMs)).toEqual([940, 1_940, 2_940, 3_940, 4_940, 5_940]);
    expect(pips.map((p) => p.kind === 'tone' && p.frequenciesHz[0])).toEqual([
      550, 600, 650, 700, 750, 800,
    ]);
  });
});
