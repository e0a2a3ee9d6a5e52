import { describe, expect, it } from 'vitest';
import {
  dbfsToAmplitude,
  detectDtmf,
  lineNoiseRms,
  meanPower,
  msToSamples,
  renderTimeline,
} from '../audio/index.ts';
import { createRng } from '../core/rng.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { callSoundCues, callSoundSettings, type CallSoundCue } from './callSound.ts';
import { callTrace } from './callTrace.ts';
import { compileScenario } from './compile.ts';
import { renderCallAudio, renderCallSound } from './renderCallAudio.ts';
import { replayTrial } from './replay.ts';
import { compiledWith, scenarioWith } from './testing/scenarioWith.ts';

describe('renderCallAudio', () => {
  it("renders a voicemail call with the greeting's keys where the trace has them", () => {
    const compiled = compiledWith({
      voicemail: {
        greeting: [
          { speech: 0.8 },
          { silence: 1 },
          { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 2 },
        ],
      },
    });
    const trace = callTrace(replayTrial(compiled, 'static-prompt', 'attack', 0), 0);
    expect(trace.answeredBy).toBe('voicemail');
    const audio = renderCallAudio(trace, compiled);
    expect(audio).toHaveLength(msToSamples(trace.endMs));
    const keys = detectDtmf(audio);
    const greetingKeys = trace.tones.filter((t) => t.from === 'voicemail');
    expect(keys.map((k) => k.digit)).toEqual(greetingKeys.map((t) => t.digit));
    keys.forEach((key, i) =>
      expect(Math.abs(key.startMs - greetingKeys[i]!.startMs)).toBeLessThanOrEqual(25),
    );
  });

  it("renders the person's key press in an owner's call, and is the same for the same seed", () => {
    const compiled = compiledWith({});
    const trace = callTrace(replayTrial(compiled, 'random-digit', 'legit', 0), 0);
    expect(trace.answeredBy).toBe('person');
    const audio = renderCallAudio(trace, compiled, { seed: 3 });
    expect(detectDtmf(audio).map((k) => k.digit)).toEqual([trace.expectedDigit]);
    expect(renderCallAudio(trace, compiled, { seed: 3 })).toEqual(audio);
  });
});

describe('renderCallAudio plays the call’s sound cues', () => {
  /** A recorded "Hello?" (0.6 s of speech, 0.4 s of silence, two "1" keys) after 0.5 s of speech. */
  const recorded = renderTimeline(
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
      attacker: { attempts: 1 },
    }),
    { 'hello.wav': recorded },
  );
  const trace = callTrace(replayTrial(compiled, 'static-prompt', 'attack', 0), 0);
  const settings = callSoundSettings(compiled);
  const cues = callSoundCues(trace, settings);
  const options = {
    durationMs: trace.endMs,
    noise: settings.levels,
    seed: 3,
    callNumber: trace.callNumber,
  };
  const audio = renderCallAudio(trace, compiled, { seed: 3 });
  /** What one cue adds to the call: the call rendered without it, subtracted. */
  const soundOf = (cue: CallSoundCue) => {
    const without = renderCallSound(
      cues.filter((c) => c !== cue),
      options,
    );
    return audio.map((x, n) => x - without[n]!);
  };
  /** The samples [first, last + 1) that are not silent, and the loudest of them. */
  const sounding = (samples: Float32Array) => {
    let first = -1;
    let last = -1;
    let peak = 0;
    samples.forEach((x, n) => {
      if (x === 0) return;
      if (first < 0) first = n;
      last = n;
      peak = Math.max(peak, Math.abs(x));
    });
    return { from: first, to: last + 1, peak };
  };

  it('renders the same cue list the Replay player plays', () => {
    expect(cues.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['tone', 'speech', 'recording']),
    );
    const again = renderCallSound(cues, options);
    expect(again.length).toBe(audio.length);
    expect(again.findIndex((x, n) => x !== audio[n])).toBe(-1);
  });

  it('sounds each tone within its cue only, as the sum of its sines', () => {
    for (const what of ['ringback', 'beep'] as const) {
      const cue = cues.find((c) => c.kind === 'tone' && c.what === what)!;
      if (cue.kind !== 'tone') throw new Error('not a tone');
      const { from, to, peak } = sounding(soundOf(cue));
      // A sine starts at 0: the tone's first sample is silent.
      expect([from, to]).toEqual([msToSamples(cue.startMs) + 1, msToSamples(cue.endMs)]);
      const sinesPeak = cue.sines.reduce((sum, s) => sum + dbfsToAmplitude(s.levelDbfs), 0);
      expect(peak).toBeLessThanOrEqual(sinesPeak * 1.0001);
      expect(peak).toBeGreaterThan(sinesPeak * 0.95);
    }
  });

  it('plays the recording as itself, from its cue’s start to its end', () => {
    const cue = cues.find((c) => c.kind === 'recording')!;
    const sound = soundOf(cue);
    const from = msToSamples(cue.startMs);
    const played = sound.subarray(from, msToSamples(cue.endMs));
    expect(played.length).toBe(recorded.length);
    expect(
      played.reduce((worst, x, n) => Math.max(worst, Math.abs(x - recorded[n]!)), 0),
    ).toBeLessThan(1e-6);
    expect(sound.subarray(0, from).every((x) => x === 0)).toBe(true);
  });

  it('is speech inside each speech cue and bare line noise where no cue sounds', () => {
    const frameMs = 50;
    const { speechLevelDbfs, snrDb } = settings.levels;
    const noiseDb = 20 * Math.log10(lineNoiseRms(speechLevelDbfs, snrDb));
    let quiet = 0;
    let spoken = 0;
    for (let t = 0; t + frameMs <= trace.endMs; t += frameMs) {
      const frame = audio.subarray(msToSamples(t), msToSamples(t + frameMs));
      const levelDb = 10 * Math.log10(meanPower(frame));
      const heard = cues.filter((c) => c.startMs < t + frameMs && c.endMs > t);
      if (heard.length === 0) {
        expect(Math.abs(levelDb - noiseDb), `${t} ms`).toBeLessThan(2);
        quiet++;
      } else if (heard.every((c) => c.kind === 'speech')) {
        expect(levelDb - noiseDb, `${t} ms`).toBeGreaterThan(15);
        spoken++;
      }
    }
    expect(quiet).toBeGreaterThan(20);
    expect(spoken).toBeGreaterThan(100);
  });
});
