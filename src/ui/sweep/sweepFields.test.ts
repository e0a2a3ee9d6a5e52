import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import { bundledScenario } from '../scenario/bundled.ts';
import {
  groupedChoices,
  suggestedRange,
  sweepFieldChoices,
  SUGGESTED_GROUP,
} from './sweepFields.ts';

const bundled = (id: string) => loadScenario(JSON.parse(bundledScenario(id)!.text));

describe('the field picker', () => {
  it('offers the suggested fields first, with their values now, then every other number by section', () => {
    const choices = sweepFieldChoices(bundled('amd-greeting-length-sweep'));
    expect(choices.slice(0, 9)).toEqual([
      { path: 'amd.afterGreetingSilenceMs', value: 800, group: SUGGESTED_GROUP },
      { path: 'amd.greetingMs', value: 1500, group: SUGGESTED_GROUP },
      { path: 'amd.initialSilenceMs', value: 2500, group: SUGGESTED_GROUP },
      { path: 'service.gatherTimeoutSeconds', value: 5, group: SUGGESTED_GROUP },
      { path: 'person.answerProbability', value: 0.9, group: SUGGESTED_GROUP },
      { path: 'person.patienceSeconds', value: 4, group: SUGGESTED_GROUP },
      { path: 'voicemail.pickupAfterSeconds', value: 25, group: SUGGESTED_GROUP },
      { path: 'voicemail.greeting.0.speech', value: 0.6, group: SUGGESTED_GROUP },
      { path: 'voicemail.greeting.1.silence', value: 3, group: SUGGESTED_GROUP },
    ]);
    expect(choices[9]).toEqual({
      path: 'startSpreadSeconds',
      value: 86400,
      group: 'startSpreadSeconds',
    });
    expect(groupedChoices(choices).map((g) => g.group)).toEqual([
      SUGGESTED_GROUP,
      'startSpreadSeconds',
      'signal',
      'code',
      'service',
      'person',
      'voicemail',
      'attacker',
      'amd',
      'platform',
    ]);
  });

  it('never offers the seed, the trials, thresholds, the sweep or the start time, and lists each path once', () => {
    const paths = sweepFieldChoices(bundled('amd-greeting-length-sweep')).map((c) => c.path);
    expect(paths.filter((p) => /^(seed|trials|expect|sweep|startEpochSeconds)\b/.test(p))).toEqual(
      [],
    );
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("suggests each TwiML flow's call options", () => {
    const suggested = sweepFieldChoices(bundled('twiml-amd-gates'))
      .filter((c) => c.group === SUGGESTED_GROUP)
      .map((c) => c.path);
    expect(suggested).toContain('flows.amd-enable.machineDetectionSpeechEndThreshold');
    expect(suggested).toContain('flows.amd-message-end.machineDetectionSilenceTimeout');
  });
});

describe('the range suggested for a field just picked', () => {
  it('is nine values a power of ten apart around the value, near a quarter of it', () => {
    expect(suggestedRange('amd.afterGreetingSilenceMs', 800)).toEqual({
      from: 400,
      to: 1200,
      step: 100,
    });
    expect(suggestedRange('amd.greetingMs', 1500)).toEqual({ from: 1100, to: 1900, step: 100 });
    expect(suggestedRange('service.gatherTimeoutSeconds', 5)).toEqual({ from: 1, to: 9, step: 1 });
  });

  it('stays at or above 0, and within [0, 1] for a probability or a rate', () => {
    expect(suggestedRange('person.answerProbability', 0.9)).toEqual({
      from: 0.5,
      to: 1,
      step: 0.1,
    });
    expect(suggestedRange('person.keypressErrorRate', 0.02)).toEqual({
      from: 0.016,
      to: 0.024,
      step: 0.001,
    });
    expect(suggestedRange('platform.webhookLatencySeconds', 0)).toEqual({
      from: 0,
      to: 4,
      step: 1,
    });
  });
});
