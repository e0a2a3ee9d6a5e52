import type { Rng } from '../core/rng.ts';
import { loadScenario, type Scenario, type StrategyId } from '../scenario/index.ts';
import {
  callWithKeypad,
  simulateCall,
  type CallOutcome,
  type CallSetup,
  type KeyAnswer,
  type KeyRequest,
} from '../sim/call.ts';
import { CallEventLog, type CallEvent } from '../sim/callEvents.ts';
import { promptText, readoutText } from '../sim/callWording.ts';
import { compileScenario, type CompiledScenario } from '../sim/compile.ts';
import { expectedDigitFor } from '../sim/trial.ts';
import { isoTime } from './simClock.ts';
import { ERROR_CODES, invalidParameter, VerifyError } from './verifyError.ts';

/**
 * What the number is, as the carrier sees it: `mobile` (default) takes calls and texts;
 * `landline` takes calls, and texts never arrive (or 403 / 60205 when the service skips SMS to
 * landlines with lookup on); `unreachable` (switched off, no coverage) is accepted and nothing
 * arrives; `invalid` (a well-formed number no carrier has) is 400 / 60200 naming To; `blocked`
 * (Verify Geo-Permissions) is 403 / 60605; `busy` (a mobile on another call) takes texts, and a
 * call gets the busy signal: a Verify call is accepted and never arrives, a Calls API call ends
 * `busy`.
 */
export type LineType = 'mobile' | 'landline' | 'unreachable' | 'invalid' | 'blocked' | 'busy';
export const LINE_TYPES: readonly LineType[] = [
  'mobile',
  'landline',
  'busy',
  'unreachable',
  'invalid',
  'blocked',
];

/** The service settings a delivery refusal depends on. */
export interface DeliverySettings {
  readonly lookupEnabled: boolean;
  readonly skipSmsToLandlines: boolean;
}

/** How a number's phone behaves: the scenario format's `person` and `voicemail` sections. */
export interface PhoneSetup {
  readonly person?: unknown;
  readonly voicemail?: unknown;
  /**
   * true: the person's keys come from the handset's keypad (`pressKey`, the control plane's
   * `POST /sim/v1/Phones/{number}/Handset/Keys`): a call that asks for a key waits for one.
   * Default false: the person presses as the scenario's `person` section models.
   */
  readonly keypad?: boolean;
  /** A LineType; default `mobile`. */
  readonly line?: unknown;
}

export interface VoicemailMessage {
  readonly callSid: string;
  readonly from: string;
  readonly recordedAt: string;
  readonly durationSeconds: number;
  /** What the box recorded: the phone's own channel, so the code may appear here. */
  readonly transcript: string;
}

export interface CallLogEntry {
  readonly callSid: string;
  readonly from: string;
  readonly strategy: StrategyId;
  readonly placedAt: string;
  readonly answeredBy: CallOutcome['answeredBy'];
  readonly endedBy: CallOutcome['endedBy'];
  readonly hangupReason: CallOutcome['hangupReason'];
  readonly durationSeconds: number;
  readonly readouts: ReadonlyArray<{
    startMs: number;
    endMs: number;
    recorded: boolean;
    heardByPerson: boolean;
  }>;
  /** The call's typed events in time order, ms from the call's placing (the README lists them). */
  readonly events: readonly CallEvent[];
}

/** A call the person at a number picked up, and each readout of the code they heard in full. */
export interface HandsetCall {
  readonly callSid: string;
  readonly from: string;
  /** What the person heard: the phone's own channel, so the code appears here. */
  readonly heard: readonly string[];
  /**
   * The call on the line as the person lived it, in order: what the service said (each prompt,
   * each readout heard in full) and each key the person pressed on the keypad.
   */
  readonly transcript: readonly HandsetLine[];
  /** The call is waiting for the person's key (a keypad phone): press one to go on. */
  readonly awaitingKey: boolean;
}

/** One line of a handset transcript: the service's words, or the key the person pressed. */
export interface HandsetLine {
  readonly by: 'service' | 'person';
  readonly text: string;
}

export interface SmsMessage {
  readonly from: string;
  readonly receivedAt: string;
  readonly body: string;
}

export interface PhoneSnapshot {
  readonly setup: {
    readonly person: unknown;
    readonly voicemail: unknown;
    readonly line: LineType;
  };
  readonly voicemail: readonly VoicemailMessage[];
  readonly calls: readonly CallLogEntry[];
  readonly messages: readonly SmsMessage[];
  readonly handset: readonly HandsetCall[];
}

interface Phone {
  /** The phone's setup as given: the scenario's `person` and `voicemail` sections. */
  readonly setup: Pick<Scenario, 'person' | 'voicemail'>;
  readonly line: LineType;
  /** Configured through the control plane, so kept; else retired once quiet. */
  readonly configured: boolean;
  lastActivityMs: number;
  readonly compiled: CompiledScenario;
  readonly keypad: boolean;
  /** A keypad call waiting for the person's key, or null. */
  waiting: WaitingCall | null;
  readonly voicemail: VoicemailMessage[];
  readonly calls: CallLogEntry[];
  readonly messages: SmsMessage[];
  readonly handset: HandsetCall[];
}

/** A keypad call paused at a request for the person's key. */
interface WaitingCall {
  readonly call: VerificationCall;
  readonly steps: Generator<KeyRequest, CallOutcome, KeyAnswer>;
  readonly log: CallEventLog;
  readonly asked: KeyRequest;
  /** The keys pressed so far on this call, with when each was asked for. */
  readonly presses: ReadonlyArray<{ readonly atMs: number; readonly digit: string }>;
}

export interface VerificationCall {
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  readonly strategy: StrategyId;
  readonly code: string;
  readonly placedAtEpochMs: number;
  readonly rng: Rng;
}

/**
 * The simulated phones the service calls and texts, keyed by E.164 number. A number nobody
 * configured behaves like the scenario defaults: an owner who usually answers, a carrier box.
 */
export class PhoneNetwork {
  readonly #phones = new Map<string, Phone>();
  /** [number, time] of each delivery to an unconfigured phone, oldest first. */
  #activity: Array<[string, number]> = [];
  #activityStart = 0;
  /** The default setup, compiled once for every number nobody configured. */
  #defaults: { setup: Phone['setup']; compiled: CompiledScenario } | null = null;

  /** How many phones are held. */
  get size(): number {
    return this.#phones.size;
  }

  /**
   * Validates `setup` as scenario pieces, within the scenario format's bounds (a timing of an
   * hour at most, a lognormal sigma of 2, a greeting's hour and tones: scenario/bounds.ts and
   * greetingBounds.ts); throws ScenarioError naming each bad field, and changes nothing if it
   * does.
   */
  configure(number: string, setup: PhoneSetup): void {
    const line = setup.line ?? 'mobile';
    if (typeof line !== 'string' || !(LINE_TYPES as readonly string[]).includes(line)) {
      throw invalidParameter('line', `use one of ${LINE_TYPES.join(', ')}`);
    }
    const scenario = loadScenario({ person: setup.person ?? {}, voicemail: setup.voicemail ?? {} });
    const keypad = setup.keypad ?? false;
    const existing = this.#phones.get(number);
    if (existing) this.#runOnWithoutKeys(existing);
    this.#phones.set(number, {
      setup: { person: scenario.person, voicemail: scenario.voicemail },
      line: line as LineType,
      configured: true,
      lastActivityMs: existing?.lastActivityMs ?? 0,
      compiled: compileScenario(scenario),
      keypad,
      waiting: null,
      voicemail: existing?.voicemail ?? [],
      calls: existing?.calls ?? [],
      messages: existing?.messages ?? [],
      handset: existing?.handset ?? [],
    });
  }

  voicemail(number: string): readonly VoicemailMessage[] {
    return this.#phones.get(number)?.voicemail ?? [];
  }

  calls(number: string): readonly CallLogEntry[] {
    return this.#phones.get(number)?.calls ?? [];
  }

  messages(number: string): readonly SmsMessage[] {
    return this.#phones.get(number)?.messages ?? [];
  }

  /**
   * The calls the person at `number` answered, with what they heard of the code; last, a keypad
   * call still waiting for their key, with what they have heard so far.
   */
  handset(number: string): readonly HandsetCall[] {
    const phone = this.#phones.get(number);
    if (!phone) return [];
    const { waiting } = phone;
    if (!waiting) return phone.handset;
    return [
      ...phone.handset,
      {
        callSid: waiting.call.callSid,
        from: waiting.call.from,
        heard: [],
        transcript: transcriptOf(waiting.log.events(), waiting.presses, waiting.call.code),
        awaitingKey: true,
      },
    ];
  }

  /**
   * The person at `number` presses `digit` on the call waiting for their key; the call goes on
   * until it ends or asks again. Throws VerifyError 409 when no call there is waiting for a key.
   */
  pressKey(number: string, digit: string): HandsetCall {
    const phone = this.#phones.get(number);
    if (!phone?.waiting) {
      throw new VerifyError(
        409,
        ERROR_CODES.invalidParameter,
        `No call to ${number} is waiting for a key: place a call to a keypad phone first`,
      );
    }
    const { callSid } = phone.waiting.call;
    this.#settle(phone, digit);
    return this.handset(number).find((c) => c.callSid === callSid)!;
  }

  /**
   * Throws what Verify answers when it will not send to `to` on `channel` at all (see
   * LineType): before anything is recorded. Sources: 60205, HTTP 403, "SMS is not supported by
   * landline phone number", with SkipSmsToLandlines, which "Requires lookup_enabled"
   * (https://www.twilio.com/docs/api/errors/60205; twilio/twilio-oai
   * spec/json/twilio_verify_v2.json); 60605, HTTP 403, a destination blocked by Verify
   * Geo-Permissions (https://www.twilio.com/docs/api/errors/60605); a number that does not
   * exist is 400 / 60200 (observed against Verify:
   * https://dev.classmethod.jp/articles/error-handling-on-twilio-verify/).
   */
  refuseDelivery(to: string, channel: 'call' | 'sms', service: DeliverySettings): void {
    const line = this.#phones.get(to)?.line ?? 'mobile';
    if (line === 'invalid') throw invalidParameter('To', 'no carrier has this number');
    if (line === 'blocked') {
      throw new VerifyError(
        403,
        ERROR_CODES.deliveryBlocked,
        'Verification delivery attempt blocked',
      );
    }
    if (
      line === 'landline' &&
      channel === 'sms' &&
      service.skipSmsToLandlines &&
      service.lookupEnabled
    ) {
      throw new VerifyError(
        403,
        ERROR_CODES.smsToLandline,
        'SMS is not supported by landline phone number',
      );
    }
  }

  /** Whether a code sent to `to` on `channel` arrives (an accepted send may still not). */
  reaches(to: string, channel: 'call' | 'sms'): boolean {
    const line = this.lineOf(to);
    return (
      line === 'mobile' ||
      (line === 'landline' && channel === 'call') ||
      (line === 'busy' && channel === 'sms')
    );
  }

  /** The number's line type (`mobile` unless configured). */
  lineOf(number: string): LineType {
    return this.#phones.get(number)?.line ?? 'mobile';
  }

  deliverSms(to: string, from: string, body: string, atEpochMs: number): void {
    this.#touch(to, atEpochMs).messages.push({ from, receivedAt: isoTime(atEpochMs), body });
  }

  /**
   * Forgets the phones nobody configured whose last delivery was at or before `quietSinceMs`,
   * oldest first (the codes they hold have expired). Configured phones stay until a reset.
   */
  retire(quietSinceMs: number): void {
    while (this.#activityStart < this.#activity.length) {
      const [number, time] = this.#activity[this.#activityStart]!;
      if (time > quietSinceMs) break;
      this.#activityStart++;
      const phone = this.#phones.get(number);
      if (phone && !phone.configured && phone.lastActivityMs === time) this.#phones.delete(number);
    }
    if (this.#activityStart > 1024 && this.#activityStart * 2 > this.#activity.length) {
      this.#activity = this.#activity.slice(this.#activityStart);
      this.#activityStart = 0;
    }
  }

  /**
   * Runs the call in simulated time; what the voicemail recorded lands in its box. On a keypad
   * phone the call may stop at a request for the person's key: then it returns null, and the
   * call ends (and is logged) once `pressKey` has answered every request. A call still waiting
   * when another is placed to the phone runs on without a key first.
   */
  placeVerificationCall(call: VerificationCall): CallLogEntry | null {
    const phone = this.#touch(call.to, call.placedAtEpochMs);
    this.#runOnWithoutKeys(phone);
    const { compiled } = phone;
    const log = new CallEventLog();
    const setup: CallSetup = {
      compiled,
      strategy: call.strategy,
      rng: call.rng,
      answerProbability: compiled.person.answerProbability,
      expectedDigit: expectedDigitFor(compiled, call.strategy, call.rng),
      recorder: log,
    };
    if (!phone.keypad) return this.#logCall(phone, call, log, simulateCall(setup), []);
    const steps = callWithKeypad(setup);
    return this.#goOn(phone, { call, steps, log, presses: [] }, steps.next());
  }

  /** A call left waiting gets no more keys: it runs on (asking in vain) until it ends. */
  #runOnWithoutKeys(phone: Phone): void {
    while (phone.waiting) this.#settle(phone, null);
  }

  /** Answers the waiting call's request with `digit` (or none) and lets the call go on. */
  #settle(phone: Phone, digit: string | null): void {
    const waiting = phone.waiting!;
    phone.waiting = null;
    const presses =
      digit === null ? waiting.presses : [...waiting.presses, { atMs: waiting.asked.atMs, digit }];
    this.#goOn(
      phone,
      { ...waiting, presses },
      waiting.steps.next(digit === null ? null : { digit }),
    );
  }

  /** A keypad call's next step: waiting for another key, or over and logged. */
  #goOn(
    phone: Phone,
    call: Omit<WaitingCall, 'asked'>,
    step: IteratorResult<KeyRequest, CallOutcome>,
  ): CallLogEntry | null {
    if (step.done) return this.#logCall(phone, call.call, call.log, step.value, call.presses);
    phone.waiting = { ...call, asked: step.value };
    return null;
  }

  /** A finished call into the phone's log, handset and voicemail box. */
  #logCall(
    phone: Phone,
    call: VerificationCall,
    log: CallEventLog,
    outcome: CallOutcome,
    presses: WaitingCall['presses'],
  ): CallLogEntry {
    const entry: CallLogEntry = {
      callSid: call.callSid,
      from: call.from,
      strategy: call.strategy,
      placedAt: isoTime(call.placedAtEpochMs),
      answeredBy: outcome.answeredBy,
      endedBy: outcome.endedBy,
      hangupReason: outcome.hangupReason,
      durationSeconds: outcome.endMs / 1000,
      readouts: outcome.readouts.map(({ startMs, endMs, recorded, heardByPerson }) => ({
        startMs,
        endMs,
        recorded,
        heardByPerson,
      })),
      events: log.events(),
    };
    phone.calls.push(entry);
    if (outcome.answeredBy === 'person') {
      phone.handset.push({
        callSid: call.callSid,
        from: call.from,
        heard: outcome.readouts.filter((r) => r.heardByPerson).map(() => readoutText(call.code)),
        transcript: transcriptOf(entry.events, presses, call.code),
        awaitingKey: false,
      });
    }
    if (outcome.answeredBy === 'voicemail' && outcome.recordingStartMs !== null) {
      const recorded = outcome.readouts.filter((r) => r.recorded);
      phone.voicemail.push({
        callSid: call.callSid,
        from: call.from,
        recordedAt: isoTime(call.placedAtEpochMs + outcome.recordingStartMs),
        durationSeconds: Math.max(0, outcome.endMs - outcome.recordingStartMs) / 1000,
        transcript: recorded.map(() => readoutText(call.code)).join(' '),
      });
    }
    return entry;
  }

  /** The compiled setup of the phone at `number` (the scenario defaults if nobody configured it). */
  compiledFor(number: string): CompiledScenario {
    return this.#phones.get(number)?.compiled ?? (this.#defaults ??= this.#defaultSetup()).compiled;
  }

  /**
   * Logs a call the Calls API placed: its entry, what the person heard (when they answered) and
   * what the box recorded (when it recorded).
   */
  logCall(
    to: string,
    entry: CallLogEntry,
    heard: readonly string[] | null,
    voicemail: VoicemailMessage | null,
  ): void {
    const phone = this.#touch(to, Date.parse(entry.placedAt));
    phone.calls.push(entry);
    if (heard !== null) {
      phone.handset.push({
        callSid: entry.callSid,
        from: entry.from,
        heard,
        transcript: heard.map((text) => ({ by: 'service', text })),
        awaitingKey: false,
      });
    }
    if (voicemail !== null) phone.voicemail.push(voicemail);
  }

  reset(): void {
    this.#phones.clear();
    this.#activity = [];
    this.#activityStart = 0;
  }

  /** A deep, JSON-shaped copy of every phone: its setup and everything it received. */
  snapshot(): Record<string, PhoneSnapshot> {
    const phones: Record<string, PhoneSnapshot> = {};
    for (const [number, phone] of this.#phones) {
      const { person, voicemail } = phone.setup;
      phones[number] = JSON.parse(
        JSON.stringify({
          setup: { person, voicemail, line: phone.line },
          voicemail: phone.voicemail,
          calls: phone.calls,
          messages: phone.messages,
          handset: phone.handset,
        }),
      ) as PhoneSnapshot;
    }
    return phones;
  }

  /** The phone at `number` (a default one if nobody configured it), marked active at `atMs`. */
  #touch(number: string, atMs: number): Phone {
    let phone = this.#phones.get(number);
    if (!phone) {
      this.#defaults ??= this.#defaultSetup();
      phone = {
        ...this.#defaults,
        line: 'mobile',
        configured: false,
        keypad: false,
        waiting: null,
        lastActivityMs: atMs,
        voicemail: [],
        calls: [],
        messages: [],
        handset: [],
      };
      this.#phones.set(number, phone);
    }
    phone.lastActivityMs = atMs;
    if (!phone.configured) this.#activity.push([number, atMs]);
    return phone;
  }

  #defaultSetup(): { setup: Phone['setup']; compiled: CompiledScenario } {
    const scenario = loadScenario({ person: {}, voicemail: {} });
    return {
      setup: { person: scenario.person, voicemail: scenario.voicemail },
      compiled: compileScenario(scenario),
    };
  }
}

/**
 * What the person on a call heard and did, in order: each prompt as it started, each readout
 * they heard in full (with the code: the handset is the phone's own channel), each key pressed
 * on the keypad when it was asked for.
 */
function transcriptOf(
  events: readonly CallEvent[],
  presses: WaitingCall['presses'],
  code: string,
): HandsetLine[] {
  const timed: Array<{ atMs: number; line: HandsetLine }> = [];
  for (const event of events) {
    if (event.type === 'prompt-started') {
      timed.push({
        atMs: event.atMs,
        line: { by: 'service', text: promptText(event.digit, event.reason) },
      });
    } else if (event.type === 'readout-ended' && event.heardByPerson) {
      timed.push({ atMs: event.atMs, line: { by: 'service', text: readoutText(code) } });
    } else if (event.type === 'sound-started' && event.sound === 'say') {
      timed.push({ atMs: event.atMs, line: { by: 'service', text: event.text } });
    }
  }
  for (const press of presses) {
    timed.push({ atMs: press.atMs, line: { by: 'person', text: `You pressed ${press.digit}.` } });
  }
  // Stable: a key pressed when a prompt ended comes after everything said until then.
  return timed.sort((a, b) => a.atMs - b.atMs).map(({ line }) => line);
}
