import { describe, expect, it } from 'vitest';
import {
  greetingJson,
  greetingLengthWords,
  greetingWords,
  secondsWords,
  segmentWords,
} from './greetingWords.ts';

describe('secondsWords', () => {
  it('keeps one decimal at least and three at most', () => {
    expect(secondsWords(0.4)).toBe('0.4 s');
    expect(secondsWords(1)).toBe('1.0 s');
    expect(secondsWords(0.229)).toBe('0.229 s');
    expect(secondsWords(0.02)).toBe('0.02 s');
    expect(secondsWords(12.5)).toBe('12.5 s');
    expect(secondsWords(0)).toBe('0.0 s');
  });
});

describe('segmentWords', () => {
  it('says speech and silence in seconds', () => {
    expect(segmentWords({ speech: 0.4 })).toBe('0.4 s of speech');
    expect(segmentWords({ silence: 1 })).toBe('1.0 s of silence');
  });

  it('says one key, its tone and gap, and the repeats', () => {
    expect(segmentWords({ dtmf: '#', toneMs: 120, gapMs: 80, repeat: 3 })).toBe(
      'the key # (120 ms tone, 80 ms gap) ×3',
    );
  });

  it('says several keys without a repeat count when they play once', () => {
    expect(segmentWords({ dtmf: '0123456789', toneMs: 61, gapMs: 50, repeat: 1 })).toBe(
      'the keys 0123456789 (61 ms tone, 50 ms gap)',
    );
  });

  it('adds a tone level and twist when the segment sets them', () => {
    expect(
      segmentWords({ dtmf: '1', toneMs: 100, gapMs: 0, repeat: 2, levelDbfs: -20, twistDb: 4 }),
    ).toBe('the key 1 (100 ms tone, 0 ms gap, -20 dBFS, twist 4 dB) ×2');
  });

  it('names a recording by its file', () => {
    expect(segmentWords({ audio: 'hello.wav' })).toBe('the recording hello.wav');
  });
});

describe('greetingWords', () => {
  it('reads the segments in order', () => {
    expect(
      greetingWords([
        { speech: 0.4 },
        { silence: 1 },
        { dtmf: '#', toneMs: 120, gapMs: 80, repeat: 3 },
      ]),
    ).toBe('0.4 s of speech, 1.0 s of silence, the key # (120 ms tone, 80 ms gap) ×3');
  });

  it('says what an empty greeting is', () => {
    expect(greetingWords([])).toBe('nothing (an empty greeting: the beep at once)');
  });
});

describe('greetingLengthWords', () => {
  it('adds speech, silence and every tone and gap', () => {
    // 400 + 1000 + 3 × (120 + 80) ms.
    expect(
      greetingLengthWords([
        { speech: 0.4 },
        { silence: 1 },
        { dtmf: '#', toneMs: 120, gapMs: 80, repeat: 3 },
      ]),
    ).toBe('2.0 s');
  });
});

describe('greetingJson', () => {
  const greeting = [
    { speech: 0.4 },
    { silence: 1 },
    { dtmf: '#', toneMs: 120, gapMs: 80, repeat: 3 },
  ];

  it('writes one segment a line, as a scenario’s voicemail.greeting', () => {
    expect(greetingJson(greeting)).toBe(
      [
        '[',
        '  { "speech": 0.4 },',
        '  { "silence": 1 },',
        '  { "dtmf": "#", "toneMs": 120, "gapMs": 80, "repeat": 3 }',
        ']',
      ].join('\n'),
    );
    expect(JSON.parse(greetingJson(greeting))).toEqual(greeting);
  });

  it('writes an empty greeting as []', () => {
    expect(greetingJson([])).toBe('[]');
  });
});
