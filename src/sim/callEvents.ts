import type { Ms } from '../core/distributions.ts';
import type { HangupReason, PromptReason } from '../flows/index.ts';
import type { AmdCause, AmdVerdict } from '../phone/amd/index.ts';
import type { TwilioAnsweredBy } from '../phone/twilioAmd/index.ts';
import type { WebhookFailureKind } from '../twiml/index.ts';
import type { StrategyId } from '../scenario/index.ts';

/**
 * The typed account of one call: every fact the call simulation establishes, as it establishes
 * it, in ms from the moment the call was placed. Replays, the login demo, the simulator's call
 * log and the call's audio all read these; human text is made from them only at the edges
 * (`describeCallEvent` in src/report/).
 *
 * Facts about an interval (a greeting segment, a tone, a readout) carry its `endMs` and are
 * recorded once the interval is over or the call ended inside it, so every interval is final.
 */
export type CallEvent =
  | PlacedEvent
  | AnsweredEvent
  | FlowStateEvent
  | PromptStartedEvent
  | PromptEndedEvent
  | ReadoutStartedEvent
  | ReadoutEndedEvent
  | KeyToneEvent
  | KeyReportedEvent
  | PersonHelloEvent
  | GreetingSegmentEvent
  | BeepEvent
  | RecordingEvent
  | AmdStartedEvent
  | AmdVerdictEvent
  | TimerStartedEvent
  | TimerFiredEvent
  | TimerCancelledEvent
  | HangupEvent
  | CodeSubmittedEvent
  | TwimlRequestEvent
  | TwimlVerbEvent
  | SoundStartedEvent
  | SoundEndedEvent
  | AnsweredByEvent;

export type CallEventType = CallEvent['type'];

/** Who is on the callee's side of the line. */
export type Callee = 'person' | 'voicemail';

/** Who ended the call: the service, a callee, or the network when nobody answered. */
export type CallEndedBy = 'service' | 'person' | 'voicemail' | 'no-answer';

/** Why the call ended: the flow's reason, or the callee's or the network's. */
export type CallEndReason = HangupReason | 'patience-ran-out' | 'recording-limit' | 'ring-timeout';

/** The service places the call; the flow will ask for `expectedDigit` (null: no key). */
export interface PlacedEvent {
  readonly type: 'placed';
  readonly atMs: Ms;
  readonly strategy: StrategyId;
  readonly expectedDigit: string | null;
}

export interface AnsweredEvent {
  readonly type: 'answered';
  readonly atMs: Ms;
  readonly by: Callee;
}

/** The flow entered a state (its XState state value); self-transitions are not states. */
export interface FlowStateEvent {
  readonly type: 'flow-state';
  readonly atMs: Ms;
  readonly state: string;
}

/**
 * A "press N" prompt starts playing; its gather listens from here (barge-in). `reason`: the
 * first prompt, a re-prompt because no key came, or a re-ask after a wrong key.
 */
export interface PromptStartedEvent {
  readonly type: 'prompt-started';
  readonly atMs: Ms;
  readonly digit: string;
  readonly reason: PromptReason;
}

/**
 * The prompt stops: `played` to its end, `stopped` by the flow (a key cut it short) or cut by
 * the call's end.
 */
export interface PromptEndedEvent {
  readonly type: 'prompt-ended';
  readonly atMs: Ms;
  readonly digit: string;
  readonly cause: 'played' | 'stopped' | 'call-ended';
}

/** Readout `number` (1-based, in the order said) starts. */
export interface ReadoutStartedEvent {
  readonly type: 'readout-started';
  readonly atMs: Ms;
  readonly number: number;
}

export interface ReadoutEndedEvent {
  readonly type: 'readout-ended';
  readonly atMs: Ms;
  readonly number: number;
  /** Said to the end (not cut off by a hang-up). */
  readonly completed: boolean;
  /** Wholly inside the voicemail's recording window. */
  readonly recorded: boolean;
  /** Heard live, start to end, by the person. */
  readonly heardByPerson: boolean;
}

/**
 * A DTMF tone on the line from `atMs` (its start) to `endMs` (cut at the call's end): a key the
 * person pressed or a tone in the greeting. `reportedAtMs` is when the service's receiver reported
 * it, or null when it never did (too short, missed, or the call ended first).
 */
export interface KeyToneEvent {
  readonly type: 'key-tone';
  readonly atMs: Ms;
  readonly endMs: Ms;
  readonly digit: string;
  readonly from: Callee;
  readonly reportedAtMs: Ms | null;
}

/**
 * The service's DTMF receiver reports a key, as it heard it (at either fidelity): `toneStartMs`
 * is where the receiver found the tone's start.
 */
export interface KeyReportedEvent {
  readonly type: 'key-reported';
  readonly atMs: Ms;
  readonly digit: string;
  readonly from: Callee;
  readonly toneStartMs: Ms;
}

/** The person's own "Hello?" on answering, cut at the call's end. */
export interface PersonHelloEvent {
  readonly type: 'person-hello';
  readonly atMs: Ms;
  readonly endMs: Ms;
}

/** One part of the voicemail greeting as it played, cut at the call's end. */
export interface GreetingSegmentEvent {
  readonly type: 'greeting-segment';
  readonly atMs: Ms;
  readonly endMs: Ms;
  readonly kind: 'speech' | 'silence' | 'dtmf';
  /** The call ended before this part had played out. */
  readonly cutShort: boolean;
}

/** The voicemail's beep after its greeting, cut at the call's end. */
export interface BeepEvent {
  readonly type: 'beep';
  readonly atMs: Ms;
  readonly endMs: Ms;
}

/** The voicemail's recording window: from the end of the beep to the call's end. */
export interface RecordingEvent {
  readonly type: 'recording';
  readonly atMs: Ms;
  readonly endMs: Ms;
}

/** Answering-machine detection starts listening to the callee. */
export interface AmdStartedEvent {
  readonly type: 'amd-started';
  readonly atMs: Ms;
}

/** app_amd's verdict; `decisionMs` is the audio it had analysed (from the answer). */
export interface AmdVerdictEvent {
  readonly type: 'amd-verdict';
  readonly atMs: Ms;
  readonly verdict: AmdVerdict;
  readonly cause: AmdCause;
  readonly decisionMs: Ms;
}

/** The flow starts a timer (a gather's timeout). */
export interface TimerStartedEvent {
  readonly type: 'timer-started';
  readonly atMs: Ms;
  readonly durationMs: Ms;
}

export interface TimerFiredEvent {
  readonly type: 'timer-fired';
  readonly atMs: Ms;
}

export interface TimerCancelledEvent {
  readonly type: 'timer-cancelled';
  readonly atMs: Ms;
}

/** The call ends. */
export interface HangupEvent {
  readonly type: 'hangup';
  readonly atMs: Ms;
  readonly by: CallEndedBy;
  readonly reason: CallEndReason;
}

/**
 * After the call: the attacker (from the voicemail) or the owner (from what they heard) types
 * the code, and the service accepts it or not.
 */
export interface CodeSubmittedEvent {
  readonly type: 'code-submitted';
  readonly atMs: Ms;
  readonly by: 'attacker' | 'owner';
  readonly code: string;
  readonly accepted: boolean;
}

/**
 * A TwiML flow asks for a document: from the scenario's documents (a static flow) or the user's
 * webhook (a `url` flow). `outcome` is 'ok' or why no document came (the call then ends with
 * Twilio's "application error" message); `digits` is the Gather's Digits, if any.
 */
export interface TwimlRequestEvent {
  readonly type: 'twiml-request';
  readonly atMs: Ms;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly digits: string | null;
  readonly outcome: 'ok' | WebhookFailureKind | 'not-found';
  readonly twilioCode: number | null;
  readonly message: string | null;
}

/** A TwiML flow starts a verb: which, and where it was written (the document's URL and line). */
export interface TwimlVerbEvent {
  readonly type: 'twiml-verb';
  readonly atMs: Ms;
  readonly verb: string;
  readonly source: string;
  readonly line: number;
}

/**
 * A TwiML flow's sound starts: a `<Say>` (`text`, `loops` times), DTMF it plays (`<Play digits>`
 * or the call's sendDigits: `text` holds the keys), a media file (`text` is its URL) or a pause.
 */
export interface SoundStartedEvent {
  readonly type: 'sound-started';
  readonly atMs: Ms;
  readonly sound: 'say' | 'tones' | 'media' | 'pause';
  readonly text: string;
  readonly loops: number;
}

/** The sound stops: played to its end, stopped by the flow (a key), or cut by the call's end. */
export interface SoundEndedEvent {
  readonly type: 'sound-ended';
  readonly atMs: Ms;
  readonly sound: 'say' | 'tones' | 'media' | 'pause';
  readonly cause: 'played' | 'stopped' | 'call-ended';
}

/** Twilio-style answering-machine detection's AnsweredBy, `decisionMs` after the answer. */
export interface AnsweredByEvent {
  readonly type: 'answered-by';
  readonly atMs: Ms;
  readonly answeredBy: TwilioAnsweredBy;
  readonly decisionMs: Ms;
}

/** Receives a call's events as the simulation establishes them. */
export interface CallRecorder {
  record(event: CallEvent): void;
}

/** The one recorder: keeps a call's events and gives them back in time order. */
export class CallEventLog implements CallRecorder {
  readonly #events: CallEvent[] = [];

  record(event: CallEvent): void {
    this.#events.push(event);
  }

  /**
   * Every event by `atMs`; events of the same millisecond keep the order they were recorded in
   * (a cause before its effect: a key reported before the state it moves the flow to).
   */
  events(): CallEvent[] {
    return this.#events
      .map((event, i) => ({ event, i }))
      .sort((a, b) => a.event.atMs - b.event.atMs || a.i - b.i)
      .map(({ event }) => event);
  }
}

/** Every event type, for documentation checks and consumers that enumerate them. */
export const CALL_EVENT_TYPES = [
  'placed',
  'answered',
  'flow-state',
  'prompt-started',
  'prompt-ended',
  'readout-started',
  'readout-ended',
  'key-tone',
  'key-reported',
  'person-hello',
  'greeting-segment',
  'beep',
  'recording',
  'amd-started',
  'amd-verdict',
  'timer-started',
  'timer-fired',
  'timer-cancelled',
  'hangup',
  'code-submitted',
  'twiml-request',
  'twiml-verb',
  'sound-started',
  'sound-ended',
  'answered-by',
] as const satisfies readonly CallEventType[];

// Fails to compile when a type of the union is missing from the list above.
const everyTypeListed: Exclude<CallEventType, (typeof CALL_EVENT_TYPES)[number]> extends never
  ? true
  : false = true;
void everyTypeListed;
