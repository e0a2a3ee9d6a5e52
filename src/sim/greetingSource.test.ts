import { describe, expect, it } from 'vitest';
import { SAMPLE_RATE_HZ } from '../audio/index.ts';
import { loadScenario, ScenarioError } from '../scenario/index.ts';
import { expandGreeting } from './greetingSource.ts';

const greetingOf = (greeting: unknown) =>
  loadScenario({ voicemail: { greeting } }).voicemail.greeting;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('expandGreeting', () => {
  const second = new Float32Array(SAMPLE_RATE_HZ);

  it('places each recording where it plays', () => {
    const expanded = expandGreeting(
      greetingOf([{ speech: 1 }, { audio: 'a.wav' }]),
      { 'a.wav': second },
      256,
    );
    expect(expanded.recordings).toEqual([{ path: 'a.wav', startMs: 1000, samples: second }]);
  });

  it('refuses a recording whose file was not loaded, at its path', () => {
    expect(refusal(() => expandGreeting(greetingOf([{ audio: 'a.wav' }]), {}, 256))).toContain(
      '$.voicemail.greeting[0].audio: expected an audio file loaded with the scenario',
    );
  });

  it('refuses a greeting the recordings make longer than an hour', () => {
    const greeting = greetingOf([{ silence: 3599.5 }, { audio: 'a.wav' }]);
    expect(refusal(() => expandGreeting(greeting, { 'a.wav': second }, 256))).toContain(
      '$.voicemail.greeting: expected a greeting of at most 3600 s in all (an hour), found a greeting of 3600.5 s',
    );
  });
});
