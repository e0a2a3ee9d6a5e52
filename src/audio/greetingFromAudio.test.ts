import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { detectOnTimeline } from '../phone/amd/index.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import type { SymbolicGreetingSegment as GreetingSegment } from '../phone/greetingTimeline.ts';
import { amdOnPcm } from './amdOnPcm.ts';
import { audioRegions, greetingSegmentsFromAudio } from './greetingFromAudio.ts';
import { renderTimeline } from './renderTimeline.ts';
import { samplesToMs } from './sampleRate.ts';

const GREETING: GreetingSegment[] = [
  { speech: 0.8 },
  { silence: 1 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3 },
  { silence: 0.4 },
];

describe('greetingFromAudio', () => {
  const params = amdParameters();
  const timeline = greetingTimeline(GREETING);
  const samples = renderTimeline(timeline, { rng: createRng(5), beepMs: 0 });

  it('covers the recording end to end with speech, silence and the keys heard', () => {
    const regions = audioRegions(samples, params.silenceThreshold);
    expect(regions[0]!.startMs).toBe(0);
    expect(regions[regions.length - 1]!.endMs).toBe(Math.round(samplesToMs(samples.length)));
    regions.slice(1).forEach((region, i) => expect(region.startMs).toBe(regions[i]!.endMs));
    expect(regions.filter((r) => r.kind === 'dtmf').map((r) => r.digit)).toEqual(['1', '1', '1']);
    const speech = regions.filter((r) => r.kind === 'speech');
    expect(speech).toHaveLength(1);
    expect(Math.abs(speech[0]!.endMs - 800)).toBeLessThanOrEqual(20);
  });

  it('gives segments whose timeline keeps the tones and the AMD verdict of the audio', () => {
    const segments = greetingSegmentsFromAudio(samples, params.silenceThreshold);
    const derived = greetingTimeline(segments);
    expect(derived.endMs).toBe(timeline.endMs);
    expect(derived.tones.map((t) => t.digit)).toEqual(['1', '1', '1']);
    derived.tones.forEach((tone, i) => {
      expect(Math.abs(tone.startMs - timeline.tones[i]!.startMs)).toBeLessThanOrEqual(30);
      expect(tone.endMs - tone.startMs).toBeGreaterThanOrEqual(90);
    });
    const fromSegments = detectOnTimeline(derived.voiced, params);
    const fromAudio = amdOnPcm(samples, params);
    expect(fromSegments.verdict).toBe(fromAudio.verdict);
    expect(fromSegments.cause).toBe(fromAudio.cause);
    expect(Math.abs(fromSegments.decisionMs - fromAudio.decisionMs)).toBeLessThanOrEqual(20);
  });

  it('reads pure silence as one silence segment', () => {
    expect(greetingSegmentsFromAudio(new Float32Array(8000), params.silenceThreshold)).toEqual([
      { silence: 1 },
    ]);
  });
});
