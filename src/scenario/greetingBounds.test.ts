import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  greetingBoundIssues,
  loadScenario,
  MAX_GREETING_SECONDS,
  MAX_GREETING_SEGMENTS,
  MAX_GREETING_TONES,
  validateScenario,
  type ScenarioInput,
} from './index.ts';

type Greeting = NonNullable<NonNullable<ScenarioInput['voicemail']>['greeting']>;

function problems(
  greeting: Greeting,
  fidelity: 'event' | 'signal' = 'event',
  trials?: number,
): string[] {
  const result = validateScenario({ fidelity, trials, voicemail: { greeting } });
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('greeting bounds', () => {
  it('are an hour, 10,000 tones and 200 segments', () => {
    expect([MAX_GREETING_SECONDS, MAX_GREETING_TONES, MAX_GREETING_SEGMENTS]).toEqual([
      3600, 10_000, 200,
    ]);
  });

  it('accept a greeting at every bound at once', () => {
    // 199 segments of 10 s speech (1990 s), then 100 keys × 100 repeats = 10,000 tones of
    // 80 + 81 ms (1610 s): 200 segments, 10,000 tones, 3600 s.
    const greeting: Greeting = [
      ...Array.from({ length: 199 }, () => ({ speech: 10 })),
      { dtmf: '1234567890'.repeat(10), toneMs: 80, gapMs: 81, repeat: 100 },
    ];
    expect(problems(greeting)).toEqual([]);
    // An hour of greeting decoded on every call costs half a second a call at signal level, so
    // a run of it is bounded to a few hundred trials (runBounds.ts).
    expect(problems(greeting, 'signal', 250)).toEqual([]);
  });

  it('refuse more tones in all than the bound, at the greeting', () => {
    const tones = { dtmf: '0123456789'.repeat(10), toneMs: 40, gapMs: 40, repeat: 50 };
    expect(problems([tones, tones, { dtmf: '1' }])).toEqual([
      '$.voicemail.greeting: expected at most 10000 DTMF tones in all (keys × repeat, summed over the segments), found 10001 tones',
    ]);
  });

  it('refuse one segment of too many tones at its repeat, saying how many fit', () => {
    expect(problems([{ speech: 1 }, { dtmf: '1'.repeat(100), repeat: 1000 }])).toEqual([
      '$.voicemail.greeting[1].repeat: expected at most 100 repeats of these 100 keys (a greeting plays at most 10000 DTMF tones in all), found the number 1000 (100000 tones)',
    ]);
  });

  it('refuse a greeting longer than an hour in all, at the greeting', () => {
    expect(problems([{ speech: 3600 }, { silence: 0.001 }])).toEqual([
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3600.001 s',
    ]);
  });

  it('refuse one DTMF segment longer than an hour at its repeat', () => {
    expect(problems([{ dtmf: '12', toneMs: 10_000, gapMs: 10_000, repeat: 100 }])).toEqual([
      '$.voicemail.greeting[0].repeat: expected at most 90 repeats of these 2 keys at 20000 ms each (a greeting lasts at most 3600 s in all), found the number 100 (4000 s)',
    ]);
  });

  it('refuse a signal-level greeting longer than an hour, as at event level', () => {
    const greeting: Greeting = [{ speech: 1800 }, { silence: 1800 }, { speech: 1 }];
    const expected =
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3601 s';
    expect(problems(greeting, 'signal')).toEqual([expected]);
    expect(problems(greeting, 'event')).toEqual([expected]);
  });

  it('refuse more than 200 segments, saying how many there are', () => {
    const greeting = Array.from({ length: 201 }, () => ({ silence: 0.1 }));
    expect(problems(greeting)).toEqual([
      '$.voicemail.greeting: expected a list with ≤ 200 items, found a list of 201 items',
    ]);
  });

  it('report the tones and the length when a greeting breaks both', () => {
    const greeting = Array.from({ length: 11 }, () => ({
      dtmf: '1'.repeat(100),
      toneMs: 300,
      repeat: 10,
    }));
    // 11 × 1000 tones of 300 + 80 ms: 11,000 tones, 4180 s.
    expect(problems(greeting)).toEqual([
      '$.voicemail.greeting: expected at most 10000 DTMF tones in all (keys × repeat, summed over the segments), found 11000 tones',
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 4180 s',
    ]);
  });

  it('count a recording once its length is known, at its audio path when it alone is too long', () => {
    const { voicemail } = loadScenario({
      voicemail: { greeting: [{ speech: 1 }, { audio: 'long.wav' }, { audio: 'short.wav' }] },
    });
    expect(greetingBoundIssues(voicemail.greeting)).toEqual([]);
    const lengths: Record<string, number> = { 'long.wav': 3_600_000, 'short.wav': 500 };
    expect(greetingBoundIssues(voicemail.greeting, (file) => lengths[file]!)).toEqual([
      {
        path: '$.voicemail.greeting',
        expected: 'a greeting of at most 3600 s in all (an hour)',
        found: 'a greeting of 3601.5 s',
      },
    ]);
    lengths['long.wav'] = 3_600_001;
    expect(greetingBoundIssues(voicemail.greeting, (file) => lengths[file]!)).toEqual([
      {
        path: '$.voicemail.greeting[1].audio',
        expected: 'a recording of at most 3600 s (a greeting lasts at most 3600 s in all)',
        found: '"long.wav" (3600.001 s)',
      },
    ]);
  });
});
