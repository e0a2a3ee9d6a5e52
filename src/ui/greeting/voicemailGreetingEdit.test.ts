import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario/index.ts';
import { editScenarioText } from '../scenario/form/editScenarioText.ts';
import { useAsVoicemailGreeting } from './voicemailGreetingEdit.ts';

const SEGMENTS = [{ speech: 0.6 }, { silence: 1 }, { dtmf: '1', toneMs: 120, gapMs: 0, repeat: 1 }];

describe('useAsVoicemailGreeting', () => {
  it('replaces the greeting and enables voicemail, keeping the other voicemail settings', () => {
    const text = JSON.stringify({
      name: 'Mine',
      voicemail: { enabled: false, pickupAfterSeconds: 20, greeting: [{ speech: 6 }] },
    });
    const outcome = editScenarioText(text, useAsVoicemailGreeting(SEGMENTS));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const result = parseScenarioText(outcome.text);
    expect(result.ok && result.scenario.voicemail).toMatchObject({
      enabled: true,
      pickupAfterSeconds: 20,
      greeting: SEGMENTS,
    });
  });

  it('adds a voicemail section to a scenario that left it to the defaults', () => {
    const outcome = editScenarioText('{ "name": "Bare" }', useAsVoicemailGreeting(SEGMENTS));
    expect(outcome.ok && JSON.parse(outcome.text).voicemail).toEqual({
      enabled: true,
      greeting: SEGMENTS,
    });
  });
});
