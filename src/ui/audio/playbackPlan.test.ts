import { describe, expect, it } from 'vitest';
import { dbfsToAmplitude } from '../../audio/index.ts';
import { callSoundCues, callSoundSettings, type SpeechCue } from '../../sim/callSound.ts';
import { dtmfOneBoxCall } from '../../sim/testing/dtmfOneBox.ts';
import { playbackPlan, speechWithoutSynthesis } from './playbackPlan.ts';

/** The box picks up at 25 s: "Hi" 25-25.8 s, silence, ten "1" tones from 26.8 s, beep 28.8-29.3 s. */
const { compiled, trace } = dtmfOneBoxCall();
const cues = callSoundCues(trace, callSoundSettings(compiled));
const span = (s: { startMs: number; endMs: number }) => [s.startMs, s.endMs];

describe('playbackPlan', () => {
  it('sounds every cue of the call at its own span: tones at their sines, words spoken', () => {
    const plan = playbackPlan(cues, true);
    expect(plan.sounds.length + plan.utterances.length).toBe(cues.length);
    const tones = cues.filter((c) => c.kind === 'tone');
    expect(plan.sounds.filter((s) => s.kind === 'tone')).toEqual(
      tones.map((c) => ({
        kind: 'tone',
        startMs: c.startMs,
        endMs: c.endMs,
        frequenciesHz: c.sines.map((s) => s.hz),
        amplitude: c.sines.reduce((sum, s) => sum + dbfsToAmplitude(s.levelDbfs), 0),
      })),
    );
    const said = cues.filter((c): c is SpeechCue => c.kind === 'speech' && c.text !== null);
    expect(plan.utterances).toEqual(
      said.map((c) => ({
        speaker: c.speaker,
        startMs: c.startMs,
        endMs: c.endMs,
        text: c.text,
        cutShort: c.cutShort,
      })),
    );
    expect(plan.sounds.filter((s) => s.kind === 'murmur')).toEqual([
      { kind: 'murmur', startMs: 25_000, endMs: 25_800, rms: dbfsToAmplitude(-20) / Math.SQRT2 },
    ]);
  });

  it('without a voice, sounds each spoken cue as a murmur from its start, pips inside it', () => {
    const plan = playbackPlan(cues, false);
    expect(plan.utterances).toEqual([]);
    const said = cues.filter((c): c is SpeechCue => c.kind === 'speech' && c.text !== null);
    for (const cue of said) {
      const own = plan.sounds.filter((s) => s.startMs >= cue.startMs && s.endMs <= cue.endMs);
      expect(own).toContainEqual(expect.objectContaining({ kind: 'murmur', startMs: cue.startMs }));
    }
  });
});

describe('speechWithoutSynthesis', () => {
  it('turns a readout into a murmur and one pip per digit inside its span, pitched by digit', () => {
    const cue: SpeechCue = {
      kind: 'speech',
      speaker: 'service',
      startMs: 0,
      endMs: 7_000,
      text: 'Your verification code is: 1 2 3 4 5 6.',
      levelDbfs: -17,
      cutShort: false,
    };
    const sounds = speechWithoutSynthesis(cue);
    expect(sounds[0]).toEqual({
      kind: 'murmur',
      startMs: 0,
      endMs: 1_000,
      rms: dbfsToAmplitude(-17) / Math.SQRT2,
    });
    const pips = sounds.slice(1);
    expect(pips.map(span)).toEqual(
      [940, 1_940, 2_940, 3_940, 4_940, 5_940].map((t) => [t, t + 120]),
    );
    expect(pips.map((p) => p.kind === 'tone' && p.frequenciesHz[0])).toEqual([
      550, 600, 650, 700, 750, 800,
    ]);
  });
});
