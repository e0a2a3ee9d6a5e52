import { describe, expect, it } from 'vitest';
import { greetingSegmentsFromAudio, renderTimeline } from '../../audio/index.ts';
import { createRng } from '../../core/rng.ts';
import { greetingTimeline, type SymbolicGreetingSegment } from '../../phone/greetingTimeline.ts';
import { ScenarioSchema } from '../../scenario/index.ts';
import { amdCauseExplanation, analyzeGreeting, regionTotals } from './greetingAnalysis.ts';

const AMD = ScenarioSchema.parse({}).amd;

function rendered(greeting: SymbolicGreetingSegment[]): Float32Array {
  return renderTimeline(greetingTimeline(greeting), { rng: createRng(7), beepMs: 0 });
}

describe('analyzeGreeting', () => {
  const samples = rendered([
    { silence: 0.3 },
    { speech: 2.5 },
    { silence: 0.6 },
    { dtmf: '94', toneMs: 150, gapMs: 100, repeat: 1 },
  ]);
  const analysis = analyzeGreeting(samples, AMD);

  it('finds the keys and the verdict a long spoken greeting gets', () => {
    expect(analysis.keys.map((key) => key.digit)).toEqual(['9', '4']);
    expect(analysis.amd).toMatchObject({ verdict: 'MACHINE', cause: 'LONGGREETING' });
    expect(analysis.durationMs).toBe(3900);
  });

  it('covers the recording with regions whose tones are the detected keys', () => {
    expect(analysis.regions[0]!.startMs).toBe(0);
    expect(analysis.regions.at(-1)!.endMs).toBe(3900);
    for (let i = 1; i < analysis.regions.length; i++) {
      expect(analysis.regions[i]!.startMs).toBe(analysis.regions[i - 1]!.endMs);
    }
    const tones = analysis.regions.filter((region) => region.kind === 'dtmf');
    expect(tones.map((tone) => tone.digit)).toEqual(['9', '4']);
  });

  it('gives the same segments as greetingSegmentsFromAudio', () => {
    expect(analysis.segments).toEqual(greetingSegmentsFromAudio(samples, AMD.silenceThreshold));
  });

  it('adds the regions up to the duration', () => {
    const totals = regionTotals(analysis.regions);
    expect(totals.speechMs + totals.silenceMs + totals.toneMs).toBe(3900);
    expect(totals.speechMs).toBeGreaterThan(2400);
  });
});

describe('amdCauseExplanation', () => {
  it('names the parameter that fired with its value', () => {
    const text = amdCauseExplanation({ verdict: 'HUMAN', cause: 'HUMAN', decisionMs: 1400 }, AMD);
    expect(text).toContain('800 ms');
    expect(text).toContain('afterGreetingSilenceMs');
  });
});
