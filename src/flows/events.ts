import type { Ms } from '../core/units.ts';
import type { AmdResult } from '../phone/amd/index.ts';
import type { TwilioAnsweredBy, TwilioAmdSettings } from '../phone/twilioAmd/index.ts';
import type { TwimlDocument, TwimlMethod, TwimlRequest } from '../twiml/index.ts';

/** Events the line delivers to a call flow, at simulated times. */
export type CallEvent =
  | BuiltInFlowEvent
  /** Twilio-style answering-machine detection's AnsweredBy (a TwiML flow's call option). */
  | { type: 'ANSWERED_BY'; answeredBy: TwilioAnsweredBy }
  /** The answer to a TwiML flow's request for a document. */
  | { type: 'TWIML'; result: TwimlResult }
  /**
   * The Calls API updated the live call with a new `Url` or `Twiml`: the running document stops
   * and the new one is requested at once (a TwiML flow only).
   */
  | { type: 'REDIRECT'; url: string; method: TwimlMethod };

/** The events the four built-in flows (XState machines) react to. */
export type BuiltInFlowEvent =
  | { type: 'ANSWERED' }
  | { type: 'NO_ANSWER' }
  | { type: 'DTMF'; digit: string }
  | { type: 'PLAYBACK_DONE' }
  | { type: 'TIMEOUT' }
  | { type: 'AMD_RESULT'; result: AmdResult }
  | { type: 'BEEP' }
  | { type: 'HANGUP' };

/**
 * A document to run, and the request parameters its `{{Name}}` placeholders take (a static
 * document, as TwiML Bins fill them; null for a webhook's answer, which is final), or why there
 * is none (the platform then says "an application error has occurred" and hangs up).
 */
export type TwimlResult =
  | {
      readonly ok: true;
      readonly document: TwimlDocument;
      /** The URL it was fetched from: where its relative URLs and its default action point. */
      readonly url: string;
      readonly fill: Readonly<Record<string, string>> | null;
    }
  | { readonly ok: false; readonly message: string; readonly twilioCode: number };

/** What the service is playing into the call. */
/**
 * A prompt asks for one key; a readout says the code `repeats` times in one message (as Somleng
 * and TwiML's <Say loop="3"> do), and the line reports PLAYBACK_DONE once, after the last one.
 */
export type Playback =
  | { kind: 'prompt'; digit: string; reason: PromptReason }
  | { kind: 'readout'; repeats: number }
  | SayPlayback
  | TonesPlayback
  | QuietPlayback;

/**
 * Why a "press N" prompt plays: the first time, again after the gather heard no key (the
 * no-input re-prompt), or again after a wrong key ("That was not the right key. Press 7 …").
 */
export type PromptReason = 'first' | 'no-input' | 'wrong-key';

/**
 * A TwiML `<Say>`, `loops` times: `codes` are where in one loop the code is spoken (each stretch
 * one readout: what a recording must hold, or the person hear, for the code to be had), `key`
 * the key it asks for as the person understands it ('any' for "press any key"), or null.
 */
export interface SayPlayback {
  readonly kind: 'say';
  readonly text: string;
  readonly loopMs: Ms;
  readonly loops: number;
  readonly codes: readonly { readonly startMs: Ms; readonly endMs: Ms }[];
  readonly key: string | null;
}

/** DTMF the service plays (`<Play digits>`, the call's sendDigits), offsets within one loop. */
export interface TonesPlayback {
  readonly kind: 'tones';
  readonly digits: string;
  readonly tones: readonly { readonly digit: string; readonly startMs: Ms; readonly endMs: Ms }[];
  readonly loopMs: Ms;
  readonly loops: number;
}

/** Sound that carries nothing the callee acts on: `<Pause>`, or a `<Play>` of a media file. */
export interface QuietPlayback {
  readonly kind: 'pause' | 'media';
  /** The media URL, or '' for a pause. */
  readonly what: string;
  readonly durationMs: Ms;
}

/** Why the service ended the call. */
export type HangupReason =
  | 'done'
  | 'wrong-digit'
  | 'no-input'
  | 'machine-detected'
  | 'not-sure'
  /** TwiML: a `<Hangup>` verb, the end of the document, a `<Reject>`, a failed request. */
  | 'hangup-verb'
  | 'end-of-document'
  | 'rejected'
  | 'application-error'
  /** The Calls API ended the live call (`Status=completed`). */
  | 'api-hangup';

/**
 * The flow's handle on the media layer. The flow decides; the line carries out and reports back
 * with events (PLAYBACK_DONE, TIMEOUT, AMD_RESULT), so flow logic never touches time itself.
 */
export interface CallPort {
  play(playback: Playback): void;
  stopPlayback(): void;
  startTimer(ms: Ms): void;
  cancelTimer(): void;
  startAmd(): void;
  /** Ask the line for BEEP when the voicemail beep has been heard (at once if it already was). */
  awaitBeep(): void;
  hangup(reason: HangupReason): void;
  /** The simulated time, ms from the call's placing (a `<Record>`'s RecordingDuration). */
  nowMs(): Ms;
  /** Run Twilio-style AMD from the answer; the line sends ANSWERED_BY with the verdict. */
  startTwilioAmd(settings: TwilioAmdSettings): void;
  /** Ask for a TwiML document; the line sends TWIML with the answer. */
  fetchTwiml(request: TwimlRequest): void;
  /** The flow is now at `state` (a TwiML verb and where it was written); for the call's record. */
  enteredState(state: string, verb?: { source: string; line: number; verb: string }): void;
}

/** Settings every flow reads, in engine units (ms). */
export interface FlowSettings {
  readoutRepeats: number;
  gatherTimeoutMs: Ms;
  /** Prompts before giving up on no input (1 prompt + 1 re-prompt). */
  maxPrompts: number;
  /**
   * random-digit: re-asks for the same key after a wrong one, before a wrong key hangs up (0:
   * the first wrong key hangs up). A budget of its own: re-asks do not use up `maxPrompts`.
   */
  wrongKeyRetries: number;
  onMachine: 'hangup' | 'leave-code';
  onNotSure: 'human' | 'hangup';
}

export interface FlowInput {
  port: CallPort;
  settings: FlowSettings;
  /** The key the caller must press first (static-prompt: fixed; random-digit: drawn per call; none for naive and amd). */
  expectedDigit: string | null;
}

export interface FlowContext extends FlowInput {
  /** Prompts played for no input: the first and its re-prompts (not re-asks after a wrong key). */
  promptsPlayed: number;
  /** Re-asks after a wrong key so far. */
  wrongKeys: number;
}

export function initialContext(input: FlowInput): FlowContext {
  // Field by field rather than a spread: one per call, and a spread costs several times more.
  return {
    port: input.port,
    settings: input.settings,
    expectedDigit: input.expectedDigit,
    promptsPlayed: 0,
    wrongKeys: 0,
  };
}
