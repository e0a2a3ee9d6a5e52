import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_STRATEGY_IDS,
  DEFAULT_ACCOUNT_SID,
  formatIssue,
  isBuiltInStrategy,
  loadScenario,
  MAX_FLOWS,
  MAX_LISTED_ISSUES,
  MAX_STRATEGIES,
  STRATEGY_IDS,
  validateScenario,
  type ScenarioIssue,
} from './index.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';

const INLINE =
  '<Response><Gather numDigits="1" finishOnKey=""><Say>Press any key.</Say></Gather></Response>';

function issuesOf(input: unknown): readonly ScenarioIssue[] {
  const result = validateScenario(input);
  return result.ok ? [] : result.issues;
}

/** The problems of a scenario with one flow `f` (one trial, so the run's size never binds). */
function flowIssues(flow: unknown): string[] {
  return issuesOf({ trials: 1, flows: { f: flow } }).map(formatIssue);
}

describe('strategy ids', () => {
  it('are the four built-in flows, under both names', () => {
    expect(BUILT_IN_STRATEGY_IDS).toEqual(['naive', 'static-prompt', 'amd', 'random-digit']);
    expect(STRATEGY_IDS).toBe(BUILT_IN_STRATEGY_IDS);
  });

  it('isBuiltInStrategy tells a built-in flow from a declared one', () => {
    expect(BUILT_IN_STRATEGY_IDS.filter(isBuiltInStrategy)).toEqual([...BUILT_IN_STRATEGY_IDS]);
    expect(isBuiltInStrategy('press-any-key')).toBe(false);
    expect(isBuiltInStrategy('Naive')).toBe(false);
  });
});

describe('a flow after parsing', () => {
  it('has every Calls API option at its Twilio default, and the simulator options at theirs', () => {
    const scenario = loadScenario({ flows: { gate: { twiml: INLINE } } });
    expect(scenario.flows).toEqual({
      gate: {
        twiml: INLINE,
        timeout: 60,
        machineDetectionTimeout: 30,
        machineDetectionSpeechThreshold: 2400,
        machineDetectionSpeechEndThreshold: 1200,
        machineDetectionSilenceTimeout: 5000,
        media: {},
        mediaSeconds: 5,
        keysOutsideGather: 'discard',
      },
    });
  });

  it('a url flow is requested with POST unless it says GET', () => {
    const { flows } = loadScenario({
      flows: {
        post: { url: 'http://127.0.0.1:3000/voice' },
        get: { url: 'https://example.com/voice', method: 'GET', machineDetection: 'Enable' },
      },
    });
    expect(flows.post).toMatchObject({ url: 'http://127.0.0.1:3000/voice', method: 'POST' });
    expect(flows.get).toMatchObject({ method: 'GET', machineDetection: 'Enable' });
  });

  it('no flows is the default, and the four built-ins are still the default strategies', () => {
    const scenario = loadScenario({});
    expect(scenario.flows).toEqual({});
    expect(scenario.strategies).toEqual(['naive', 'static-prompt', 'amd', 'random-digit']);
  });
});

describe('flow ids', () => {
  it('take letters, digits, "-" and "_", 1 to 40 of them', () => {
    const id40 = 'a'.repeat(40);
    expect(
      issuesOf({ trials: 1, flows: { [id40]: { twiml: INLINE }, A_b_9: { twiml: INLINE } } }),
    ).toEqual([]);
    const expected =
      'a flow id (letters, digits, "-" and "_", 1 to 40 of them) other than a built-in strategy\'s (naive, static-prompt, amd, random-digit)';
    expect(issuesOf({ trials: 1, flows: { ['a'.repeat(41)]: { twiml: INLINE } } })).toEqual([
      { path: `$.flows.${'a'.repeat(41)}`, expected, found: `the name "${'a'.repeat(41)}"` },
    ]);
    expect(
      issuesOf({ trials: 1, flows: { 'press 1': { twiml: INLINE }, '': { twiml: INLINE } } }),
    ).toEqual([
      { path: '$.flows["press 1"]', expected, found: 'the name "press 1"' },
      { path: '$.flows[""]', expected, found: 'the name ""' },
    ]);
  });

  it('may not be a built-in strategy id', () => {
    expect(flowIssuesWithId('amd')).toEqual([
      '$.flows.amd: expected a flow id (letters, digits, "-" and "_", 1 to 40 of them) other than a built-in strategy\'s (naive, static-prompt, amd, random-digit), found the name "amd"',
    ]);
  });

  it(`at most ${MAX_FLOWS} flows`, () => {
    const flows = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { twiml: INLINE }]));
    expect(issuesOf({ trials: 1, flows: flows(MAX_FLOWS) })).toEqual([]);
    expect(issuesOf({ trials: 1, flows: flows(MAX_FLOWS + 1) })).toEqual([
      { path: '$.flows', expected: `at most ${MAX_FLOWS} flows`, found: `${MAX_FLOWS + 1} flows` },
    ]);
    expect(
      (scenarioJsonSchema().properties as Record<string, Record<string, unknown>>).flows!
        .maxProperties,
    ).toBe(MAX_FLOWS);
  });
});

function flowIssuesWithId(id: string): string[] {
  return issuesOf({ trials: 1, flows: { [id]: { twiml: INLINE } } }).map(formatIssue);
}

describe('twiml or url', () => {
  it('exactly one: both is refused at the flow', () => {
    expect(flowIssues({ twiml: INLINE, url: 'https://example.com/voice' })).toEqual([
      `$.flows.f: expected a flow with "twiml" or "url", not both (documents, or a webhook that answers with them), found an object ${JSON.stringify({ twiml: INLINE, url: 'https://example.com/voice' }).slice(0, 57)}...`,
    ]);
  });

  it('exactly one: neither is refused at the flow, naming both kinds', () => {
    expect(flowIssues({ timeout: 30 })).toEqual([
      '$.flows.f: expected a flow: { "twiml": a TwiML document or the path of a .xml file } or { "url": "https://…", "method" }, with the Calls API options, found an object {"timeout":30}',
    ]);
  });

  it('"method" only with "url"', () => {
    expect(flowIssues({ twiml: 'flows/gate.xml', method: 'GET' })).toEqual([
      '$.flows.f.method: expected no property "method" in a "twiml" flow (only a "url" flow is requested with a method; a document\'s own requests use its verbs\' "method"), found the string "GET"',
    ]);
    expect(flowIssues({ url: 'https://example.com/voice', method: 'PUT' })).toEqual([
      '$.flows.f.method: expected one of "GET", "POST", found the string "PUT"',
    ]);
  });

  it('an unknown option is named with the nearest one', () => {
    expect(flowIssues({ twiml: INLINE, timout: 20 })).toEqual([
      '$.flows.f.timout: expected no property "timout" (did you mean "timeout"? allowed here: twiml, timeout, machineDetection, machineDetectionTimeout, machineDetectionSpeechThreshold, machineDetectionSpeechEndThreshold, machineDetectionSilenceTimeout, sendDigits, media, mediaSeconds, keysOutsideGather, url, method), found the number 20',
    ]);
  });

  it('url: http: or https: only', () => {
    expect(flowIssues({ url: 'http://127.0.0.1:3000/voice' })).toEqual([]);
    expect(flowIssues({ url: 'ftp://example.com/voice' })).toEqual([
      '$.flows.f.url: expected a string of the form http://host/path or https://host/path, found the string "ftp://example.com/voice"',
    ]);
    expect(flowIssues({ url: 'voice.xml' })).toEqual([
      '$.flows.f.url: expected a string of the form http://host/path or https://host/path, found the string "voice.xml"',
    ]);
  });
});

describe('twiml: a document or the path of one', () => {
  it('is a document when it starts with "<" after leading whitespace', () => {
    expect(flowIssues({ twiml: `\n  ${INLINE}` })).toEqual([]);
  });

  it(`an inline document: at most 4000 characters, the Calls API's Twiml limit`, () => {
    const padded = (n: number) => `<Response><Say>${'a'.repeat(n - 32)}</Say></Response>`;
    expect(padded(4000)).toHaveLength(4000);
    expect(flowIssues({ twiml: padded(4000) })).toEqual([]);
    expect(flowIssues({ twiml: padded(4001) })).toEqual([
      "$.flows.f.twiml: expected a TwiML document of at most 4000 characters (the Calls API's limit for Twiml; put a longer one in a .xml file and give its path), found a document of 4001 characters",
    ]);
  });

  it('a path: relative, with forward slashes, to a .xml file', () => {
    expect(flowIssues({ twiml: 'flows/press-any-key.xml' })).toEqual([]);
    expect(flowIssues({ twiml: '../shared/GATE.XML' })).toEqual([]);
    const either = 'or a TwiML document (text starting with "<")';
    expect(flowIssues({ twiml: 'flows/gate.txt' })).toEqual([
      `$.flows.f.twiml: expected the path of a .xml file, relative to the scenario file, ${either}, found the string "flows/gate.txt"`,
    ]);
    expect(flowIssues({ twiml: 'flows\\gate.xml' })).toEqual([
      `$.flows.f.twiml: expected a path with forward slashes ("flows/press.xml") ${either}, found the string "flows\\\\gate.xml"`,
    ]);
    const notRelative = `a path relative to the scenario file, without ":", ${either}; a webhook is { "url": "https://…" }`;
    expect(flowIssues({ twiml: '/srv/flows/gate.xml' })).toEqual([
      `$.flows.f.twiml: expected ${notRelative}, found the string "/srv/flows/gate.xml"`,
    ]);
    expect(flowIssues({ twiml: 'https://example.com/gate.xml' })).toEqual([
      `$.flows.f.twiml: expected ${notRelative}, found the string "https://example.com/gate.xml"`,
    ]);
    expect(flowIssues({ twiml: '' })).toEqual([
      '$.flows.f.twiml: expected a string with ≥ 1 characters, found the string ""',
    ]);
  });
});

describe('Calls API options, at the ends of their ranges', () => {
  const cases: [string, number, number, number, number, string][] = [
    // option, lowest, below it, highest, above it, unit of the message
    ['timeout', 1, 0, 600, 601, ''],
    ['machineDetectionTimeout', 3, 2, 59, 60, ''],
    ['machineDetectionSpeechThreshold', 1000, 999, 6000, 6001, ''],
    ['machineDetectionSpeechEndThreshold', 500, 499, 5000, 5001, ''],
    ['machineDetectionSilenceTimeout', 2000, 1999, 10000, 10001, ''],
  ];
  for (const [option, low, below, high, above] of cases) {
    it(`${option}: ${low} to ${high}, whole numbers`, () => {
      expect(flowIssues({ twiml: INLINE, [option]: low })).toEqual([]);
      expect(flowIssues({ twiml: INLINE, [option]: high })).toEqual([]);
      expect(flowIssues({ twiml: INLINE, [option]: below })).toEqual([
        `$.flows.f.${option}: expected a number ≥ ${low}, found the number ${below}`,
      ]);
      expect(flowIssues({ twiml: INLINE, [option]: above })).toEqual([
        `$.flows.f.${option}: expected a number ≤ ${high}, found the number ${above}`,
      ]);
      expect(flowIssues({ twiml: INLINE, [option]: low + 0.5 })).toEqual([
        `$.flows.f.${option}: expected an integer, found the number ${low + 0.5}`,
      ]);
    });
  }

  it('machineDetection: "Enable" or "DetectMessageEnd"', () => {
    expect(flowIssues({ twiml: INLINE, machineDetection: 'DetectMessageEnd' })).toEqual([]);
    expect(flowIssues({ twiml: INLINE, machineDetection: 'enable' })).toEqual([
      '$.flows.f.machineDetection: expected one of "Enable", "DetectMessageEnd", found the string "enable"',
    ]);
  });

  it('sendDigits: 1 to 32 of 0-9, *, # and w', () => {
    expect(flowIssues({ twiml: INLINE, sendDigits: 'ww1234#' })).toEqual([]);
    expect(flowIssues({ twiml: INLINE, sendDigits: '*'.repeat(32) })).toEqual([]);
    expect(flowIssues({ twiml: INLINE, sendDigits: '1'.repeat(33) })).toEqual([
      `$.flows.f.sendDigits: expected a string with ≤ 32 characters, found the string "${'1'.repeat(33)}"`,
    ]);
    expect(flowIssues({ twiml: INLINE, sendDigits: '12A' })).toEqual([
      '$.flows.f.sendDigits: expected a string of keys 0-9, * and #, and w (a half-second pause), found the string "12A"',
    ]);
  });

  it('sendDigits and machineDetection together are refused: Twilio would ignore the detection', () => {
    expect(flowIssues({ twiml: INLINE, sendDigits: '1', machineDetection: 'Enable' })).toEqual([
      '$.flows.f.machineDetection: expected no "machineDetection" in a flow with "sendDigits" (the Calls API ignores MachineDetection when SendDigits is given), found the string "Enable"',
    ]);
  });
});

describe('simulator options', () => {
  it('media: a duration in seconds for each <Play> URL, 0 to 3600', () => {
    const media = (seconds: number) => ({
      twiml: INLINE,
      media: { 'https://example.com/a.mp3': seconds },
    });
    expect(flowIssues(media(0))).toEqual([]);
    expect(flowIssues(media(3600))).toEqual([]);
    expect(flowIssues(media(3600.5))).toEqual([
      '$.flows.f.media["https://example.com/a.mp3"]: expected a number ≤ 3600, found the number 3600.5',
    ]);
    expect(flowIssues({ twiml: INLINE, mediaSeconds: -1 })).toEqual([
      '$.flows.f.mediaSeconds: expected a number ≥ 0, found the number -1',
    ]);
  });

  it('keysOutsideGather: "discard" or "buffer"', () => {
    expect(flowIssues({ twiml: INLINE, keysOutsideGather: 'buffer' })).toEqual([]);
    expect(flowIssues({ twiml: INLINE, keysOutsideGather: 'keep' })).toEqual([
      '$.flows.f.keysOutsideGather: expected one of "discard", "buffer", found the string "keep"',
    ]);
  });
});

describe('strategies and expectations naming flows', () => {
  const flows = { 'press-any-key': { twiml: 'flows/press-any-key.xml' }, gate: { twiml: INLINE } };

  it('a declared flow may be listed beside the built-ins, or left out', () => {
    const scenario = loadScenario({
      trials: 1,
      flows,
      strategies: ['static-prompt', 'press-any-key'],
      expect: { 'press-any-key': { leakRate: { max: 0.1 } }, all: { abandonRate: { max: 1 } } },
    });
    expect(scenario.strategies).toEqual(['static-prompt', 'press-any-key']);
  });

  it('a strategy that is neither built-in nor declared is refused at its index', () => {
    expect(issuesOf({ trials: 1, flows, strategies: ['naive', 'press-any-kye'] })).toEqual([
      {
        path: '$.strategies[1]',
        expected:
          'a built-in id (naive, static-prompt, amd, random-digit) or a flow declared in "flows" (press-any-key, gate)',
        found: 'the string "press-any-kye"',
      },
    ]);
  });

  it('a declared flow listed twice is refused at the second mention', () => {
    expect(issuesOf({ trials: 1, flows, strategies: ['gate', 'naive', 'gate'] })).toEqual([
      {
        path: '$.strategies[2]',
        expected: 'each strategy at most once',
        found: 'the string "gate"',
      },
    ]);
  });

  it("is reported with the schema's own problems, not after them", () => {
    expect(issuesOf({ trials: 'many', flows, strategies: ['nope'] }).map((i) => i.path)).toEqual([
      '$.trials',
      '$.strategies[0]',
    ]);
  });

  it('a list past its bound is reported by its length, not item by item', () => {
    const result = validateScenario({ trials: 'many', strategies: Array(100_000).fill('nope') });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      '$.trials: expected a number, found the string "many"',
      `$.strategies: expected a list with ≤ ${MAX_STRATEGIES} items, found a list of 100000 items`,
    ]);
  });

  it('many unknown expectations are listed up to the cap and counted past it', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => [`s${i}`, {}]);
    const result = validateScenario({ trials: 'many', expect: Object.fromEntries(keys) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(result.moreIssues).toBe(10_001 - MAX_LISTED_ISSUES);
  });

  it('an expectation for a name that is no strategy is refused at its key', () => {
    expect(issuesOf({ trials: 1, flows, expect: { gaet: { leakRate: { max: 0.1 } } } })).toEqual([
      {
        path: '$.expect.gaet',
        expected:
          '"all", a built-in id (naive, static-prompt, amd, random-digit) or a flow declared in "flows" (press-any-key, gate)',
        found: 'the name "gaet"',
      },
    ]);
    expect(issuesOf({ trials: 1, expect: { 'not an id': {} } })).toEqual([
      {
        path: '$.expect["not an id"]',
        expected: '"all" or a strategy id (letters, digits, "-" and "_", 1 to 40 of them)',
        found: 'the name "not an id"',
      },
    ]);
  });

  it('an expectation for a declared flow that is not run is refused, as for a built-in one', () => {
    expect(
      issuesOf({
        trials: 1,
        flows,
        strategies: ['naive'],
        expect: { gate: { leakRate: { max: 0.1 } } },
      }),
    ).toEqual([
      {
        path: '$.expect.gate',
        expected: 'a strategy listed in "strategies" (naive), or it would never be checked',
        found: 'an object {"leakRate":{"max":0.1}}',
      },
    ]);
  });
});

describe('platform', () => {
  it("defaults: a test account, the example server's token, test numbers, Twilio's 15 s wait, no latency", () => {
    expect(loadScenario({}).platform).toEqual({
      accountSid: DEFAULT_ACCOUNT_SID,
      authToken: 'voice-otp-lab-test-token',
      from: '+15005550006',
      to: '+15005550100',
      webhookTimeoutSeconds: 15,
      webhookLatencySeconds: 0,
    });
    expect(DEFAULT_ACCOUNT_SID).toMatch(/^AC[0-9a-f]{32}$/);
  });

  it('accountSid: "AC" and 32 hex digits; from and to: E.164', () => {
    expect(issuesOf({ trials: 1, platform: { accountSid: `AC${'F'.repeat(32)}` } })).toEqual([]);
    expect(
      issuesOf({
        trials: 1,
        platform: { accountSid: `AC${'f'.repeat(31)}`, to: '15005550100' },
      }).map(formatIssue),
    ).toEqual([
      `$.platform.accountSid: expected a string of "AC" and 32 hex digits, found the string "AC${'f'.repeat(31)}"`,
      '$.platform.to: expected a string of an E.164 phone number (+ and up to 15 digits), found the string "15005550100"',
    ]);
  });

  it('webhookTimeoutSeconds: more than 0, at most 60', () => {
    expect(issuesOf({ trials: 1, platform: { webhookTimeoutSeconds: 60 } })).toEqual([]);
    expect(
      issuesOf({ trials: 1, platform: { webhookTimeoutSeconds: 0 } }).map(formatIssue),
    ).toEqual(['$.platform.webhookTimeoutSeconds: expected a number > 0, found the number 0']);
    expect(
      issuesOf({ trials: 1, platform: { webhookTimeoutSeconds: 61 } }).map(formatIssue),
    ).toEqual(['$.platform.webhookTimeoutSeconds: expected a number ≤ 60, found the number 61']);
  });

  it('webhookLatencySeconds: a duration of at most 60 s, checked like every other', () => {
    const latency = { lognormal: { median: 0.2, sigma: 0.5 } };
    expect(
      loadScenario({ platform: { webhookLatencySeconds: latency } }).platform.webhookLatencySeconds,
    ).toEqual(latency);
    expect(
      issuesOf({ trials: 1, platform: { webhookLatencySeconds: 61 } }).map(formatIssue),
    ).toEqual(['$.platform.webhookLatencySeconds: expected a number ≤ 60, found the number 61']);
    expect(
      issuesOf({ trials: 1, platform: { webhookLatencySeconds: { uniform: [2, 1] } } }).map(
        formatIssue,
      ),
    ).toEqual([
      '$.platform.webhookLatencySeconds.uniform: expected [low, high] with low ≤ high, found a list [2,1]',
    ]);
  });
});
