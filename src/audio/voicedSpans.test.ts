import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { twilioAmdOnTimeline, twilioAmdSettings } from '../phone/twilioAmd/index.ts';
import { voicedFrames } from './amdOnPcm.ts';
import { renderDtmfTone } from './dtmfTones.ts';
import { renderTimeline } from './renderTimeline.ts';
import { dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { speechLike } from './speechLike.ts';
import { beepSpanFromPcm, voicedSpansFromPcm } from './voicedSpans.ts';

/** `ms` of silence at 8 kHz. */
const silence = (ms: number) => new Float32Array(msToSamples(ms));

/** Sets [fromMs, toMs) to a constant level on the 16-bit scale (exact in float32). */
function fillLevel(samples: Float32Array, fromMs: number, toMs: number, level: number): void {
  samples.fill(level / 32768, msToSamples(fromMs), msToSamples(toMs));
}

/** A sine at `hz`, `levelDbfs` peak, over [fromMs, toMs) of `samples`. */
function addSine(
  samples: Float32Array,
  fromMs: number,
  toMs: number,
  hz: number,
  levelDbfs = -10,
): void {
  const amplitude = dbfsToAmplitude(levelDbfs);
  for (let n = msToSamples(fromMs); n < msToSamples(toMs); n++) {
    samples[n]! += amplitude * Math.sin((2 * Math.PI * hz * n) / 8000);
  }
}

describe('voicedSpansFromPcm', () => {
  it('finds no span in silence', () => {
    expect(voicedSpansFromPcm(silence(1000), 256)).toEqual([]);
  });

  it("joins voiced 20 ms frames into spans, by app_amd's level test at the threshold", () => {
    const samples = silence(200);
    fillLevel(samples, 40, 100, 256);
    fillLevel(samples, 140, 160, 300);
    fillLevel(samples, 160, 180, 255);
    expect(voicedSpansFromPcm(samples, 256)).toEqual([
      { startMs: 40, endMs: 100 },
      { startMs: 140, endMs: 160 },
    ]);
  });

  it('closes a span that runs to the end, and leaves a trailing part-frame out', () => {
    const samples = silence(110);
    fillLevel(samples, 60, 110, 1000);
    expect(voicedSpansFromPcm(samples, 256)).toEqual([{ startMs: 60, endMs: 100 }]);
  });

  it('cuts frames of another length when asked', () => {
    const samples = silence(100);
    fillLevel(samples, 30, 50, 1000);
    expect(voicedSpansFromPcm(samples, 256, 10)).toEqual([{ startMs: 30, endMs: 50 }]);
  });

  it("agrees frame by frame with amdOnPcm's voicedFrames on speech-like sound", () => {
    const samples = new Float32Array(msToSamples(3000));
    samples.set(speechLike({ durationMs: 1200, rng: createRng(5) }), msToSamples(400));
    samples.set(speechLike({ durationMs: 700, rng: createRng(6) }), msToSamples(2100));
    const frames = voicedFrames(samples, 256);
    const covered = frames.map(() => false);
    for (const span of voicedSpansFromPcm(samples, 256)) {
      for (let k = span.startMs / 20; k < span.endMs / 20; k++) covered[k] = true;
    }
    expect(covered).toEqual(frames);
    expect(frames.some(Boolean)).toBe(true);
  });

  it('rejects a frame length that is not a positive whole number of ms', () => {
    expect(() => voicedSpansFromPcm(silence(100), 256, 0)).toThrow(
      /voicedSpansFromPcm: frame length is 0 ms; expected a positive whole number of ms/,
    );
    expect(() => voicedSpansFromPcm(silence(100), 256, 12.5)).toThrow(/frame length is 12.5 ms/);
  });
});

describe('beepSpanFromPcm', () => {
  it('finds the beep after a rendered greeting, over speech and line noise', () => {
    const timeline = greetingTimeline([{ speech: 2 }, { silence: 0.5 }]);
    for (const seed of [1, 2, 3]) {
      const samples = renderTimeline(timeline, { rng: createRng(seed), beepMs: 500 });
      expect(beepSpanFromPcm(samples), `seed ${seed}`).toEqual({ startMs: 2500, endMs: 3000 });
    }
  });

  it('takes only the blocks the beep fills', () => {
    const samples = silence(4000);
    addSine(samples, 2510, 3010, 1000);
    expect(beepSpanFromPcm(samples)).toEqual({ startMs: 2520, endMs: 3000 });
  });

  it('hears no beep in speech-like sound or in DTMF', () => {
    expect(beepSpanFromPcm(speechLike({ durationMs: 5000, rng: createRng(9) }))).toBeNull();
    for (const digit of '0123456789*#') {
      const tone = renderDtmfTone({ digit, durationMs: 500 });
      expect(beepSpanFromPcm(tone), digit).toBeNull();
    }
  });

  it('needs the beep to last minDurationMs and to be louder than the silence threshold', () => {
    const twoBlocks = silence(200);
    addSine(twoBlocks, 40, 80, 1000);
    expect(beepSpanFromPcm(twoBlocks)).toEqual({ startMs: 40, endMs: 80 });
    const oneBlock = silence(200);
    addSine(oneBlock, 40, 60, 1000);
    expect(beepSpanFromPcm(oneBlock)).toBeNull();
    const quiet = silence(400);
    addSine(quiet, 100, 300, 1000, -60);
    expect(beepSpanFromPcm(quiet)).toBeNull();
    expect(beepSpanFromPcm(quiet, { silenceThreshold: 0 })).toEqual({ startMs: 100, endMs: 300 });
  });

  it('listens at another frequency when told', () => {
    const samples = silence(1000);
    addSine(samples, 200, 600, 1400);
    expect(beepSpanFromPcm(samples)).toBeNull();
    expect(beepSpanFromPcm(samples, { frequencyHz: 1400 })).toEqual({ startMs: 200, endMs: 600 });
  });

  it('rejects a tone share outside (0, 1]', () => {
    expect(() => beepSpanFromPcm(silence(100), { minToneShare: 0 })).toThrow(
      /minToneShare is 0; expected a share in \(0, 1\]/,
    );
  });
});

describe('Twilio AMD on rendered audio', () => {
  it('decides on a rendered greeting and beep as on its symbols', () => {
    const timeline = greetingTimeline([{ speech: 4 }, { silence: 0.5 }]);
    const samples = new Float32Array(msToSamples(8000));
    samples.set(renderTimeline(timeline, { rng: createRng(4), beepMs: 500, snrDb: null }));
    const settings = twilioAmdSettings('DetectMessageEnd');
    const fromPcm = twilioAmdOnTimeline(
      { voiced: voicedSpansFromPcm(samples, 256), beep: beepSpanFromPcm(samples) },
      settings,
    );
    const fromSymbols = twilioAmdOnTimeline(
      { voiced: timeline.voiced, beep: { startMs: 4500, endMs: 5000 } },
      settings,
    );
    expect(fromSymbols).toEqual({
      answeredBy: 'machine_end_beep',
      decisionMs: 5000,
      machineDetectedMs: 2400,
    });
    expect(fromPcm).toEqual(fromSymbols);
  });
});
