import { describe, expect, it } from 'vitest';
import { greetingTimeline } from './greetingTimeline.ts';

describe('greetingTimeline', () => {
  it('lays speech, silence and tones end to end, in ms from pickup', () => {
    const timeline = greetingTimeline([
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 3 },
    ]);
    expect(timeline.segments).toEqual([
      { kind: 'speech', startMs: 0, endMs: 800 },
      { kind: 'silence', startMs: 800, endMs: 1800 },
      { kind: 'dtmf', startMs: 1800, endMs: 2400 },
    ]);
    expect(timeline.tones).toEqual([
      { digit: '1', startMs: 1800, endMs: 1920 },
      { digit: '1', startMs: 2000, endMs: 2120 },
      { digit: '1', startMs: 2200, endMs: 2320 },
    ]);
    expect(timeline.endMs).toBe(2400);
  });

  it('counts the gap after the last tone as part of the greeting', () => {
    expect(greetingTimeline([{ dtmf: '5', toneMs: 100, gapMs: 400, repeat: 1 }]).endMs).toBe(500);
  });

  it('plays the key sequence `repeat` times, keys in order', () => {
    const { tones } = greetingTimeline([{ dtmf: '12', toneMs: 50, gapMs: 50, repeat: 2 }]);
    expect(tones.map((t) => `${t.digit}@${t.startMs}`)).toEqual(['1@0', '2@100', '1@200', '2@300']);
  });

  it('hears tones as voice (AMD counts their energy), silence as its absence', () => {
    const { voiced } = greetingTimeline([
      { silence: 0.5 },
      { speech: 1 },
      { silence: 0.25 },
      { dtmf: '12', toneMs: 100, gapMs: 100, repeat: 1 },
    ]);
    expect(voiced).toEqual([
      { startMs: 500, endMs: 1500 },
      { startMs: 1750, endMs: 1850 },
      { startMs: 1950, endMs: 2050 },
    ]);
  });

  it('merges voice that touches: speech straight into a tone, tones with no gap', () => {
    const timeline = greetingTimeline([
      { speech: 1 },
      { dtmf: '123', toneMs: 100, gapMs: 0, repeat: 1 },
    ]);
    expect(timeline.voiced).toEqual([{ startMs: 0, endMs: 1300 }]);
    expect(timeline.tones).toHaveLength(3);
  });

  it('adds no voice for zero-length speech', () => {
    const timeline = greetingTimeline([{ silence: 1 }, { speech: 0 }, { silence: 1 }]);
    expect(timeline.voiced).toEqual([]);
    expect(timeline.endMs).toBe(2000);
  });

  it('works in whole milliseconds: seconds that do not add up exactly in binary still do here', () => {
    const timeline = greetingTimeline([{ speech: 0.1 }, { speech: 0.2 }, { silence: 0.3 }]);
    expect(timeline.voiced).toEqual([{ startMs: 0, endMs: 300 }]);
    expect(timeline.endMs).toBe(600);
    expect(
      timeline.segments.every((s) => Number.isInteger(s.startMs) && Number.isInteger(s.endMs)),
    ).toBe(true);
  });

  it('gives an empty greeting no sound and no length', () => {
    expect(greetingTimeline([])).toEqual({ voiced: [], tones: [], segments: [], endMs: 0 });
  });
});
