import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../scenario/index.ts';
import { AmdDetector } from './AmdDetector.ts';
import type { AmdResult } from './amdResult.ts';
import { AMD_CONF_SAMPLE_DEFAULTS, amdParameters } from './amdTestParameters.ts';

/** Feeds `count` frames of one kind; returns the first verdict, or null. */
function feedFrames(detector: AmdDetector, voiced: boolean, count: number): AmdResult | null {
  for (let i = 0; i < count; i++) {
    const result = detector.feed(voiced);
    if (result !== null) return result;
  }
  return null;
}

describe('AmdDetector', () => {
  it('uses the scenario defaults, which are amd.conf.sample', () => {
    expect(ScenarioSchema.parse({}).amd).toEqual(AMD_CONF_SAMPLE_DEFAULTS);
  });

  it('starts as app_amd does: state WORD, in initial silence, not in a greeting', () => {
    const detector = new AmdDetector(amdParameters());
    expect(detector.snapshot()).toEqual({
      analysedMs: 0,
      wordState: 'WORD',
      inInitialSilence: true,
      inGreeting: false,
      wordCount: 0,
      voiceMs: 0,
      consecutiveVoiceMs: 0,
      silenceMs: 0,
      result: null,
    });
  });

  it('enters the SILENCE state once the silent run reaches betweenWordsSilence', () => {
    const detector = new AmdDetector(amdParameters());
    feedFrames(detector, false, 2);
    expect(detector.wordState).toBe('WORD');
    feedFrames(detector, false, 1);
    expect(detector.wordState).toBe('SILENCE');
    expect(detector.silenceMs).toBe(60);
  });

  it('never counts a word already under way at answer, yet starts the greeting with it', () => {
    const detector = new AmdDetector(amdParameters());
    expect(feedFrames(detector, true, 5)).toBeNull();
    expect(detector.wordCount).toBe(0);
    expect(detector.inGreeting).toBe(true);
    expect(detector.inInitialSilence).toBe(false);
  });

  it('counts a word after a silence once its voice reaches minimumWordLength', () => {
    const detector = new AmdDetector(amdParameters());
    feedFrames(detector, false, 3);
    feedFrames(detector, true, 4);
    expect(detector.wordCount).toBe(0);
    feedFrames(detector, true, 1);
    expect(detector.wordCount).toBe(1);
    expect(detector.wordState).toBe('WORD');
    expect(detector.voiceMs).toBe(100);
  });

  it('resets the silent run on a voiced frame, so initial silence needs an unbroken stretch', () => {
    const detector = new AmdDetector(amdParameters());
    feedFrames(detector, false, 100);
    detector.feed(true);
    expect(detector.silenceMs).toBe(0);
    expect(feedFrames(detector, false, 124)).toBeNull();
    expect(detector.feed(false)).toEqual({
      verdict: 'MACHINE',
      cause: 'INITIALSILENCE',
      decisionMs: 101 * 20 + 2500,
    });
  });

  it('checks total analysis time before anything else in the frame', () => {
    const detector = new AmdDetector(amdParameters({ totalAnalysisTimeMs: 2500 }));
    expect(feedFrames(detector, false, 200)).toEqual({
      verdict: 'NOTSURE',
      cause: 'TOOLONG',
      decisionMs: 2500,
    });
  });

  it('tests the greeting length only from the voiced frame after the first word', () => {
    const detector = new AmdDetector(amdParameters({ greetingMs: 100 }));
    feedFrames(detector, false, 5);
    expect(feedFrames(detector, true, 5)).toBeNull();
    expect(detector.feed(true)).toEqual({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 220,
    });
  });

  it('takes frame lengths other than 20 ms', () => {
    const detector = new AmdDetector(amdParameters());
    let result: AmdResult | null = null;
    while (result === null) result = detector.feed(false, 30);
    expect(result).toEqual({ verdict: 'MACHINE', cause: 'INITIALSILENCE', decisionMs: 2520 });
  });

  it('keeps its verdict and counters once decided', () => {
    const detector = new AmdDetector(amdParameters());
    const verdict = feedFrames(detector, false, 125);
    expect(verdict?.cause).toBe('INITIALSILENCE');
    const frozen = detector.snapshot();
    expect(detector.feed(true)).toBe(verdict);
    expect(detector.snapshot()).toEqual(frozen);
  });

  it('rejects a frame length that is not a positive whole number of ms', () => {
    const detector = new AmdDetector(amdParameters());
    expect(() => detector.feed(false, 0)).toThrow(/frameMs is 0/);
    expect(() => detector.feed(false, 12.5)).toThrow(/frameMs is 12.5/);
  });

  it('rejects parameters that would never end the analysis', () => {
    expect(() => new AmdDetector(amdParameters({ totalAnalysisTimeMs: Number.NaN }))).toThrow(
      /totalAnalysisTimeMs is NaN/,
    );
    expect(() => new AmdDetector(amdParameters({ totalAnalysisTimeMs: 0 }))).toThrow(
      /totalAnalysisTimeMs is 0/,
    );
    expect(() => new AmdDetector(amdParameters({ greetingMs: -1 }))).toThrow(/greetingMs is -1/);
  });

  it("rejects an analysis past the scenario format's minute, which a silent line would never end", () => {
    expect(() => new AmdDetector(amdParameters({ totalAnalysisTimeMs: 60_000 }))).not.toThrow();
    expect(() => new AmdDetector(amdParameters({ totalAnalysisTimeMs: 60_001 }))).toThrow(
      /totalAnalysisTimeMs is 60001; it must be at most 60000 ms/,
    );
    expect(() => new AmdDetector(amdParameters({ totalAnalysisTimeMs: 2 ** 53 - 2 }))).toThrow(
      /at most 60000 ms/,
    );
  });
});
