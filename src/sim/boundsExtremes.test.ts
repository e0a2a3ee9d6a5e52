/**
 * A scenario with every field at its bound compiles and runs (scenario/bounds.ts): every
 * strategy, at both fidelities, with a few trials. Nothing here measures time: the test only
 * has to finish, which it did not when the bounds were missing (an app_amd analysis near 2^53 ms
 * never ended; a day-long key tone or hello at signal level was rendered in full).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_WEBHOOK_SECONDS,
  loadScenario,
  MAX_START_EPOCH_SECONDS,
  MAX_START_SPREAD_SECONDS,
  STRATEGY_IDS,
  type ScenarioInput,
  type StrategyId,
} from '../scenario/index.ts';
import { scenarioJsonSchema } from '../scenario/jsonSchema.ts';
import { runScenarioSync } from './runPlan.ts';

/** The widest lognormal at a field's bound: its median at the bound, sigma at 2. */
const widest = (median: number) => ({ lognormal: { median, sigma: 2 } });

/** 200 segments, 10,000 tones and an hour: the greeting's own bounds (greetingBounds.ts). */
const GREETING_AT_BOUNDS = [
  ...Array.from({ length: 199 }, () => ({ speech: 10 })),
  {
    dtmf: '1234567890'.repeat(10),
    toneMs: 80,
    gapMs: 81,
    repeat: 100,
    levelDbfs: 0,
    twistDb: 20,
  },
];

const MAX_AMD = {
  initialSilenceMs: 60_000,
  greetingMs: 60_000,
  afterGreetingSilenceMs: 60_000,
  totalAnalysisTimeMs: 60_000,
  minimumWordLengthMs: 60_000,
  betweenWordsSilenceMs: 60_000,
  maximumNumberOfWords: 1500,
  silenceThreshold: 32_767,
  maximumWordLengthMs: 60_000,
};

/** Every bounded field at its maximum, but one trial. */
function atMaxima(fidelity: 'event' | 'signal', code: ScenarioInput['code']): ScenarioInput {
  return {
    name: 'Every field at its maximum',
    seed: 4_294_967_295,
    trials: 1,
    strategies: [...STRATEGY_IDS],
    startEpochSeconds: MAX_START_EPOCH_SECONDS,
    startSpreadSeconds: MAX_START_SPREAD_SECONDS,
    fidelity,
    signal: {
      snrDb: 100,
      speechLevelDbfs: 0,
      toneLevelDbfs: 0,
      twistDb: 20,
      keyToneSeconds: widest(10),
    },
    code,
    service: {
      ringTimeoutSeconds: 600,
      promptSeconds: 60,
      readoutSeconds: 60,
      readoutRepeats: 10,
      promptDigits: '0123456789',
      gatherTimeoutSeconds: 60,
      wrongKeyRetries: 9,
      dtmfDetectMs: 1000,
      maxSendsPer10Minutes: 100,
      maxCheckAttempts: 100,
    },
    person: {
      answerProbability: 1,
      answerDelaySeconds: widest(600),
      greetingDelaySeconds: widest(60),
      greetingSeconds: widest(60),
      patienceSeconds: widest(60),
      reactionSeconds: widest(60),
      keypressErrorRate: 1,
      codeEntryErrorRate: 1,
      entrySeconds: widest(3600),
    },
    voicemail: {
      pickupAfterSeconds: 600,
      maxRecordSeconds: 3600,
      beepSeconds: 60,
      greeting: GREETING_AT_BOUNDS,
      pin: {
        length: 10,
        choice: 'uniform',
        lockoutAfter: 10 ** 10,
        keptDefaultProbability: 1,
        guessesPerCall: 10 ** 10,
      },
    },
    attacker: {
      victimAnswerProbability: 1,
      retrievalSeconds: widest(86_400),
      attempts: 100,
      retrySeconds: 86_400,
      guessBudget: 10 ** 10,
    },
    amd: MAX_AMD,
    platform: {
      webhookTimeoutSeconds: MAX_WEBHOOK_SECONDS,
      webhookLatencySeconds: widest(MAX_WEBHOOK_SECONDS),
    },
    // No expectWorstCase: a search at these settings is bounded by its own hour (runBounds.ts).
    worstCaseSearch: { budget: 10_000, trials: 100_000 },
  };
}

/** Every bounded field at its minimum, for one strategy. */
function atMinima(strategy: StrategyId, fidelity: 'event' | 'signal'): ScenarioInput {
  return {
    name: 'Every field at its minimum',
    seed: 0,
    trials: 1,
    strategies: [strategy],
    startEpochSeconds: 0,
    startSpreadSeconds: 0,
    fidelity,
    signal: { snrDb: 0, speechLevelDbfs: -60, toneLevelDbfs: -60, twistDb: -20, keyToneSeconds: 0 },
    code: { kind: 'totp', digits: 6, periodSeconds: 1, window: 0 },
    service: {
      ringTimeoutSeconds: 0,
      promptSeconds: 0,
      readoutSeconds: 0.001,
      readoutRepeats: 1,
      promptDigits: '0',
      gatherTimeoutSeconds: 0,
      wrongKeyRetries: 0,
      dtmfDetectMs: 1,
      maxSendsPer10Minutes: 1,
      maxCheckAttempts: 1,
    },
    person: {
      answerProbability: 0,
      answerDelaySeconds: 0,
      greetingDelaySeconds: 0,
      greetingSeconds: 0,
      patienceSeconds: 0,
      reactionSeconds: 0,
      keypressErrorRate: 0,
      codeEntryErrorRate: 0,
      entrySeconds: 0,
    },
    voicemail: {
      pickupAfterSeconds: 0,
      maxRecordSeconds: 0.001,
      beepSeconds: 0,
      greeting: [],
      pin: { length: 4, choice: 'uniform', lockoutAfter: 1, guessesPerCall: 1 },
    },
    attacker: {
      victimAnswerProbability: 0,
      retrievalSeconds: 0,
      attempts: 1,
      retrySeconds: 0,
      guessBudget: 0,
    },
    amd: {
      initialSilenceMs: 0,
      greetingMs: 0,
      afterGreetingSilenceMs: 0,
      totalAnalysisTimeMs: 20,
      minimumWordLengthMs: 0,
      betweenWordsSilenceMs: 0,
      maximumNumberOfWords: 0,
      silenceThreshold: 0,
      maximumWordLengthMs: 0,
    },
  };
}

interface SchemaNode {
  readonly properties?: Record<string, SchemaNode>;
  readonly anyOf?: readonly SchemaNode[];
  readonly maximum?: number;
}

/**
 * Every field of the JSON Schema with a maximum (a duration's is its number branch's), as
 * paths, except those the maxima scenario sets otherwise on purpose: the trials (one, so the
 * run stays small), the greeting (at its own bounds above) and the code (a union, both kinds
 * run).
 */
function boundedFields(node: SchemaNode, keys: string[] = []): [string[], number][] {
  const found: [string[], number][] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const here = [...keys, key];
    if (['trials', 'greeting', 'code', 'expect'].includes(key)) continue;
    const maximum = child.maximum ?? child.anyOf?.[0]?.maximum;
    if (maximum !== undefined) found.push([here, maximum]);
    found.push(...boundedFields(child, here));
  }
  return found;
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);
}

const TOTP_AT_MAXIMA = {
  kind: 'totp',
  digits: 8,
  periodSeconds: 3600,
  window: 10,
  algorithm: 'sha512',
} as const;
const TTL_AT_MAXIMA = { kind: 'ttl', digits: 10, ttlSeconds: 86_400 } as const;

describe('a scenario with every field at its bound', () => {
  it('sets every bounded field of the schema to its maximum', () => {
    const input = atMaxima('event', TOTP_AT_MAXIMA);
    const fields = boundedFields(scenarioJsonSchema());
    expect(fields.length).toBeGreaterThan(40);
    for (const [keys, maximum] of fields) {
      const value = valueAt(input, keys);
      const given =
        typeof value === 'object' && value !== null && 'lognormal' in value
          ? (value as { lognormal: { median: number } }).lognormal.median
          : value;
      expect(given, keys.join('.')).toBe(maximum);
    }
  });

  it.each([
    ['event', TOTP_AT_MAXIMA],
    ['event', TTL_AT_MAXIMA],
    ['signal', TOTP_AT_MAXIMA],
  ] as const)('at its maxima runs every strategy at fidelity %s with code %j', (fidelity, code) => {
    const scenario = loadScenario(atMaxima(fidelity, code));
    const results = runScenarioSync(scenario);
    expect(Object.keys(results.strategies)).toEqual([...STRATEGY_IDS]);
  });

  it('at its maxima with the box answering (its hour-long greeting on every call) runs', () => {
    const input = atMaxima('signal', TOTP_AT_MAXIMA);
    const scenario = loadScenario({
      ...input,
      voicemail: { ...input.voicemail, pickupAfterSeconds: 0 },
      attacker: { ...input.attacker, victimAnswerProbability: 0, attempts: 1 },
    });
    const results = runScenarioSync(scenario);
    expect(Object.keys(results.strategies)).toEqual([...STRATEGY_IDS]);
  });

  it.each(
    STRATEGY_IDS.flatMap((strategy) => [
      [strategy, 'event'] as const,
      [strategy, 'signal'] as const,
    ]),
  )('at its minima runs %s at fidelity %s', (strategy, fidelity) => {
    const scenario = loadScenario(atMinima(strategy, fidelity));
    const results = runScenarioSync(scenario);
    expect(Object.keys(results.strategies)).toEqual([strategy]);
  });
});
