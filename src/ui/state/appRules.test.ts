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

  it('passes a flow whose document is inline', () => {
    const result = validateScenario({
      strategies: ['gate'],
      flows: { gate: { twiml: '<Response><Hangup/></Response>' } },
    });
    expect(withAppRules(result)).toBe(result);
  });

  it('reports a flow of .xml files at its twiml and a webhook flow at its url', () => {
    const result = withAppRules(
      validateScenario({
        flows: {
          files: { twiml: 'flows/press.xml' },
          server: { url: 'http://127.0.0.1:3000/voice' },
        },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.found])).toEqual([
      ['$.flows.files.twiml', '"flows/press.xml"'],
      ['$.flows.server.url', '"http://127.0.0.1:3000/voice"'],
    ]);
    expect(result.issues[0]!.expected).toMatch(/^an inline TwiML document in the app/);
    expect(result.issues[1]!.expected).toMatch(
      /^a flow with an inline "twiml" document in the app/,
    );
  });
});
