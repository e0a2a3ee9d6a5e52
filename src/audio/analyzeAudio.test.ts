import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { amdParameters } from '../phone/amd/amdTestParameters.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { analyzeAudio } from './analyzeAudio.ts';
import { renderTimeline } from './renderTimeline.ts';
import { decodeWav, encodeWav } from './wavCodec.ts';

describe('analyzeAudio', () => {
  it('reads the digits and the AMD verdict of a greeting that went through a WAV file', () => {
    const timeline = greetingTimeline([
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
      { silence: 0.5 },
    ]);
    const wav = encodeWav(renderTimeline(timeline, { rng: createRng(21), beepMs: 300 }));
    const analysis = analyzeAudio(decodeWav(wav).samples, amdParameters());
    expect(analysis.durationMs).toBe(timeline.endMs + 300);
    expect(analysis.dtmf.map((press) => press.digit).join('')).toBe('1111111111');
    expect(analysis.amd.verdict).toBe('MACHINE');
  });
});
