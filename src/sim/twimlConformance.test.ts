/**
 * The TwiML interpreter, one rule per test, in the manner of Somleng's executor suite: each test
 * runs a document on the deterministic base (testing/scenarioWith.ts: the person answers at 6 s,
 * says "Hello?" from 6.3 s to 6.9 s, reacts 1 s after a prompt; the box picks up at 25 s, speaks
 * 6 s, is silent 0.5 s and beeps 0.5 s, so it records from 32 s) and asserts on simulated times
 * and on the requests the flow made. Speech: 180 words a minute, word k of a Say starting
 * round(k × 333.3) ms in, a sentence pause 1 s, a comma 0.5 s (src/twiml/speech.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { APPLICATION_ERROR_TEXT, MAX_DOCUMENTS_WITHOUT_SOUND } from '../flows/index.ts';
import type { ScenarioInput } from '../scenario/index.ts';
import type { TwimlRequest, TwimlResponse } from '../twiml/index.ts';
import { callSteps, type CallOutcome } from './call.ts';
import { CallEventLog, type CallEvent } from './callEvents.ts';
import { compileScenario } from './compile.ts';
import { scenarioWith } from './testing/scenarioWith.ts';

const CODE = '482913';
const PERSON_ANSWERS_MS = 6000;
const BOX_ANSWERS_MS = 25_000;
const RECORDING_STARTS_MS = 32_000;

interface TwimlCallOptions {
  /** The person answers (else the box does). */
  readonly person?: boolean;
  /** The flow's options beside its document. */
  readonly flow?: Record<string, unknown>;
  readonly overrides?: ScenarioInput;
  /** Static documents by path; the flow's `twiml` is then `entry`. */
  readonly documents?: Record<string, string>;
  readonly entry?: string;
  /** Answers a `url` flow's requests (or a static one's absolute URLs). */
  readonly webhook?: (request: TwimlRequest) => TwimlResponse;
}

interface TwimlCall {
  readonly outcome: CallOutcome;
  readonly events: readonly CallEvent[];
  readonly requests: readonly Extract<CallEvent, { type: 'twiml-request' }>[];
  readonly sent: readonly TwimlRequest[];
  /** Each sound as [kind, text, start, end, cut short]. */
  readonly sounds: readonly (readonly [string, string, number, number, boolean])[];
}

function twimlCall(document: string, options: TwimlCallOptions = {}): TwimlCall {
  const flow = {
    ...(options.flow?.url === undefined ? { twiml: options.entry ?? document } : {}),
    ...options.flow,
  };
  const scenario = scenarioWith({
    ...options.overrides,
    flows: { mine: flow },
    strategies: ['mine'],
  } as ScenarioInput);
  const compiled = compileScenario(scenario, {}, options.documents ?? {});
  const rng = createRng(7);
  const log = new CallEventLog();
  const steps = callSteps({
    compiled,
    strategy: 'mine',
    rng,
    answerProbability: options.person === false ? 0 : 1,
    expectedDigit: null,
    recorder: log,
    twiml: compiled.twimlFlows.get('mine')!.planCall(rng, CODE),
  });
  const sent: TwimlRequest[] = [];
  let step = steps.next();
  while (!step.done) {
    sent.push(step.value);
    if (!options.webhook) throw new Error(`unexpected webhook request to ${step.value.url}`);
    step = steps.next(options.webhook(step.value));
  }
  const events = log.events();
  const sounds: [string, string, number, number, boolean][] = [];
  const started: CallEvent[] = events.filter((e) => e.type === 'sound-started');
  const ended = events.filter((e) => e.type === 'sound-ended');
  started.forEach((start, i) => {
    if (start.type !== 'sound-started') return;
    const end = ended[i]!;
    sounds.push([start.sound, start.text, start.atMs, end.atMs, end.cause !== 'played']);
  });
  return {
    outcome: step.value,
    events,
    requests: events.filter((e) => e.type === 'twiml-request'),
    sent,
    sounds,
  };
}

const hangup = (call: TwimlCall) => call.events.find((e) => e.type === 'hangup')!;

/** A box greeting that plays `keys` (100 ms tones, 100 ms apart) from its pickup, then speaks. */
function keysGreeting(keys: string): ScenarioInput {
  return {
    voicemail: { greeting: [{ dtmf: keys, toneMs: 100, gapMs: 100 }, { speech: 6 }] },
  };
}
/** Where the receiver reports greeting key k (0-based): tone start + 40 ms. */
const keyReportedMs = (k: number) => BOX_ANSWERS_MS + k * 200 + 40;

describe('TwiML <Say>', () => {
  it('a Say lasts its words at 180 a minute and the document hangs up at its end', () => {
    const call = twimlCall('<Response><Say>Press one now</Say></Response>');
    expect(call.sounds).toEqual([['say', 'Press one now', 6000, 7000, false]]);
    expect(hangup(call)).toMatchObject({ atMs: 7000, by: 'service', reason: 'end-of-document' });
  });

  it('a sentence pause falls between two sentences, none after the last', () => {
    const call = twimlCall('<Response><Say>Hello. Goodbye.</Say></Response>');
    // hello 0–333, pause 1000, goodbye 1333–1667.
    expect(call.sounds[0]!.slice(2, 4)).toEqual([6000, 7667]);
  });

  it('loop says it that many times, back to back', () => {
    const call = twimlCall('<Response><Say loop="3">Press one now</Say></Response>');
    expect(call.sounds[0]!.slice(2, 4)).toEqual([6000, 6000 + 3 * 1000]);
  });

  it('{{Code}} is filled, and the stretch that says the code is a readout the person hears', () => {
    const call = twimlCall('<Response><Say>Your code is {{Code}}</Say></Response>');
    expect(call.sounds[0]![1]).toBe(`Your code is ${CODE}`);
    // Words 3 to 8 are the digits: 1000 to 3000 ms into the Say.
    expect(call.outcome.readouts).toEqual([
      { startMs: 7000, endMs: 9000, completed: true, recorded: false, heardByPerson: true },
    ]);
    expect(call.outcome.firstReadoutHeardMs).toBe(9000);
  });

  it('a code said to the box before its beep is not recorded; after the beep it is', () => {
    const early = twimlCall('<Response><Say>{{Code}}</Say></Response>', { person: false });
    expect(early.outcome.leaked).toBe(false);
    const late = twimlCall('<Response><Pause length="8"/><Say>{{Code}}</Say></Response>', {
      person: false,
    });
    expect(late.outcome.readouts).toEqual([
      {
        startMs: BOX_ANSWERS_MS + 8000,
        endMs: BOX_ANSWERS_MS + 10_000,
        completed: true,
        recorded: true,
        heardByPerson: false,
      },
    ]);
    expect(late.outcome.leaked).toBe(true);
  });

  it('a Say cut by the hang-up before its code is said has no readout', () => {
    const call = twimlCall(
      '<Response><Pause length="8"/><Say>One two three four {{Code}}</Say></Response>',
      { person: false, overrides: { voicemail: { maxRecordSeconds: 2 } } },
    );
    // The Say starts at 33 s, its code at 34.333 s; the box is full at 34 s.
    expect(hangup(call)).toMatchObject({ atMs: RECORDING_STARTS_MS + 2000, by: 'voicemail' });
    expect(call.outcome.readouts).toEqual([]);
    expect(call.sounds).toEqual([
      ['pause', '', BOX_ANSWERS_MS, BOX_ANSWERS_MS + 8000, false],
      [
        'say',
        `One two three four ${CODE}`,
        BOX_ANSWERS_MS + 8000,
        RECORDING_STARTS_MS + 2000,
        true,
      ],
    ]);
  });
});

describe('TwiML <Play> and <Pause>', () => {
  it('a Pause lasts its length, 1 s by default', () => {
    const call = twimlCall('<Response><Pause/><Pause length="2"/><Say>Hi</Say></Response>');
    expect(call.sounds.map((s) => [s[0], s[2], s[3]])).toEqual([
      ['pause', 6000, 7000],
      ['pause', 7000, 9000],
      ['say', 9000, 9333],
    ]);
  });

  it('Play digits sounds each key 100 ms, 250 ms apart, and w waits 0.5 s', () => {
    const call = twimlCall('<Response><Play digits="12w3"/></Response>');
    // 1: 0–100, 2: 350–450, w: 450–950, 3: 950–1050.
    expect(call.sounds).toEqual([['tones', '12w3', 6000, 7050, false]]);
  });

  it('a media Play lasts the duration the flow gives its URL', () => {
    const call = twimlCall('<Response><Play loop="2">https://x.test/hold.mp3</Play></Response>', {
      flow: { media: { 'https://x.test/hold.mp3': 2.5 } },
    });
    expect(call.sounds).toEqual([['media', 'https://x.test/hold.mp3', 6000, 11_000, false]]);
  });

  it('a first Pause is dead air: a person whose patience it outlasts hangs up', () => {
    const call = twimlCall('<Response><Pause length="10"/><Say>Hi</Say></Response>');
    // Hello ends at 6.9 s, patience 4 s.
    expect(hangup(call)).toMatchObject({ atMs: 10_900, by: 'person' });
  });
});

describe('TwiML <Gather>', () => {
  it('a Gather with no input falls through to the next verb after its timeout', () => {
    const call = twimlCall(
      '<Response><Gather><Say>Hello there</Say></Gather><Say>Goodbye</Say></Response>',
    );
    expect(call.sounds.map((s) => [s[1], s[2], s[3]])).toEqual([
      ['Hello there', 6000, 6667],
      ['Goodbye', 11_667, 12_000],
    ]);
    expect(call.requests).toHaveLength(1);
  });

  it('a key during a nested Say stops it and is gathered', () => {
    const call = twimlCall(
      '<Response><Gather numDigits="1" action="next.xml"><Say>Please choose a key now</Say></Gather></Response>',
      { person: false, overrides: keysGreeting('5'), documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.sounds).toEqual([
      ['say', 'Please choose a key now', BOX_ANSWERS_MS, keyReportedMs(0), true],
    ]);
    expect(call.requests.map((r) => [r.url, r.digits, r.atMs])).toEqual([
      ['inline:mine', null, BOX_ANSWERS_MS],
      ['next.xml', '5', keyReportedMs(0)],
    ]);
  });

  it('finishOnKey (# by default) submits, and is not part of Digits', () => {
    const call = twimlCall(
      '<Response><Gather action="next.xml"><Pause length="9"/></Gather></Response>',
      {
        person: false,
        overrides: keysGreeting('12#4'),
        documents: { 'next.xml': '<Response/>' },
      },
    );
    expect(call.requests[1]).toMatchObject({ digits: '12', atMs: keyReportedMs(2) });
  });

  it('an empty finishOnKey disables it: # is a key like the others', () => {
    const call = twimlCall(
      '<Response><Gather finishOnKey="" numDigits="3" action="next.xml"><Pause length="9"/></Gather></Response>',
      { person: false, overrides: keysGreeting('1#2'), documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests[1]).toMatchObject({ digits: '1#2', atMs: keyReportedMs(2) });
  });

  it('numDigits submits as soon as that many keys came', () => {
    const call = twimlCall(
      '<Response><Gather numDigits="2" action="next.xml"><Pause length="9"/></Gather></Response>',
      { person: false, overrides: keysGreeting('7351'), documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests[1]).toMatchObject({ digits: '73', atMs: keyReportedMs(1) });
  });

  it('the timeout runs again after each key, then submits what came', () => {
    const call = twimlCall(
      '<Response><Gather timeout="3" action="next.xml"><Pause length="9"/></Gather></Response>',
      { person: false, overrides: keysGreeting('46'), documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests[1]).toMatchObject({ digits: '46', atMs: keyReportedMs(1) + 3000 });
  });

  it('action defaults to the current document, which runs again', () => {
    const call = twimlCall(
      '<Response><Gather numDigits="1"><Pause length="9"/></Gather></Response>',
      {
        person: false,
        overrides: keysGreeting('3'),
      },
    );
    expect(call.requests.slice(0, 2).map((r) => [r.url, r.digits])).toEqual([
      ['inline:mine', null],
      ['inline:mine', '3'],
    ]);
  });

  it('actionOnEmptyResult requests the action with empty Digits', () => {
    const call = twimlCall(
      '<Response><Gather actionOnEmptyResult="true" timeout="2" action="next.xml"><Say>Hi</Say></Gather><Say>Never</Say></Response>',
      { documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests[1]).toMatchObject({ url: 'next.xml', digits: '', atMs: 6333 + 2000 });
    expect(call.sounds.map((s) => s[1])).toEqual(['Hi']);
  });

  it('relative URLs resolve against the document’s own location', () => {
    const call = twimlCall('', {
      entry: 'flows/gate/start.xml',
      documents: {
        'flows/gate/start.xml':
          '<Response><Gather numDigits="1" action="check.xml"><Say>Press 7 now</Say></Gather></Response>',
        'flows/gate/check.xml': '<Response><Redirect>key-{{Digits}}.xml</Redirect></Response>',
        'flows/gate/key-7.xml': '<Response><Say>Your code is {{Code}}</Say></Response>',
      },
    });
    // The prompt ends at 7 s; the person presses 7 a second later; reported 40 ms in.
    expect(call.requests.map((r) => [r.url, r.digits, r.atMs])).toEqual([
      ['flows/gate/start.xml', null, 6000],
      ['flows/gate/check.xml', '7', 8040],
      ['flows/gate/key-7.xml', null, 8040],
    ]);
    expect(call.outcome.readouts[0]!.heardByPerson).toBe(true);
  });

  it('placeholders are filled from the request that fetched the document, as TwiML Bins do', () => {
    const call = twimlCall('', {
      entry: 'start.xml',
      documents: {
        'start.xml':
          '<Response><Gather numDigits="1" action="key-{{Digits}}.xml"><Say>Press 7 now</Say></Gather></Response>',
        'key-.xml': '<Response><Say>First request had no Digits</Say></Response>',
      },
    });
    expect(call.requests[1]).toMatchObject({ url: 'key-.xml', digits: '7' });
  });

  it('the person presses a key of their own for "press any key"', () => {
    const call = twimlCall(
      '<Response><Gather numDigits="1" finishOnKey="" action="next.xml"><Say>Press any key</Say></Gather></Response>',
      { documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests[1]!.digits).toMatch(/^[0-9]$/);
    // "Press any key": 3 words, 1 s; the person reacts 1 s later; reported 40 ms in.
    expect(call.requests[1]!.atMs).toBe(6000 + 1000 + 1000 + 40);
  });

  it('a prompt that names no key gets no key from the person', () => {
    const call = twimlCall(
      '<Response><Gather timeout="2"><Say>Hello there</Say></Gather></Response>',
    );
    expect(call.events.filter((e) => e.type === 'key-tone')).toEqual([]);
  });

  it('keys outside a Gather are discarded by default', () => {
    const call = twimlCall(
      '<Response><Pause length="2"/><Gather timeout="2" action="next.xml"><Say>Hi</Say></Gather></Response>',
      { person: false, overrides: keysGreeting('9'), documents: { 'next.xml': '<Response/>' } },
    );
    expect(call.requests).toHaveLength(1);
  });

  it("keysOutsideGather 'buffer' gives them to the next Gather", () => {
    const call = twimlCall(
      '<Response><Pause length="2"/><Gather numDigits="1" action="next.xml"><Say>Hi</Say></Gather></Response>',
      {
        person: false,
        overrides: keysGreeting('9'),
        flow: { keysOutsideGather: 'buffer' },
        documents: { 'next.xml': '<Response/>' },
      },
    );
    expect(call.requests[1]).toMatchObject({ digits: '9', atMs: BOX_ANSWERS_MS + 2000 });
  });
});

describe('TwiML <Redirect>, <Hangup>, <Reject>, the end of the document', () => {
  it('Redirect runs the other document instead of the rest of this one', () => {
    const call = twimlCall('<Response><Redirect>b.xml</Redirect><Say>Never</Say></Response>', {
      documents: { 'b.xml': '<Response><Say>Here</Say></Response>' },
    });
    expect(call.sounds.map((s) => s[1])).toEqual(['Here']);
  });

  it('Hangup ends the call; the verbs after it never run', () => {
    const call = twimlCall('<Response><Say>Bye</Say><Hangup/><Say>Never</Say></Response>');
    expect(hangup(call)).toMatchObject({ atMs: 6333, reason: 'hangup-verb' });
    expect(call.sounds).toHaveLength(1);
  });

  it('Reject first: the call ends at the answer with nothing said', () => {
    const call = twimlCall('<Response><Reject/><Say>{{Code}}</Say></Response>');
    expect(hangup(call)).toMatchObject({ atMs: PERSON_ANSWERS_MS, reason: 'rejected' });
    expect(call.outcome.readouts).toEqual([]);
  });

  it('a redirect loop ends with the application error after the documents bound', () => {
    const call = twimlCall('<Response><Redirect>loop.xml</Redirect></Response>', {
      documents: { 'loop.xml': '<Response><Redirect>loop.xml</Redirect></Response>' },
    });
    expect(call.requests).toHaveLength(MAX_DOCUMENTS_WITHOUT_SOUND);
    expect(call.sounds.map((s) => s[1])).toEqual([APPLICATION_ERROR_TEXT]);
    expect(hangup(call)).toMatchObject({ reason: 'application-error' });
    expect(call.outcome.hangupReason).toBe('application-error');
  });

  it('a document that is not there ends the call with the application error (Twilio 11200)', () => {
    const call = twimlCall('<Response><Redirect>missing.xml</Redirect></Response>');
    expect(call.requests[1]).toMatchObject({ outcome: 'not-found', twilioCode: 11200 });
    expect(call.sounds.map((s) => s[1])).toEqual([APPLICATION_ERROR_TEXT]);
  });
});

describe('TwiML <Record>', () => {
  it('Record ends at a finishing key and requests its action with RecordingDuration and Digits', () => {
    const call = twimlCall('<Response><Record action="done.xml"/></Response>', {
      person: false,
      overrides: {
        voicemail: { greeting: [{ silence: 2 }, { dtmf: '#', toneMs: 100, gapMs: 0 }] },
      },
      documents: { 'done.xml': '<Response/>' },
    });
    expect(call.sent).toEqual([]);
    const done = call.events.filter((e) => e.type === 'twiml-request')[1]!;
    expect(done).toMatchObject({ url: 'done.xml', digits: '#', atMs: BOX_ANSWERS_MS + 2040 });
  });

  it('Record ends after its timeout of silence and then requests its action', () => {
    const call = twimlCall('<Response><Record timeout="3" action="done.xml"/></Response>', {
      documents: { 'done.xml': '<Response/>' },
    });
    expect(call.requests[1]).toMatchObject({ digits: 'hangup', atMs: 6000 + 3000 });
  });
});

describe('TwiML calls: the requests', () => {
  it("each request carries Twilio's call parameters and the simulator's Code and CallSeed", () => {
    const call = twimlCall('', {
      flow: { url: 'http://127.0.0.1:9/voice' },
      webhook: () => ({ ok: true, status: 200, body: '<Response><Say>Hi</Say></Response>' }),
    });
    expect(call.sent).toHaveLength(1);
    const { url, method, params } = call.sent[0]!;
    expect([url, method]).toEqual(['http://127.0.0.1:9/voice', 'POST']);
    expect(params).toMatchObject({
      AccountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/),
      CallSid: expect.stringMatching(/^CA[0-9a-f]{32}$/),
      CallStatus: 'in-progress',
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      Code: CODE,
      CallSeed: expect.stringMatching(/^\d+$/),
    });
    expect(params.AnsweredBy).toBeUndefined();
  });

  it('a failed webhook request ends the call with the application error', () => {
    const call = twimlCall('', {
      flow: { url: 'http://127.0.0.1:9/voice' },
      webhook: () => ({
        ok: false,
        kind: 'timeout',
        twilioCode: 11205,
        message: 'no answer in 15 s',
        status: null,
      }),
    });
    expect(call.requests[0]).toMatchObject({ outcome: 'timeout', twilioCode: 11205 });
    expect(call.outcome.hangupReason).toBe('application-error');
  });

  it('a webhook answer that is not TwiML ends the call the same way, with the parse error', () => {
    const call = twimlCall('', {
      flow: { url: 'http://127.0.0.1:9/voice' },
      webhook: () => ({ ok: true, status: 200, body: '<Response><Dial>1</Dial></Response>' }),
    });
    expect(call.outcome.hangupReason).toBe('application-error');
  });
});

describe('TwiML calls with machineDetection (synchronous AMD)', () => {
  it('the first request waits for AnsweredBy: a short hello is a human at its end + 1.2 s', () => {
    const call = twimlCall('<Response><Say>Hi</Say></Response>', {
      flow: { machineDetection: 'Enable' },
    });
    expect(call.requests[0]!.atMs).toBe(6900 + 1200);
    expect(call.outcome.answeredByAmd).toBe('human');
  });

  it('a greeting longer than the speech threshold is machine_start at 2.4 s', () => {
    const call = twimlCall('<Response><Say>Hi</Say></Response>', {
      person: false,
      flow: { machineDetection: 'Enable' },
    });
    expect(call.requests[0]!.atMs).toBe(BOX_ANSWERS_MS + 2400);
    expect(call.outcome.answeredByAmd).toBe('machine_start');
  });

  it('DetectMessageEnd waits for the beep: machine_end_beep at its end', () => {
    const call = twimlCall('<Response><Say>Hi</Say></Response>', {
      person: false,
      flow: { machineDetection: 'DetectMessageEnd' },
    });
    expect(call.outcome.answeredByAmd).toBe('machine_end_beep');
    expect(call.requests[0]!.atMs).toBe(RECORDING_STARTS_MS);
  });
});
