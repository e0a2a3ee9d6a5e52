import type { Ms } from '../core/distributions.ts';
import type { PromptReason } from '../flows/index.ts';
import type { StrategyId } from '../scenario/index.ts';
import type { Answerer } from './call.ts';
import type { CallEndedBy, CallEvent } from './callEvents.ts';
import type { TrialReplay } from './replay.ts';
import type { CallRecord } from './trial.ts';
import type { TrialKind } from './trialKeys.ts';

/**
 * One call as swim-lane intervals: what each party did over simulated time, in ms from the
 * call's placing. It is one pass over the call's typed events, which already carry every time
 * the engine established (a key as the receiver reported it, a prompt where it was cut), so a
 * view draws a call without knowing any rule of the engine, at either fidelity.
 */

export interface Interval {
  readonly startMs: Ms;
  readonly endMs: Ms;
}

export interface FlowStateSpan extends Interval {
  /** The XState state value, e.g. "prompting". */
  readonly state: string;
}

export interface LineSpan extends Interval {
  readonly phase: 'ringing' | 'connected';
}

/**
 * A "press N" prompt (`reason`: the first, a re-prompt after no input, or a re-ask after a
 * wrong key); `cutShort` when a key (barge-in) or a hang-up stopped it.
 */
export interface PromptSpan extends Interval {
  readonly digit: string;
  readonly reason: PromptReason;
  readonly cutShort: boolean;
}

/** A TwiML flow's sound: a `<Say>`, keys it plays, media or a pause; cut short by a key or the end. */
export interface SoundSpan extends Interval {
  readonly sound: 'say' | 'tones' | 'media' | 'pause';
  readonly text: string;
  readonly cutShort: boolean;
}

/** A TwiML verb as it ran: from its start to the next verb's (or the call's end). */
export interface VerbSpan extends Interval {
  readonly verb: string;
  readonly source: string;
  readonly line: number;
}

/** Answering-machine detection listening, from the answer to its verdict (or the call's end). */
export interface AmdSpan extends Interval {
  readonly verdict: string | null;
  readonly cause: string | null;
}

export interface ReadoutSpan extends Interval {
  /** 1-based, in the order the service said them. */
  readonly number: number;
  readonly completed: boolean;
  readonly recorded: boolean;
  readonly heardByPerson: boolean;
}

export interface GreetingSpan extends Interval {
  readonly kind: 'speech' | 'silence' | 'dtmf';
  /** The call ended before this part of the greeting had played out. */
  readonly cutShort: boolean;
}

/** A DTMF tone on the line, from the greeting or the person's keypad. */
export interface ToneSpan extends Interval {
  readonly digit: string;
  readonly from: 'voicemail' | 'person';
  /** When the service's detector reported the key, or null: too short, or the call had ended. */
  readonly reportedAtMs: Ms | null;
}

/** Who typed the code this call delivered, when, and whether the service took it. */
export interface CodeSubmission {
  readonly by: 'attacker' | 'owner';
  readonly code: string;
  readonly atMs: Ms;
  readonly accepted: boolean;
  /** Attacker: the call's end to typing (listening to the box). Owner: first readout heard to typing. */
  readonly lead: Interval;
}

export type TraceLane =
  | 'flow'
  | 'line'
  | 'service'
  | 'readout'
  | 'person'
  | 'greeting'
  | 'dtmf'
  | 'voicemail'
  | 'attacker';

/** One of the call's events, with the swim lane it belongs to. */
export interface TraceEvent {
  readonly atMs: Ms;
  readonly lane: TraceLane;
  readonly event: CallEvent;
}

/** What a call's events do not say: where it sits in a trial, and the code it carried. */
export interface CallTraceHeader {
  /**
   * An attack campaign's call (the attacker listens to the box), the owner's own call, or null
   * for a call outside a trial (the simulator's call log).
   */
  readonly kind: TrialKind | null;
  /** 1-based position in the trial (attack campaigns have several calls). */
  readonly callNumber: number;
  readonly callCount: number;
  /** When the call was placed, in ms from the trial's start. */
  readonly placedAtMs: Ms;
  /** The code the call read out, or null where it is not to be shown (the simulator's log). */
  readonly code: string | null;
}

export interface CallTrace {
  /** An attack campaign's call (the attacker listens to the box), the owner's own call, or null. */
  readonly kind: TrialKind | null;
  readonly strategy: StrategyId;
  /** 1-based position in the trial (attack campaigns have several calls). */
  readonly callNumber: number;
  readonly callCount: number;
  /** When the call was placed, in ms from the trial's start. */
  readonly placedAtMs: Ms;
  readonly code: string | null;
  readonly expectedDigit: string | null;
  readonly answeredBy: Answerer;
  readonly answeredAtMs: Ms | null;
  readonly endMs: Ms;
  readonly endedBy: CallEndedBy;
  readonly hangupReason: string | null;
  /** The whole story's length: the call, then the code typed (if it was). */
  readonly spanMs: Ms;
  readonly flowStates: readonly FlowStateSpan[];
  readonly line: readonly LineSpan[];
  readonly prompts: readonly PromptSpan[];
  /** A TwiML flow's sounds (empty for the built-in flows). */
  readonly sounds: readonly SoundSpan[];
  /** A TwiML flow's verbs in the order they ran (empty for the built-in flows). */
  readonly verbs: readonly VerbSpan[];
  readonly amd: AmdSpan | null;
  readonly readouts: readonly ReadoutSpan[];
  readonly greeting: readonly GreetingSpan[];
  readonly tones: readonly ToneSpan[];
  readonly beep: Interval | null;
  readonly recording: Interval | null;
  /** The person on the line, from their answer to the call's end. */
  readonly personOnLine: Interval | null;
  /** The person's "Hello?" on answering, cut at the call's end. */
  readonly personHello: Interval | null;
  readonly submission: CodeSubmission | null;
  /** Every event in time order, with the lane it belongs to. */
  readonly events: readonly TraceEvent[];
}

/** The calls of a replayed trial: a campaign's calls, or a legit trial's one call. */
export function callRecords(replay: TrialReplay): readonly CallRecord[] {
  return replay.outcome.kind === 'attack' ? replay.outcome.calls : [replay.outcome.call];
}

/** Call `callIndex` (0-based) of a replayed trial as swim-lane intervals. */
export function callTrace(replay: TrialReplay, callIndex: number): CallTrace {
  const records = callRecords(replay);
  const record = records[callIndex];
  if (!record) {
    throw new Error(
      `Call index ${callIndex} is out of range: this ${replay.kind} trial has ${records.length} call(s), indices 0 to ${records.length - 1}.`,
    );
  }
  const header: CallTraceHeader = {
    kind: replay.kind,
    callNumber: callIndex + 1,
    callCount: records.length,
    placedAtMs: record.placedAtMs,
    code: record.code,
  };
  return traceOfCall(header, replay.events[callIndex] ?? []);
}

/** A call's events (in time order, as the recorder gives them) as swim-lane intervals. */
export function traceOfCall(header: CallTraceHeader, events: readonly CallEvent[]): CallTrace {
  let strategy: StrategyId | null = null;
  let expectedDigit: string | null = null;
  let answeredBy: Answerer = 'nobody';
  let answeredAtMs: Ms | null = null;
  let ended: Extract<CallEvent, { type: 'hangup' }> | null = null;
  let amdStartMs: Ms | null = null;
  let amdVerdict: Extract<CallEvent, { type: 'amd-verdict' }> | null = null;
  let promptStart: Extract<CallEvent, { type: 'prompt-started' }> | null = null;
  let beep: Interval | null = null;
  let recording: Interval | null = null;
  let personHello: Interval | null = null;
  let submitted: Extract<CallEvent, { type: 'code-submitted' }> | null = null;
  let answeredByAmd: Extract<CallEvent, { type: 'answered-by' }> | null = null;
  let soundStart: Extract<CallEvent, { type: 'sound-started' }> | null = null;
  const sounds: SoundSpan[] = [];
  const verbStarts: Array<Extract<CallEvent, { type: 'twiml-verb' }>> = [];
  const states: Array<{ state: string; startMs: Ms }> = [];
  const prompts: PromptSpan[] = [];
  const readouts: ReadoutSpan[] = [];
  const readoutStarts = new Map<number, Ms>();
  const greeting: GreetingSpan[] = [];
  const tones: ToneSpan[] = [];
  const unmatchedReports: Array<Extract<CallEvent, { type: 'key-reported' }>> = [];
  const reportedTones = new Set<string>();
  const traceEvents: TraceEvent[] = [];

  for (const event of events) {
    traceEvents.push({ atMs: event.atMs, lane: laneOf(event), event });
    switch (event.type) {
      case 'placed':
        strategy = event.strategy;
        expectedDigit = event.expectedDigit;
        break;
      case 'answered':
        answeredBy = event.by;
        answeredAtMs = event.atMs;
        break;
      case 'flow-state':
        states.push({ state: event.state, startMs: event.atMs });
        break;
      case 'prompt-started':
        promptStart = event;
        break;
      case 'prompt-ended':
        if (promptStart) {
          prompts.push({
            digit: promptStart.digit,
            reason: promptStart.reason,
            startMs: promptStart.atMs,
            endMs: event.atMs,
            cutShort: event.cause !== 'played',
          });
        }
        promptStart = null;
        break;
      case 'readout-started':
        readoutStarts.set(event.number, event.atMs);
        break;
      case 'readout-ended':
        readouts.push({
          number: event.number,
          startMs: readoutStarts.get(event.number) ?? event.atMs,
          endMs: event.atMs,
          completed: event.completed,
          recorded: event.recorded,
          heardByPerson: event.heardByPerson,
        });
        break;
      case 'key-tone':
        tones.push({
          digit: event.digit,
          from: event.from,
          startMs: event.atMs,
          endMs: event.endMs,
          reportedAtMs: event.reportedAtMs,
        });
        if (event.reportedAtMs !== null) {
          reportedTones.add(`${event.from} ${event.digit} ${event.reportedAtMs}`);
        }
        break;
      case 'key-reported':
        unmatchedReports.push(event);
        break;
      case 'greeting-segment':
        greeting.push({
          kind: event.kind,
          startMs: event.atMs,
          endMs: event.endMs,
          cutShort: event.cutShort,
        });
        break;
      case 'beep':
        beep = { startMs: event.atMs, endMs: event.endMs };
        break;
      case 'recording':
        recording = { startMs: event.atMs, endMs: event.endMs };
        break;
      case 'person-hello':
        personHello = { startMs: event.atMs, endMs: event.endMs };
        break;
      case 'amd-started':
        amdStartMs = event.atMs;
        break;
      case 'amd-verdict':
        amdVerdict = event;
        break;
      case 'hangup':
        ended = event;
        break;
      case 'code-submitted':
        submitted = event;
        break;
      case 'sound-started':
        soundStart = event;
        break;
      case 'sound-ended':
        if (soundStart) {
          sounds.push({
            sound: soundStart.sound,
            text: soundStart.text,
            startMs: soundStart.atMs,
            endMs: event.atMs,
            cutShort: event.cause !== 'played',
          });
        }
        soundStart = null;
        break;
      case 'twiml-verb':
        verbStarts.push(event);
        break;
      case 'answered-by':
        answeredByAmd = event;
        break;
      case 'timer-started':
      case 'timer-fired':
      case 'timer-cancelled':
      case 'twiml-request':
        break;
    }
  }
  if (!strategy || !ended) {
    throw new Error(
      "A call's events must begin with 'placed' and include its 'hangup': these are not a whole call.",
    );
  }
  // A key the receiver reported where no tone of that key was played (heard in speech or noise).
  for (const report of unmatchedReports) {
    if (reportedTones.has(`${report.from} ${report.digit} ${report.atMs}`)) continue;
    tones.push({
      digit: report.digit,
      from: report.from,
      startMs: report.toneStartMs,
      endMs: report.atMs,
      reportedAtMs: report.atMs,
    });
  }
  tones.sort((a, b) => a.startMs - b.startMs);

  const endMs = ended.atMs;
  const submission = codeSubmission(submitted, endMs, readouts);
  const spanMs = Math.max(endMs, submission?.atMs ?? 0);
  return {
    ...header,
    strategy,
    expectedDigit,
    answeredBy,
    answeredAtMs,
    endMs,
    endedBy: ended.by,
    hangupReason: ended.by === 'service' ? ended.reason : null,
    spanMs,
    flowStates: states.map((s, i) => ({
      state: s.state,
      startMs: s.startMs,
      endMs: states[i + 1]?.startMs ?? Math.max(spanMs, s.startMs),
    })),
    line:
      answeredAtMs === null
        ? [{ phase: 'ringing', startMs: 0, endMs }]
        : [
            { phase: 'ringing', startMs: 0, endMs: answeredAtMs },
            { phase: 'connected', startMs: answeredAtMs, endMs },
          ],
    prompts,
    sounds,
    verbs: verbStarts.map((v, i) => ({
      verb: v.verb,
      source: v.source,
      line: v.line,
      startMs: v.atMs,
      endMs: verbStarts[i + 1]?.atMs ?? endMs,
    })),
    amd:
      amdStartMs === null
        ? null
        : {
            startMs: amdStartMs,
            endMs: amdVerdict?.atMs ?? answeredByAmd?.atMs ?? endMs,
            verdict: amdVerdict?.verdict ?? answeredByAmd?.answeredBy ?? null,
            cause: amdVerdict?.cause ?? null,
          },
    readouts,
    greeting,
    tones,
    beep,
    recording,
    personOnLine:
      answeredBy === 'person' && answeredAtMs !== null ? { startMs: answeredAtMs, endMs } : null,
    personHello,
    submission,
    events: traceEvents,
  };
}

/** The attacker listens to the box after the call; the owner types after the first readout heard. */
function codeSubmission(
  submitted: Extract<CallEvent, { type: 'code-submitted' }> | null,
  callEndMs: Ms,
  readouts: readonly ReadoutSpan[],
): CodeSubmission | null {
  if (!submitted) return null;
  const leadStartMs =
    submitted.by === 'attacker'
      ? callEndMs
      : (readouts.find((r) => r.heardByPerson)?.endMs ?? callEndMs);
  return {
    by: submitted.by,
    code: submitted.code,
    atMs: submitted.atMs,
    accepted: submitted.accepted,
    lead: { startMs: leadStartMs, endMs: submitted.atMs },
  };
}

const CALLEE_LANE: Record<CallEndedBy, TraceLane> = {
  service: 'service',
  person: 'person',
  voicemail: 'voicemail',
  'no-answer': 'line',
};

function laneOf(event: CallEvent): TraceLane {
  switch (event.type) {
    case 'placed':
    case 'answered':
      return 'line';
    case 'flow-state':
      return 'flow';
    case 'prompt-started':
    case 'prompt-ended':
    case 'amd-started':
    case 'amd-verdict':
    case 'timer-started':
    case 'timer-fired':
    case 'timer-cancelled':
    case 'twiml-request':
    case 'sound-started':
    case 'sound-ended':
    case 'answered-by':
      return 'service';
    case 'twiml-verb':
      return 'flow';
    case 'readout-started':
    case 'readout-ended':
      return 'readout';
    case 'key-tone':
    case 'key-reported':
      return 'dtmf';
    case 'person-hello':
      return 'person';
    case 'greeting-segment':
      return 'greeting';
    case 'beep':
    case 'recording':
      return 'voicemail';
    case 'hangup':
      return CALLEE_LANE[event.by];
    case 'code-submitted':
      return event.by === 'attacker' ? 'attacker' : 'person';
  }
}
