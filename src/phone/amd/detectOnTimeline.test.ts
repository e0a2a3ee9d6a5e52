import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmdParameters } from '../../scenario/index.ts';
import { AmdDetector } from './AmdDetector.ts';
import type { AmdResult } from './amdResult.ts';
import { amdParameters } from './amdTestParameters.ts';
import { detectOnTimeline, type VoicedInterval } from './detectOnTimeline.ts';

const DEFAULTS = amdParameters();

/** Tones (or syllables) `onMs` long every `onMs + offMs`, from `fromMs` until `untilMs`. */
function pulses(onMs: number, offMs: number, fromMs: number, untilMs: number): VoicedInterval[] {
  const intervals: VoicedInterval[] = [];
  for (let startMs = fromMs; startMs < untilMs; startMs += onMs + offMs) {
    intervals.push({ startMs, endMs: startMs + onMs });
  }
  return intervals;
}

const HELLO: VoicedInterval[] = [{ startMs: 300, endMs: 900 }];

describe('detectOnTimeline with amd.conf.sample defaults', () => {
  it('hears "Hello?" then 0.8 s of silence as HUMAN at 300 + 600 + 800 ms', () => {
    // Frames 0-14 silent, 15-44 voiced (the first word completes on frame 19 and starts the
    // greeting), then the 40th silent frame, frame 84, brings the silent run to 800 ms.
    expect(detectOnTimeline(HELLO, DEFAULTS)).toEqual({
      verdict: 'HUMAN',
      cause: 'HUMAN',
      decisionMs: 1700,
    });
  });

  it('calls pure silence a MACHINE when initial silence reaches 2.5 s', () => {
    expect(detectOnTimeline([], DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'INITIALSILENCE',
      decisionMs: 2500,
    });
  });

  it('calls 6 s of continuous speech a MACHINE once 1.5 s of voice is heard', () => {
    const speech = [{ startMs: 200, endMs: 6200 }];
    expect(detectOnTimeline(speech, DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 200 + 1500,
    });
  });

  it('times a greeting that starts at answer from 0, its first word uncounted', () => {
    const speech = [{ startMs: 0, endMs: 6000 }];
    expect(detectOnTimeline(speech, DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 1500,
    });
  });

  it('calls a third word a MACHINE (MAXWORDS) 100 ms into it', () => {
    const threeWords = pulses(300, 100, 200, 1300);
    expect(threeWords).toHaveLength(3);
    expect(detectOnTimeline(threeWords, DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'MAXWORDS',
      decisionMs: 1000 + 100,
    });
  });

  it('hears DTMF tones of 120 ms on / 80 ms off as words: MAXWORDS on the fourth tone', () => {
    // The tone at answer is not counted (state starts as WORD); tones 2, 3 and 4 are words 1-3.
    expect(detectOnTimeline(pulses(120, 80, 0, 5000), DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'MAXWORDS',
      decisionMs: 600 + 100,
    });
  });

  it('still hears 90 ms tones as words, because each one voices five 20 ms frames', () => {
    // A 90 ms tone covers >= 10 ms of 5 frames whatever its phase: 100 ms of voice, a word.
    // Tones start at 0, 170, 340, 510; the 4th completes word 3 on frame 29.
    expect(detectOnTimeline(pulses(90, 80, 0, 5000), DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'MAXWORDS',
      decisionMs: 600,
    });
  });

  it('never hears 70 ms tones as words, so 70 on / 80 off ends NOTSURE (TOOLONG)', () => {
    // 70 ms voices at most 4 frames (80 ms < minimumWordLength); 80 ms gaps reset the voice run;
    // no word means no greeting, and the tones keep breaking the initial silence.
    expect(detectOnTimeline(pulses(70, 80, 0, 6000), DEFAULTS)).toEqual({
      verdict: 'NOTSURE',
      cause: 'TOOLONG',
      decisionMs: 5000,
    });
  });

  it('ends NOTSURE (TOOLONG) at 5 s when short noises keep breaking the initial silence', () => {
    const clicks = [
      { startMs: 2000, endMs: 2060 },
      { startMs: 4000, endMs: 4060 },
    ];
    expect(detectOnTimeline(clicks, DEFAULTS)).toEqual({
      verdict: 'NOTSURE',
      cause: 'TOOLONG',
      decisionMs: 5000,
    });
    expect(detectOnTimeline(clicks.slice(0, 1), DEFAULTS)).toEqual({
      verdict: 'MACHINE',
      cause: 'INITIALSILENCE',
      decisionMs: 2060 + 2500,
    });
  });

  it('counts a frame as voiced when sound covers at least 10 of its 20 ms', () => {
    const human = { verdict: 'HUMAN', cause: 'HUMAN' } as const;
    // Frame 44 is [880, 900): 10 ms of sound keeps it voiced, 9 ms leaves it silent.
    expect(detectOnTimeline([{ startMs: 300, endMs: 890 }], DEFAULTS)).toEqual({
      ...human,
      decisionMs: 1700,
    });
    expect(detectOnTimeline([{ startMs: 300, endMs: 889 }], DEFAULTS)).toEqual({
      ...human,
      decisionMs: 1680,
    });
    // Pieces of sound inside one frame add up.
    const split = [
      { startMs: 300, endMs: 880 },
      { startMs: 883, endMs: 888 },
      { startMs: 893, endMs: 898 },
    ];
    expect(detectOnTimeline(split, DEFAULTS)).toEqual({ ...human, decisionMs: 1700 });
  });
});

describe('detectOnTimeline with other parameters', () => {
  it('cannot reach maximumWordLength with the defaults: total analysis time ends first', () => {
    const speech = [{ startMs: 200, endMs: 9000 }];
    expect(detectOnTimeline(speech, amdParameters({ greetingMs: 10000 }))).toEqual({
      verdict: 'NOTSURE',
      cause: 'TOOLONG',
      decisionMs: 5000,
    });
  });

  it('reaches MAXWORDLENGTH when greeting and total analysis time are set high', () => {
    const speech = [{ startMs: 200, endMs: 9000 }];
    const params = amdParameters({ greetingMs: 10000, totalAnalysisTimeMs: 8000 });
    expect(detectOnTimeline(speech, params)).toEqual({
      verdict: 'MACHINE',
      cause: 'MAXWORDLENGTH',
      decisionMs: 200 + 5000,
    });
  });

  it('waits out a 1.5 s pause when afterGreetingSilence is 2 s, then hears a long greeting', () => {
    const helloPauseSpeech = [...HELLO, { startMs: 2400, endMs: 6000 }];
    expect(detectOnTimeline(helloPauseSpeech, DEFAULTS)).toEqual({
      verdict: 'HUMAN',
      cause: 'HUMAN',
      decisionMs: 1700,
    });
    // 600 ms of "Hello?" plus 900 ms more voice from 2400 ms reaches the 1500 ms greeting.
    expect(
      detectOnTimeline(helloPauseSpeech, amdParameters({ afterGreetingSilenceMs: 2000 })),
    ).toEqual({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 2400 + 900,
    });
  });

  it('rejects intervals that are unsorted, overlapping or reversed, naming the bad one', () => {
    expect(() =>
      detectOnTimeline(
        [
          { startMs: 100, endMs: 300 },
          { startMs: 200, endMs: 400 },
        ],
        DEFAULTS,
      ),
    ).toThrow(/voiced\[1\] starts at 200 ms, before voiced\[0\] ends at 300 ms/);
    expect(() => detectOnTimeline([{ startMs: 500, endMs: 400 }], DEFAULTS)).toThrow(
      /voiced\[0\] is \[500, 400\)/,
    );
  });

  it('accepts touching intervals as one stretch of sound', () => {
    const touching = [
      { startMs: 300, endMs: 600 },
      { startMs: 600, endMs: 900 },
    ];
    expect(detectOnTimeline(touching, DEFAULTS)).toEqual(detectOnTimeline(HELLO, DEFAULTS));
  });
});

/** The reference: every frame's coverage summed over all intervals, fed frame by frame. */
function feedByHand(voiced: ReadonlyArray<VoicedInterval>, params: AmdParameters): AmdResult {
  const detector = new AmdDetector(params);
  for (let frame = 0; ; frame++) {
    const frameStartMs = frame * 20;
    let coveredMs = 0;
    for (const { startMs, endMs } of voiced) {
      coveredMs += Math.max(
        0,
        Math.min(endMs, frameStartMs + 20) - Math.max(startMs, frameStartMs),
      );
    }
    const result = detector.feed(coveredMs >= 10);
    if (result !== null) return result;
  }
}

const timelineArbitrary = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1500 })), {
    maxLength: 40,
  })
  .map((gapsAndLengths) => {
    const intervals: VoicedInterval[] = [];
    let atMs = 0;
    for (const [gapMs, lengthMs] of gapsAndLengths) {
      intervals.push({ startMs: atMs + gapMs, endMs: atMs + gapMs + lengthMs });
      atMs += gapMs + lengthMs;
    }
    return intervals;
  });

const parametersArbitrary = fc.record({
  initialSilenceMs: fc.integer({ min: 0, max: 4000 }),
  greetingMs: fc.integer({ min: 0, max: 4000 }),
  afterGreetingSilenceMs: fc.integer({ min: 0, max: 2000 }),
  totalAnalysisTimeMs: fc.integer({ min: 20, max: 8000 }),
  minimumWordLengthMs: fc.integer({ min: 0, max: 300 }),
  betweenWordsSilenceMs: fc.integer({ min: 0, max: 200 }),
  maximumNumberOfWords: fc.integer({ min: 0, max: 6 }),
  maximumWordLengthMs: fc.integer({ min: 0, max: 6000 }),
});

describe('detectOnTimeline against frames fed by hand', () => {
  it('agrees with AmdDetector fed frame by frame, for defaults and random intervals', () => {
    fc.assert(
      fc.property(timelineArbitrary, (voiced) => {
        expect(detectOnTimeline(voiced, DEFAULTS)).toEqual(feedByHand(voiced, DEFAULTS));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees for random parameters too', () => {
    fc.assert(
      fc.property(timelineArbitrary, parametersArbitrary, (voiced, overrides) => {
        const params = amdParameters(overrides);
        expect(detectOnTimeline(voiced, params)).toEqual(feedByHand(voiced, params));
      }),
      { numRuns: 500 },
    );
  });
});
