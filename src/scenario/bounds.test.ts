/**
 * Each bound of the scenario format (bounds.ts), family by family: the value at the bound is
 * accepted, the value just past it is refused with one issue at its JSON path saying what was
 * expected and what was found, and the published JSON Schema carries the bound so editors show
 * it. Every document here runs a single trial, so the run's size (runBounds.ts, tested at the
 * end) never gets in the way.
 */
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  loadScenario,
  MAX_AMD_ANALYSIS_MS,
  MAX_AMD_SILENCE_THRESHOLD,
  MAX_AMD_WORDS,
  MAX_FLOWS,
  MAX_START_EPOCH_SECONDS,
  MAX_START_SPREAD_SECONDS,
  runBoundIssues,
  runCost,
  validateScenario,
  worstCaseSearchCost,
  type ScenarioIssue,
} from './index.ts';
import { describeValue, jsonPath, type PathKey } from './jsonPath.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';

/** `{ a: { b: value } }` for keys ['a', 'b'], with one trial unless the keys set `trials`. */
function documentWith(keys: readonly PathKey[], value: unknown): Record<string, unknown> {
  let node: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) node = { [keys[i]!]: node };
  return { trials: 1, ...(node as Record<string, unknown>) };
}

function issuesOf(input: unknown): readonly ScenarioIssue[] {
  const result = validateScenario(input);
  return result.ok ? [] : result.issues;
}

/** The JSON Schema node of a field (the branches of a union are under `anyOf`). */
function schemaNodeAt(keys: readonly string[]): Record<string, unknown> {
  let node = scenarioJsonSchema();
  for (const key of keys) {
    node = (node.properties as Record<string, Record<string, unknown>>)[key]!;
  }
  return node;
}

/** Accepted at `atBound`, refused at `over` with one issue at its path: expected, found. */
function expectBound(
  keys: readonly PathKey[],
  atBound: unknown,
  over: unknown,
  expected: string,
  issueKeys: readonly PathKey[] = keys,
  foundValue: unknown = over,
): void {
  expect(
    issuesOf(documentWith(keys, atBound)).map(formatIssue),
    `${jsonPath(keys)} at its bound`,
  ).toEqual([]);
  expect(issuesOf(documentWith(keys, over)), `${jsonPath(keys)} past its bound`).toEqual([
    { path: jsonPath(issueKeys), expected, found: describeValue(foundValue) },
  ]);
}

/** A number field with a maximum: `max` accepted, `max + step` refused; the schema says `max`. */
function expectMaximum(keys: readonly string[], max: number, step: number): void {
  expectBound(keys, max, max + step, `a number ≤ ${max}`);
  expect(schemaNodeAt(keys).maximum, `${jsonPath(keys)} in the JSON Schema`).toBe(max);
}

/** A number field with a minimum: `min` accepted, `min - step` refused. */
function expectMinimum(keys: readonly string[], min: number, step: number): void {
  expectBound(keys, min, min - step, `a number ≥ ${min}`);
  expect(schemaNodeAt(keys).minimum, `${jsonPath(keys)} in the JSON Schema`).toBe(min);
}

describe('duration bounds (seconds)', () => {
  /** Fixed-number fields and their bounds. */
  const FIXED: readonly [readonly string[], number][] = [
    [['service', 'ringTimeoutSeconds'], 600],
    [['service', 'promptSeconds'], 60],
    [['service', 'readoutSeconds'], 60],
    [['service', 'gatherTimeoutSeconds'], 60],
    [['voicemail', 'pickupAfterSeconds'], 600],
    [['voicemail', 'maxRecordSeconds'], 3600],
    [['voicemail', 'beepSeconds'], 60],
    [['attacker', 'retrySeconds'], 86_400],
  ];
  /** Fields that take a number, a uniform or a lognormal, and their bounds. */
  const DISTRIBUTED: readonly [readonly string[], number][] = [
    [['person', 'answerDelaySeconds'], 600],
    [['person', 'greetingDelaySeconds'], 60],
    [['person', 'greetingSeconds'], 60],
    [['person', 'patienceSeconds'], 60],
    [['person', 'reactionSeconds'], 60],
    [['person', 'entrySeconds'], 3600],
    [['attacker', 'retrievalSeconds'], 86_400],
    [['signal', 'keyToneSeconds'], 10],
  ];

  it.each(FIXED)('%j: at most %d s', (keys, max) => {
    expectMaximum(keys, max, 0.001);
  });

  it.each(DISTRIBUTED)(
    '%j: at most %d s as a number, a uniform and a lognormal median',
    (keys, max) => {
      expectBound(keys, max, max + 0.001, `a number ≤ ${max}`);
      expectBound(
        keys,
        { uniform: [0, max] },
        { uniform: [0, max + 1] },
        `a number ≤ ${max}`,
        [...keys, 'uniform', 1],
        max + 1,
      );
      expectBound(
        keys,
        { lognormal: { median: max, sigma: 2 } },
        { lognormal: { median: max + 1, sigma: 2 } },
        `a number ≤ ${max}`,
        [...keys, 'lognormal', 'median'],
        max + 1,
      );
      const branches = schemaNodeAt(keys).anyOf as Record<string, unknown>[];
      expect(branches[0]!.maximum).toBe(max);
    },
  );

  it.each(DISTRIBUTED)('%j: a lognormal sigma of at most 2', (keys) => {
    expectBound(
      keys,
      { lognormal: { median: 1, sigma: 2 } },
      { lognormal: { median: 1, sigma: 2.001 } },
      'a number ≤ 2',
      [...keys, 'lognormal', 'sigma'],
      2.001,
    );
  });

  it('refuses a negative duration as before', () => {
    expectMinimum(['service', 'promptSeconds'], 0, 0.001);
  });
});

describe('code bounds: what otplib, RFC 4226/6238 and Verify accept', () => {
  const ttl = (field: string, value: number) => ({ kind: 'ttl', [field]: value });
  const totp = (field: string, value: number) => ({ kind: 'totp', [field]: value });
  const cases: readonly [
    string,
    Record<string, unknown>,
    Record<string, unknown>,
    string,
    string,
  ][] = [
    ['ttl digits ≤ 10', ttl('digits', 10), ttl('digits', 11), 'digits', 'a number ≤ 10'],
    ['ttl digits ≥ 4', ttl('digits', 4), ttl('digits', 3), 'digits', 'a number ≥ 4'],
    [
      'ttlSeconds ≤ a day',
      ttl('ttlSeconds', 86_400),
      ttl('ttlSeconds', 86_401),
      'ttlSeconds',
      'a number ≤ 86400',
    ],
    ['totp digits ≤ 8', totp('digits', 8), totp('digits', 9), 'digits', 'a number ≤ 8'],
    ['totp digits ≥ 6', totp('digits', 6), totp('digits', 5), 'digits', 'a number ≥ 6'],
    [
      'periodSeconds ≤ 3600',
      totp('periodSeconds', 3600),
      totp('periodSeconds', 3601),
      'periodSeconds',
      'a number ≤ 3600',
    ],
    [
      'periodSeconds ≥ 1',
      totp('periodSeconds', 1),
      totp('periodSeconds', 0),
      'periodSeconds',
      'a number ≥ 1',
    ],
    ['window ≤ 10', totp('window', 10), totp('window', 11), 'window', 'a number ≤ 10'],
  ];

  it.each(cases)('%s', (_, atBound, over, field, expected) => {
    expect(issuesOf({ trials: 1, code: atBound })).toEqual([]);
    expect(issuesOf({ trials: 1, code: over })).toEqual([
      { path: `$.code.${field}`, expected, found: describeValue(over[field]) },
    ]);
  });

  it('refuses the audit period of 7200 s at the code', () => {
    expect(issuesOf({ code: { kind: 'totp', periodSeconds: 7200 } }).map(formatIssue)).toEqual([
      '$.code.periodSeconds: expected a number ≤ 3600, found the number 7200',
    ]);
  });
});

describe('app_amd bounds: a minute of analysis', () => {
  const TIMINGS = [
    'initialSilenceMs',
    'greetingMs',
    'afterGreetingSilenceMs',
    'totalAnalysisTimeMs',
    'minimumWordLengthMs',
    'betweenWordsSilenceMs',
    'maximumWordLengthMs',
  ] as const;

  it('are a minute, 1500 words and the 16-bit full scale', () => {
    expect([MAX_AMD_ANALYSIS_MS, MAX_AMD_WORDS, MAX_AMD_SILENCE_THRESHOLD]).toEqual([
      60_000, 1500, 32_767,
    ]);
  });

  it.each(TIMINGS)('%s: at most 60000 ms', (field) => {
    expectMaximum(['amd', field], 60_000, 1);
  });

  it('maximumNumberOfWords: at most 1500; silenceThreshold: at most 32767', () => {
    expectMaximum(['amd', 'maximumNumberOfWords'], 1500, 1);
    expectMaximum(['amd', 'silenceThreshold'], 32_767, 1);
  });

  it('totalAnalysisTimeMs: at least one 20 ms frame', () => {
    expectMinimum(['amd', 'totalAnalysisTimeMs'], 20, 1);
  });

  it("includes Twilio's ranges (MachineDetectionTimeout up to 59 s, the thresholds up to 10 s)", () => {
    expect(
      issuesOf({
        trials: 1,
        amd: {
          totalAnalysisTimeMs: 59_000,
          initialSilenceMs: 10_000,
          greetingMs: 6000,
          afterGreetingSilenceMs: 5000,
        },
      }),
    ).toEqual([]);
  });
});

describe('count bounds', () => {
  const COUNTS: readonly [readonly string[], number][] = [
    [['service', 'readoutRepeats'], 10],
    [['service', 'wrongKeyRetries'], 9],
    [['service', 'maxSendsPer10Minutes'], 100],
    [['service', 'maxCheckAttempts'], 100],
    [['attacker', 'attempts'], 100],
    [['attacker', 'guessBudget'], 10 ** 10],
    [['voicemail', 'pin', 'lockoutAfter'], 10 ** 10],
    [['voicemail', 'pin', 'guessesPerCall'], 10 ** 10],
    [['service', 'dtmfDetectMs'], 1000],
    [['seed'], 4_294_967_295],
  ];

  it.each(COUNTS)('%j: at most %d', (keys, max) => {
    const node = schemaNodeAt(keys);
    expectBound(keys, max, max + 1, `a number ≤ ${max}`);
    // lockoutAfter is nullable: its bound is on the number branch.
    const maximum = node.maximum ?? (node.anyOf as Record<string, unknown>[])[0]!.maximum;
    expect(maximum).toBe(max);
  });

  it('wrongKeyRetries: a whole number from 0', () => {
    expect(issuesOf(documentWith(['service', 'wrongKeyRetries'], 0))).toEqual([]);
    expect(issuesOf(documentWith(['service', 'wrongKeyRetries'], -1)).map(formatIssue)).toEqual([
      '$.service.wrongKeyRetries: expected a number ≥ 0, found the number -1',
    ]);
    expect(issuesOf(documentWith(['service', 'wrongKeyRetries'], 1.5)).map(formatIssue)).toEqual([
      '$.service.wrongKeyRetries: expected an integer, found the number 1.5',
    ]);
  });

  it('PIN length: 4 to 10 digits (uniform PINs; "common" PINs are 4 digits)', () => {
    const pin = (length: number) => ({ voicemail: { pin: { choice: 'uniform', length } } });
    expect(issuesOf({ trials: 1, ...pin(10) })).toEqual([]);
    expect(issuesOf({ trials: 1, ...pin(4) })).toEqual([]);
    expect(issuesOf({ trials: 1, ...pin(11) }).map(formatIssue)).toEqual([
      '$.voicemail.pin.length: expected a number ≤ 10, found the number 11',
    ]);
    expect(issuesOf({ trials: 1, ...pin(3) }).map(formatIssue)).toEqual([
      '$.voicemail.pin.length: expected a number ≥ 4, found the number 3',
    ]);
  });

  it('strategies: the four and at most MAX_FLOWS declared flows, each once', () => {
    const four = ['naive', 'static-prompt', 'amd', 'random-digit'];
    const flowIds = Array.from({ length: MAX_FLOWS }, (_, i) => `flow-${i}`);
    const flows = Object.fromEntries(flowIds.map((id) => [id, { twiml: '<Response/>' }]));
    expect(issuesOf({ trials: 1, strategies: four })).toEqual([]);
    expect(issuesOf({ trials: 1, flows, strategies: [...four, ...flowIds] })).toEqual([]);
    expect(issuesOf({ trials: 1, flows, strategies: [...four, ...flowIds, 'naive'] })).toEqual([
      {
        path: '$.strategies',
        expected: `a list with ≤ ${4 + MAX_FLOWS} items`,
        found: `a list of ${5 + MAX_FLOWS} items`,
      },
    ]);
    expect(schemaNodeAt(['strategies']).maxItems).toBe(4 + MAX_FLOWS);
  });

  it('trials: at most 10^7 per strategy, which one strategy with one attempt can run', () => {
    const cheap = { strategies: ['naive'], attacker: { attempts: 1 } };
    expect(issuesOf({ ...cheap, trials: 10_000_000 })).toEqual([]);
    expect(issuesOf({ ...cheap, trials: 10_000_001 }).map(formatIssue)).toEqual([
      '$.trials: expected a number ≤ 10000000, found the number 10000001',
    ]);
  });
});

describe('time of the trials', () => {
  it('startEpochSeconds: at most 9999-12-31T23:59:59Z', () => {
    expect(MAX_START_EPOCH_SECONDS).toBe(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000);
    expectMaximum(['startEpochSeconds'], MAX_START_EPOCH_SECONDS, 1);
  });

  it('startSpreadSeconds: at most 366 days', () => {
    expect(MAX_START_SPREAD_SECONDS).toBe(366 * 86_400);
    expectMaximum(['startSpreadSeconds'], MAX_START_SPREAD_SECONDS, 1);
  });
});

describe('signal-level bounds', () => {
  it('levels from -60 to 0 dBFS, twist within ±20 dB, SNR from 0 to 100 dB', () => {
    for (const field of ['speechLevelDbfs', 'toneLevelDbfs']) {
      expectMaximum(['signal', field], 0, 0.5);
      expectMinimum(['signal', field], -60, 0.5);
    }
    expectMaximum(['signal', 'twistDb'], 20, 0.5);
    expectMinimum(['signal', 'twistDb'], -20, 0.5);
    expectMaximum(['signal', 'snrDb'], 100, 0.5);
    expectMinimum(['signal', 'snrDb'], 0, 0.5);
  });
});

describe("the run's size, at $.trials", () => {
  it('fits 12,500,000 trials of the defaults (4 strategies × 6 calls at 12 µs) in an hour: more than the format allows', () => {
    const cost = runCost(loadScenario({ trials: 1 }));
    expect(cost).toMatchObject({ callsPerTrial: 24, callUs: 12, maxTrials: 12_500_000 });
    expect(issuesOf({ trials: 10_000_000 })).toEqual([]);
  });

  it('fits 6,818,181 trials of 4 strategies × 11 calls at 12 µs in an hour', () => {
    const campaign = { attacker: { attempts: 10 } };
    expect(runCost(loadScenario({ trials: 1, ...campaign })).maxTrials).toBe(6_818_181);
    expect(issuesOf({ ...campaign, trials: 6_818_181 })).toEqual([]);
    expect(issuesOf({ ...campaign, trials: 6_818_182 })).toEqual([
      {
        path: '$.trials',
        expected:
          'at most 6818181 trials here (a run is bounded to 1 hour of CPU: trials × 4 strategies × (10 attacker.attempts + 1) calls, about 12 µs a call at fidelity "event" with this greeting and AMD)',
        found: 'the number 6818182 (300000008 calls, about 1.00 hours of CPU)',
      },
    ]);
  });

  it('prices each call of a url flow 2 ms more: its requests to the webhook', () => {
    const input = {
      flows: { ours: { url: 'http://127.0.0.1:3000/voice' } },
      strategies: ['naive', 'ours'],
      attacker: { attempts: 1 },
    };
    const cost = runCost(loadScenario({ ...input, trials: 1 }));
    // 2 strategies × 2 calls at 12 µs, and ours' 2 calls at 2 ms more: 4.048 ms a trial.
    expect(cost).toMatchObject({ callsPerTrial: 4, callUs: 12, maxTrials: 889_328 });
    expect(issuesOf({ ...input, trials: 889_329 }).map(formatIssue)).toEqual([
      '$.trials: expected at most 889328 trials here (a run is bounded to 1 hour of CPU: trials × 2 strategies × (1 attacker.attempts + 1) calls, about 12 µs a call at fidelity "event" with this greeting and AMD, 2.00 ms more for each call of a url flow (ours)), found the number 889329 (3557316 calls, about 1.00 hours of CPU)',
    ]);
  });

  it('counts every strategy and every campaign call: 10^7 trials of four strategies × 11 calls is 1.47 hours', () => {
    expect(issuesOf({ trials: 10_000_000, attacker: { attempts: 10 } }).map(formatIssue)).toEqual([
      '$.trials: expected at most 6818181 trials here (a run is bounded to 1 hour of CPU: trials × 4 strategies × (10 attacker.attempts + 1) calls, about 12 µs a call at fidelity "event" with this greeting and AMD), found the number 10000000 (440000000 calls, about 1.47 hours of CPU)',
    ]);
    expect(
      issuesOf({ trials: 10_000, attacker: { attempts: 100 } }).map((issue) => issue.path),
    ).toEqual([]);
    expect(runCost(loadScenario({ trials: 1, attacker: { attempts: 100 } })).maxTrials).toBe(
      742_574,
    );
  });

  it('costs more at signal level, and more with a longer greeting', () => {
    // 6.5 s of carrier greeting and 0.5 s of beep: 12 µs + 1 ms + 7 s × 150 µs.
    const signal = runCost(loadScenario({ trials: 1, fidelity: 'signal' }));
    expect(signal.callUs).toBe(2062);
    expect(signal.maxTrials).toBe(72_744);
    const hour = { fidelity: 'signal', voicemail: { greeting: [{ speech: 3600 }] } };
    const cost = runCost(loadScenario({ trials: 1, ...hour }));
    expect(cost.maxTrials).toBe(277);
    expect(issuesOf({ ...hour, trials: 277 })).toEqual([]);
    expect(issuesOf({ ...hour, trials: 278 }).map(formatIssue)).toEqual([
      '$.trials: expected at most 277 trials here (a run is bounded to 1 hour of CPU: trials × 4 strategies × (5 attacker.attempts + 1) calls, about 541 ms a call at fidelity "signal" with this greeting and AMD), found the number 278 (6672 calls, about 1.00 hours of CPU)',
    ]);
  });

  it("counts the greeting's tones at event level and app_amd's analysis past 5 s", () => {
    const tones = { voicemail: { greeting: [{ dtmf: '1234567890', repeat: 1000 }] } };
    expect(runCost(loadScenario({ trials: 1, ...tones })).callUs).toBe(2012);
    const analysis = { amd: { totalAnalysisTimeMs: 60_000 } };
    expect(runCost(loadScenario({ trials: 1, ...analysis })).callUs).toBe(12 + 55 * 15);
  });

  it("counts a recording's length once it is known", () => {
    const scenario = loadScenario({
      trials: 300,
      fidelity: 'signal',
      voicemail: { greeting: [{ audio: 'long.wav' }] },
    });
    expect(runBoundIssues(scenario)).toEqual([]);
    expect(runBoundIssues(scenario, () => 3_000_000)).toEqual([]);
    expect(runBoundIssues(scenario, () => 3_500_000).map((issue) => issue.path)).toEqual([
      '$.trials',
    ]);
  });

  it('is not judged for a greeting already past its own bounds', () => {
    expect(
      issuesOf({
        fidelity: 'signal',
        voicemail: { greeting: [{ speech: 3600 }, { speech: 1 }] },
      }).map((issue) => issue.path),
    ).toEqual(['$.voicemail.greeting']);
  });
});

describe('the worst-case searches, at $.worstCaseSearch', () => {
  const bounded = {
    trials: 1,
    strategies: ['random-digit'],
    expectWorstCase: { 'random-digit': { campaignInterceptionRate: { max: 0.45 } } },
  };

  it('takes a budget of 1 to 10,000 candidates and 1 to 100,000 confirmation trials', () => {
    expectBound(['worstCaseSearch', 'budget'], 10_000, 10_001, 'a number ≤ 10000');
    expectBound(['worstCaseSearch', 'budget'], 1, 0, 'a number ≥ 1');
    expectBound(['worstCaseSearch', 'trials'], 100_000, 100_001, 'a number ≤ 100000');
    expect(schemaNodeAt(['worstCaseSearch', 'budget']).maximum).toBe(10_000);
    expect(schemaNodeAt(['worstCaseSearch', 'trials']).maximum).toBe(100_000);
  });

  it('prices each search at its most: every candidate to the last rung, 3 confirmed', () => {
    // 300 × 1350 + 3 × 2000 = 411,000 trials of 5 calls at 12 µs + 160 tones × 0.2 µs.
    const cost = worstCaseSearchCost(loadScenario(bounded));
    expect(cost).toMatchObject({ searches: 1, callsPerTrial: 5, callUs: 44 });
    expect(cost.cpuSeconds).toBeCloseTo((411_000 * 5 * 44) / 1e6, 9);
    expect(worstCaseSearchCost(loadScenario({ trials: 1 }))).toMatchObject({
      searches: 0,
      cpuSeconds: 0,
    });
  });

  it('bounds them to an hour of CPU apart from the run, saying how many candidates fit', () => {
    const many = { ...bounded, attacker: { attempts: 100 } };
    // (3.6e9 µs − 3 × 100,000 trials × 100 calls × 44 µs) / (4050 trials × 100 calls × 44 µs) = 127.9.
    expect(
      worstCaseSearchCost(
        loadScenario({ ...many, worstCaseSearch: { budget: 127, trials: 100_000 } }),
      ),
    ).toMatchObject({ maxBudget: 127 });
    expect(issuesOf({ ...many, worstCaseSearch: { budget: 127, trials: 100_000 } })).toEqual([]);
    expect(issuesOf({ ...many, worstCaseSearch: { budget: 128, trials: 100_000 } })).toEqual([
      {
        path: '$.worstCaseSearch.budget',
        expected:
          'at most 127 candidates here (the expectWorstCase searches are bounded to 1 hour of CPU: 1 search of up to 818400 attack trials each, 100 calls a trial in all, about 44 µs a call)',
        found: 'the number 128 (about 1.00 hours of CPU)',
      },
    ]);
  });
});
