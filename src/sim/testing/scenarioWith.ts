import type { Scenario, ScenarioInput } from '../../scenario/index.ts';
import { loadScenario } from '../../scenario/index.ts';
import { compileScenario, type CompiledScenario } from '../compile.ts';

/**
 * A scenario with every duration fixed, so a call's timeline can be worked out by hand:
 * person answers at 6 s, says "Hello?" from 0.3 s to 0.9 s after answering; prompts 3 s,
 * readouts 4 s; the box picks up at 25 s with a 6 s greeting, 0.5 s of silence and a 0.5 s beep.
 */
const DETERMINISTIC_BASE = {
  seed: 1,
  trials: 1,
  startSpreadSeconds: 0,
  service: {
    ringTimeoutSeconds: 60,
    promptSeconds: 3,
    readoutSeconds: 4,
    readoutRepeats: 3,
    gatherTimeoutSeconds: 5,
    dtmfDetectMs: 40,
  },
  person: {
    answerProbability: 1,
    answerDelaySeconds: 6,
    greetingDelaySeconds: 0.3,
    greetingSeconds: 0.6,
    patienceSeconds: 4,
    reactionSeconds: 1,
    keypressErrorRate: 0,
    entrySeconds: 8,
  },
  voicemail: {
    enabled: true,
    pickupAfterSeconds: 25,
    maxRecordSeconds: 120,
    beepSeconds: 0.5,
    greeting: [{ speech: 6 }, { silence: 0.5 }],
  },
  attacker: {
    victimAnswerProbability: 0,
    retrievalSeconds: 30,
    attempts: 5,
    retrySeconds: 90,
  },
} satisfies ScenarioInput;

const SECTIONS = ['service', 'person', 'voicemail', 'attacker', 'amd'] as const;

/** The deterministic base with `overrides` merged one section deep, validated with every default filled in. */
export function scenarioWith(overrides: ScenarioInput = {}): Scenario {
  const merged: Record<string, unknown> = { ...DETERMINISTIC_BASE, ...overrides };
  for (const section of SECTIONS) {
    merged[section] = { ...(DETERMINISTIC_BASE as ScenarioInput)[section], ...overrides[section] };
  }
  return loadScenario(merged);
}

export function compiledWith(overrides: ScenarioInput = {}): CompiledScenario {
  return compileScenario(scenarioWith(overrides));
}
