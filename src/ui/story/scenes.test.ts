import { describe, expect, it } from 'vitest';
import { callTrace } from '../../sim/callTrace.ts';
import { prepareScene, STORY_SCENES } from './scenes.ts';

describe('the training story', () => {
  it('has five scenes, each a bundled scenario with one sentence', () => {
    expect(STORY_SCENES).toHaveLength(5);
    for (const scene of STORY_SCENES) {
      expect(scene.sentence.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
    }
  });

  it('finds for each scene a trial that shows what its sentence says', () => {
    const traces = STORY_SCENES.map((scene) => {
      const { replay } = prepareScene(scene);
      expect(scene.representative(replay.outcome)).toBe(true);
      return callTrace(replay, 0);
    });
    const [normal, voicemail, pressOne, amd, randomDigit] = traces;
    expect(normal!.answeredBy).toBe('person');
    expect(normal!.submission).toMatchObject({ by: 'owner', accepted: true });
    for (const intercepted of [voicemail, pressOne, amd]) {
      expect(intercepted!.answeredBy).toBe('voicemail');
      expect(intercepted!.readouts.some((r) => r.recorded)).toBe(true);
      expect(intercepted!.submission).toMatchObject({ by: 'attacker', accepted: true });
    }
    expect(pressOne!.tones.some((t) => t.reportedAtMs !== null)).toBe(true);
    expect(amd!.amd?.verdict).toBe('HUMAN');
    expect(randomDigit!.expectedDigit).not.toBe('1');
    expect(randomDigit!.hangupReason).toBe('wrong-digit');
    expect(randomDigit!.readouts).toEqual([]);
  });
});
