import { describe, expect, it } from 'vitest';
import { detectDtmf, msToSamples } from '../audio/index.ts';
import { callTrace } from './callTrace.ts';
import { renderCallAudio } from './renderCallAudio.ts';
import { replayTrial } from './replay.ts';
import { compiledWith } from './testing/scenarioWith.ts';

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
