import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenario/index.ts';
import { withAppRules } from './appRules.ts';

describe('withAppRules', () => {
  it('passes a scenario the app can run unchanged', () => {
    const result = validateScenario({ voicemail: { greeting: [{ speech: 1 }] } });
    expect(withAppRules(result)).toBe(result);
  });

  it('reports an audio-file greeting segment at its path', () => {
    const result = withAppRules(
      validateScenario({ voicemail: { greeting: [{ speech: 1 }, { audio: 'g.wav' }] } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.path).toBe('$.voicemail.greeting[1].audio');
    expect(result.issues[0]!.expected).toMatch(/Greeting view/);
    expect(result.issues[0]!.found).toBe('"g.wav"');
  });
});
