import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  formatIssues,
  loadScenario,
  parseScenarioText,
  ScenarioError,
  validateScenario,
  type ScenarioIssue,
} from './index.ts';

/** The example in the engine issue, which must be valid exactly as written. */
const EXAMPLE_TEXT = readFileSync(
  new URL('../../scenarios/night-attack-dtmf-1.json', import.meta.url),
  'utf8',
);

/** A scenario being broken on purpose: any shape goes. */
type Editable = any;

/** The example with one edit applied. */
function exampleWith(edit: (scenario: Editable) => void): unknown {
  const scenario = JSON.parse(EXAMPLE_TEXT);
  edit(scenario);
  return scenario;
}

function issuesOf(input: unknown): readonly ScenarioIssue[] {
  const result = validateScenario(input);
  if (result.ok) throw new Error('expected the scenario to be invalid, but it validated');
  return result.issues;
}

describe('validateScenario: valid input', () => {
  it('accepts the example from the engine issue as written', () => {
    const result = parseScenarioText(EXAMPLE_TEXT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.trials).toBe(20000);
    expect(result.scenario.voicemail.greeting[2]).toEqual({
      dtmf: '1',
      toneMs: 120,
      gapMs: 80,
      repeat: 10,
    });
    expect(result.scenario.expect).toEqual({ 'random-digit': { interceptionRate: { max: 0.15 } } });
  });

  it('fills in the defaults the example leaves out', () => {
    const scenario = loadScenario(JSON.parse(EXAMPLE_TEXT));
    expect(scenario.service.staticDigit).toBe('1');
    expect(scenario.voicemail.pin).toEqual({
      length: 4,
      choice: 'common',
      lockoutAfter: null,
      keptDefaultProbability: 0.3,
      guessesPerCall: 3,
    });
    expect(scenario.person.reactionSeconds).toEqual({ lognormal: { median: 1.2, sigma: 0.3 } });
  });

  it('accepts an empty object and gives every field its documented default', () => {
    const scenario = loadScenario({});
    expect(scenario).toMatchObject({
      name: 'Untitled scenario',
      description: '',
      seed: 1,
      trials: 10000,
      strategies: ['naive', 'static-prompt', 'amd', 'random-digit'],
      startEpochSeconds: 1767225600,
      startSpreadSeconds: 86400,
      fidelity: 'event',
      expect: {},
    });
    expect(scenario.code).toEqual({ kind: 'ttl', digits: 6, ttlSeconds: 600 });
    expect(scenario.service).toEqual({
      ringTimeoutSeconds: 60,
      promptSeconds: 3,
      readoutSeconds: 4,
      readoutRepeats: 3,
      promptDigits: '0123456789',
      staticDigit: '1',
      gatherTimeoutSeconds: 5,
      wrongKeyRetries: 0,
      dtmfDetectMs: 40,
      maxSendsPer10Minutes: 5,
      maxCheckAttempts: 5,
    });
    expect(scenario.person.answerProbability).toBe(0.9);
    expect(scenario.person.answerDelaySeconds).toEqual({ lognormal: { median: 6, sigma: 0.4 } });
    expect(scenario.voicemail).toMatchObject({
      enabled: true,
      pickupAfterSeconds: 25,
      maxRecordSeconds: 120,
      beepSeconds: 0.5,
    });
    expect(scenario.voicemail.greeting).toEqual([{ speech: 6 }, { silence: 0.5 }]);
    expect(scenario.attacker).toEqual({
      victimAnswerProbability: 0.02,
      retrievalSeconds: { uniform: [20, 60] },
      attempts: 5,
      retrySeconds: 90,
      guessBudget: 300,
    });
  });

  it('defaults the AMD parameters to Asterisk amd.conf.sample', () => {
    const { amd } = loadScenario({});
    expect(amd).toEqual({
      initialSilenceMs: 2500,
      greetingMs: 1500,
      afterGreetingSilenceMs: 800,
      totalAnalysisTimeMs: 5000,
      minimumWordLengthMs: 100,
      betweenWordsSilenceMs: 50,
      maximumNumberOfWords: 2,
      silenceThreshold: 256,
      maximumWordLengthMs: 5000,
      onMachine: 'hangup',
      onNotSure: 'human',
    });
  });

  it('fills in the defaults inside a partly given section', () => {
    const scenario = loadScenario({
      amd: { greetingMs: 2000 },
      code: { kind: 'totp' },
      voicemail: { greeting: [{ dtmf: '#' }] },
    });
    expect(scenario.amd.greetingMs).toBe(2000);
    expect(scenario.amd.initialSilenceMs).toBe(2500);
    expect(scenario.code).toEqual({
      kind: 'totp',
      digits: 6,
      periodSeconds: 30,
      window: 1,
      algorithm: 'sha1',
    });
    expect(scenario.voicemail.greeting).toEqual([{ dtmf: '#', toneMs: 120, gapMs: 80, repeat: 1 }]);
    expect(scenario.voicemail.pin.choice).toBe('common');
  });

  it('accepts its own output again, unchanged (defaults are idempotent)', () => {
    const once = loadScenario(JSON.parse(EXAMPLE_TEXT));
    expect(loadScenario(structuredClone(once))).toEqual(once);
    const fromEmpty = loadScenario({});
    expect(loadScenario(structuredClone(fromEmpty))).toEqual(fromEmpty);
  });
});

describe('validateScenario: one issue per mistake, at its JSON path', () => {
  const cases: { mistake: string; input: unknown; issue: ScenarioIssue }[] = [
    {
      mistake: 'a string where a number is expected',
      input: exampleWith((s) => (s.trials = 'many')),
      issue: { path: '$.trials', expected: 'a number', found: 'the string "many"' },
    },
    {
      mistake: 'a fraction where an integer is expected',
      input: exampleWith((s) => (s.seed = 1.5)),
      issue: { path: '$.seed', expected: 'an integer', found: 'the number 1.5' },
    },
    {
      mistake: 'a count below its minimum',
      input: exampleWith((s) => (s.service.readoutRepeats = 0)),
      issue: { path: '$.service.readoutRepeats', expected: 'a number ≥ 1', found: 'the number 0' },
    },
    {
      mistake: 'a probability above 1',
      input: exampleWith((s) => (s.person.answerProbability = 1.5)),
      issue: {
        path: '$.person.answerProbability',
        expected: 'a number ≤ 1',
        found: 'the number 1.5',
      },
    },
    {
      mistake: 'a PIN lockout of zero guesses',
      input: exampleWith((s) => (s.voicemail.pin.lockoutAfter = 0)),
      issue: {
        path: '$.voicemail.pin.lockoutAfter',
        expected: 'a number ≥ 1',
        found: 'the number 0',
      },
    },
    {
      mistake: 'a misspelt top-level section',
      input: exampleWith((s) => (s.voicemial = { enabled: false })),
      issue: {
        path: '$.voicemial',
        expected:
          'no property "voicemial" (did you mean "voicemail"? allowed here: $schema, name, description, seed, trials, strategies, flows, startEpochSeconds, startSpreadSeconds, fidelity, signal, code, service, person, voicemail, attacker, amd, platform, expect, expectWorstCase, worstCaseSearch, sweep)',
        found: 'an object {"enabled":false}',
      },
    },
    {
      mistake: 'an unknown field inside a silence segment of the greeting',
      input: exampleWith((s) => (s.voicemail.greeting[1].tones = 3)),
      issue: {
        path: '$.voicemail.greeting[1].tones',
        expected: 'no property "tones" (unknown here; check its spelling)',
        found: 'the number 3',
      },
    },
    {
      mistake: 'a strategy id that does not exist',
      input: exampleWith((s) => (s.strategies[2] = 'press-1')),
      issue: {
        path: '$.strategies[2]',
        expected:
          'a built-in id (naive, static-prompt, amd, random-digit) or a flow declared in "flows", and none is',
        found: 'the string "press-1"',
      },
    },
    {
      mistake: 'a DTMF segment with a key that has no tone',
      input: exampleWith((s) => (s.voicemail.greeting[0] = { dtmf: 'x' })),
      issue: {
        path: '$.voicemail.greeting[0].dtmf',
        expected: 'a string of DTMF keys (0-9, A-D, * or #)',
        found: 'the string "x"',
      },
    },
    {
      mistake: 'an empty object as a greeting segment',
      input: exampleWith((s) => (s.voicemail.greeting[1] = {})),
      issue: {
        path: '$.voicemail.greeting[1]',
        expected:
          'a greeting segment: { "speech": seconds }, { "silence": seconds }, { "dtmf": "keys", "toneMs", "gapMs", "repeat" } or { "audio": "file.wav" }',
        found: 'an object {}',
      },
    },
    {
      mistake: 'a segment that mixes two kinds',
      input: exampleWith((s) => (s.voicemail.greeting[0] = { speech: 1, dtmf: '1' })),
      issue: {
        path: '$.voicemail.greeting[0]',
        expected:
          'a greeting segment: { "speech": seconds }, { "silence": seconds }, { "dtmf": "keys", "toneMs", "gapMs", "repeat" } or { "audio": "file.wav" }',
        found: 'an object {"speech":1,"dtmf":"1"}',
      },
    },
    {
      mistake: 'a string where a duration is expected',
      input: exampleWith((s) => (s.person.patienceSeconds = 'four')),
      issue: {
        path: '$.person.patienceSeconds',
        expected:
          'a duration in seconds: a number ≥ 0, { "uniform": [low, high] } or { "lognormal": { "median": m, "sigma": s } }',
        found: 'the string "four"',
      },
    },
    {
      mistake: 'a negative fixed duration',
      input: exampleWith((s) => (s.attacker.retrySeconds = -1)),
      issue: { path: '$.attacker.retrySeconds', expected: 'a number ≥ 0', found: 'the number -1' },
    },
    {
      mistake: 'a duration longer than a day',
      input: exampleWith((s) => (s.attacker.retrySeconds = 1e308)),
      issue: {
        path: '$.attacker.retrySeconds',
        expected: 'a number ≤ 86400',
        found: 'the number 1e+308',
      },
    },
    {
      mistake: 'a uniform duration with low above high',
      input: exampleWith((s) => (s.attacker.retrievalSeconds = { uniform: [5, 2] })),
      issue: {
        path: '$.attacker.retrievalSeconds.uniform',
        expected: '[low, high] with low ≤ high',
        found: 'a list [5,2]',
      },
    },
    {
      mistake: 'an unknown distribution',
      input: exampleWith((s) => (s.attacker.retrievalSeconds = { normal: 30 })),
      issue: {
        path: '$.attacker.retrievalSeconds',
        expected:
          'a duration in seconds: a number ≥ 0, { "uniform": [low, high] } or { "lognormal": { "median": m, "sigma": s } }',
        found: 'an object {"normal":30}',
      },
    },
    {
      mistake: 'a code kind that is not offered',
      input: exampleWith((s) => (s.code.kind = 'sms')),
      issue: { path: '$.code.kind', expected: 'one of "ttl", "totp"', found: 'the string "sms"' },
    },
    {
      mistake: 'a code policy without a kind',
      input: exampleWith((s) => (s.code = { digits: 6 })),
      issue: { path: '$.code.kind', expected: 'one of "ttl", "totp"', found: 'nothing' },
    },
    {
      mistake: 'a TTL field on a TOTP code',
      input: exampleWith((s) => (s.code = { kind: 'totp', ttlSeconds: 600 })),
      issue: {
        path: '$.code.ttlSeconds',
        expected: 'no property "ttlSeconds" (unknown here; check its spelling)',
        found: 'the number 600',
      },
    },
    {
      mistake: 'a TOTP code shorter than RFC 6238 allows',
      input: exampleWith((s) => (s.code = { kind: 'totp', digits: 4 })),
      issue: { path: '$.code.digits', expected: 'a number ≥ 6', found: 'the number 4' },
    },
    {
      mistake: 'an object where the greeting list is expected',
      input: exampleWith((s) => (s.voicemail.greeting = { speech: 6 })),
      issue: { path: '$.voicemail.greeting', expected: 'a list', found: 'an object {"speech":6}' },
    },
    {
      mistake: 'null for a section',
      input: exampleWith((s) => (s.service = null)),
      issue: { path: '$.service', expected: 'an object', found: 'null' },
    },
    {
      mistake: 'no strategies at all',
      input: { strategies: [] },
      issue: { path: '$.strategies', expected: 'a list with ≥ 1 items', found: 'a list []' },
    },
    {
      mistake: 'a misspelt metric in expect',
      input: exampleWith((s) => (s.expect['random-digit'] = { interceptRate: { max: 0.1 } })),
      issue: {
        path: '$.expect["random-digit"].interceptRate',
        expected:
          'no property "interceptRate" (did you mean "interceptionRate"? allowed here: interceptionRate, leakRate, campaignInterceptionRate, endToEndRate, legitSuccessRate, legitMedianSecondsToCode, abandonRate, meanCallSeconds)',
        found: 'an object {"max":0.1}',
      },
    },
    {
      mistake: 'a list as the whole scenario',
      input: [],
      issue: { path: '$', expected: 'an object', found: 'a list []' },
    },
  ];

  for (const { mistake, input, issue } of cases) {
    it(`reports ${mistake} at ${issue.path}`, () => {
      expect(issuesOf(input)).toEqual([issue]);
    });
  }

  it('reports a lognormal without sigma and with a zero median at both paths', () => {
    const issues = issuesOf(
      exampleWith((s) => (s.person.answerDelaySeconds = { lognormal: { median: 0 } })),
    );
    expect(issues).toEqual([
      {
        path: '$.person.answerDelaySeconds.lognormal.median',
        expected: 'a number > 0',
        found: 'the number 0',
      },
      {
        path: '$.person.answerDelaySeconds.lognormal.sigma',
        expected: 'a value (number; this field is required)',
        found: 'nothing',
      },
    ]);
  });

  it('reports every mistake in a file, not only the first', () => {
    const issues = issuesOf(
      exampleWith((s) => {
        s.trials = 0;
        s.voicemail.greeting[2].repeat = 0;
        s.attacker.attempts = 'five';
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      '$.trials',
      '$.voicemail.greeting[2].repeat',
      '$.attacker.attempts',
    ]);
  });
});

describe('parseScenarioText', () => {
  it.each(['{', '{"trials": 1,}', '', 'trials: 1'])(
    'reports the JSON syntax error in %j at $',
    (text) => {
      const result = parseScenarioText(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ path: '$', expected: 'valid JSON' });
      expect(result.issues[0]!.found).toMatch(/^a syntax error \(.+\)$/);
    },
  );

  it('validates well-formed text like a parsed value', () => {
    const result = parseScenarioText('{ "trials": "many" }');
    expect(result).toEqual({
      ok: false,
      issues: [{ path: '$.trials', expected: 'a number', found: 'the string "many"' }],
    });
  });
});

describe('issue formatting', () => {
  const issue: ScenarioIssue = {
    path: '$.trials',
    expected: 'a number',
    found: 'the string "many"',
  };

  it('reads PATH: expected ..., found ...', () => {
    expect(formatIssue(issue)).toBe('$.trials: expected a number, found the string "many"');
  });

  it('counts the problems and lists one per line', () => {
    expect(formatIssues([issue])).toBe(
      'Invalid scenario (1 problem):\n  $.trials: expected a number, found the string "many"',
    );
    expect(formatIssues([issue, issue]).split('\n')).toHaveLength(3);
    expect(formatIssues([issue, issue])).toMatch(/^Invalid scenario \(2 problems\):/);
  });

  it('throws a ScenarioError carrying every issue from loadScenario', () => {
    let thrown: unknown;
    try {
      loadScenario({ trials: 'many', seed: -1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const error = thrown as ScenarioError;
    expect(error.issues.map((i) => i.path)).toEqual(['$.seed', '$.trials']);
    expect(error.message).toContain('$.trials: expected a number, found the string "many"');
  });
});
