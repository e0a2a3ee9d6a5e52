import type { Rng } from '../core/rng.ts';
import { loadScenario, type Scenario, type StrategyId } from '../scenario/index.ts';
import { simulateCall, type CallOutcome } from '../sim/call.ts';
import { CallEventLog, type CallEvent } from '../sim/callEvents.ts';
import { readoutText } from '../sim/callWording.ts';
import { compileScenario, type CompiledScenario } from '../sim/compile.ts';
import { expectedDigitFor } from '../sim/trial.ts';
import { isoTime } from './simClock.ts';

/** How a number's phone behaves: the scenario format's `person` and `voicemail` sections. */
export interface PhoneSetup {
  readonly person?: unknown;
  readonly voicemail?: unknown;
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
}

export interface SmsMessage {
  readonly from: string;
  readonly receivedAt: string;
  readonly body: string;
}

export interface PhoneSnapshot {
  readonly setup: { readonly person: unknown; readonly voicemail: unknown };
  readonly voicemail: readonly VoicemailMessage[];
  readonly calls: readonly CallLogEntry[];
  readonly messages: readonly SmsMessage[];
  readonly handset: readonly HandsetCall[];
}

interface Phone {
  /** The phone's setup as given: the scenario's `person` and `voicemail` sections. */
  readonly setup: Pick<Scenario, 'person' | 'voicemail'>;
  readonly compiled: CompiledScenario;
  readonly voicemail: VoicemailMessage[];
  readonly calls: CallLogEntry[];
  readonly messages: SmsMessage[];
  readonly handset: HandsetCall[];
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

  /**
   * Validates `setup` as scenario pieces, within the scenario format's bounds (a timing of an
   * hour at most, a lognormal sigma of 2, a greeting's hour and tones: scenario/bounds.ts and
   * greetingBounds.ts); throws ScenarioError naming each bad field, and changes nothing if it
   * does.
   */
  configure(number: string, setup: PhoneSetup): void {
    const scenario = loadScenario({ person: setup.person ?? {}, voicemail: setup.voicemail ?? {} });
    const existing = this.#phones.get(number);
    this.#phones.set(number, {
      setup: { person: scenario.person, voicemail: scenario.voicemail },
      compiled: compileScenario(scenario),
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

  /** The calls the person at `number` answered, with what they heard of the code. */
  handset(number: string): readonly HandsetCall[] {
    return this.#phones.get(number)?.handset ?? [];
  }

  deliverSms(to: string, from: string, body: string, atEpochMs: number): void {
    this.#phone(to).messages.push({ from, receivedAt: isoTime(atEpochMs), body });
  }

  /** Runs the call in simulated time; what the voicemail recorded lands in its box. */
  placeVerificationCall(call: VerificationCall): CallLogEntry {
    const phone = this.#phone(call.to);
    const { compiled } = phone;
    const log = new CallEventLog();
    const outcome = simulateCall({
      compiled,
      strategy: call.strategy,
      rng: call.rng,
      answerProbability: compiled.person.answerProbability,
      expectedDigit: expectedDigitFor(compiled, call.strategy, call.rng),
      recorder: log,
    });
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
    return this.#phone(number).compiled;
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
    const phone = this.#phone(to);
    phone.calls.push(entry);
    if (heard !== null) phone.handset.push({ callSid: entry.callSid, from: entry.from, heard });
    if (voicemail !== null) phone.voicemail.push(voicemail);
  }

  reset(): void {
    this.#phones.clear();
  }

  /** A deep, JSON-shaped copy of every phone: its setup and everything it received. */
  snapshot(): Record<string, PhoneSnapshot> {
    const phones: Record<string, PhoneSnapshot> = {};
    for (const [number, phone] of this.#phones) {
      const { person, voicemail } = phone.setup;
      phones[number] = JSON.parse(
        JSON.stringify({
          setup: { person, voicemail },
          voicemail: phone.voicemail,
          calls: phone.calls,
          messages: phone.messages,
          handset: phone.handset,
        }),
      ) as PhoneSnapshot;
    }
    return phones;
  }

  #phone(number: string): Phone {
    if (!this.#phones.has(number)) this.configure(number, {});
    return this.#phones.get(number)!;
  }
}
