import { describe, expect, it } from 'vitest';
import {
  audioInAppIssue,
  audioNotLoadedIssue,
  greetingAudioSegments,
  loadScenario,
  unreadableAudioIssue,
} from './index.ts';

describe('greeting audio segments', () => {
  const { greeting } = loadScenario({
    voicemail: { greeting: [{ speech: 1 }, { audio: 'a.wav' }, { dtmf: '1' }, { audio: 'a.wav' }] },
  }).voicemail;

  it('are listed in order with the JSON path of each file name', () => {
    expect(greetingAudioSegments(greeting)).toEqual([
      { index: 1, file: 'a.wav', path: '$.voicemail.greeting[1].audio' },
      { index: 3, file: 'a.wav', path: '$.voicemail.greeting[3].audio' },
    ]);
  });

  it('are refused at that path by whichever entry point cannot use them', () => {
    const [segment] = greetingAudioSegments(greeting);
    expect(unreadableAudioIssue(segment!, 'no such file')).toEqual({
      path: '$.voicemail.greeting[1].audio',
      expected: 'a readable WAV file (relative to the scenario file)',
      found: '"a.wav" (no such file)',
    });
    expect(audioInAppIssue(segment!).expected).toMatch(
      /^speech, silence or dtmf segments in the app/,
    );
    expect(audioNotLoadedIssue(segment!).found).toBe('"a.wav", not loaded');
  });
});
