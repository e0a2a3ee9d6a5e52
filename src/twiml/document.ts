/**
 * TwiML voice documents as the interpreter runs them: one typed verb per element, every attribute
 * resolved to its value or Twilio's default (TwiML reference, https://www.twilio.com/docs/voice/twiml),
 * every verb with the line it was written on. Strings that may hold `{{Name}}` placeholders (text
 * and URLs) are kept as written and filled per request (placeholders.ts), so a static document is
 * parsed once per run.
 */

/** A request method TwiML names for `action` and `<Redirect>`. */
export type TwimlMethod = 'GET' | 'POST';

/** Where a verb was written: 1-based line and column of its start tag. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** `<Say>`: text spoken at the documented speaking rate (speech.ts), `loop` times. */
export interface SayVerb extends SourcePosition {
  readonly verb: 'Say';
  /** The text as written, placeholders unfilled, whitespace runs collapsed. */
  readonly text: string;
  /** Times to say it; `loop="0"` is already replaced by the platform's cap (LOOP_ZERO_CAP). */
  readonly loop: number;
  readonly voice: string | null;
  readonly language: string | null;
}

/**
 * `<Play>`: a media URL (its duration from the scenario's `media` table, or the default), or
 * DTMF `digits` (`w` = a 0.5 s wait), `loop` times.
 */
export interface PlayVerb extends SourcePosition {
  readonly verb: 'Play';
  /** The media URL as written (placeholders unfilled), or null when `digits` is given. */
  readonly url: string | null;
  /** DTMF keys to play (0–9, *, #, A–D, w), or null for media. */
  readonly digits: string | null;
  readonly loop: number;
}

/** `<Pause>`: silence, `length` seconds (default 1). */
export interface PauseVerb extends SourcePosition {
  readonly verb: 'Pause';
  readonly lengthSeconds: number;
}

/** What a `<Gather>` may contain. */
export type GatherChild = SayVerb | PlayVerb | PauseVerb;

/** `<Gather>`: collects keys while its nested verbs play and for `timeout` seconds after. */
export interface GatherVerb extends SourcePosition {
  readonly verb: 'Gather';
  /** `dtmf` (the default), `speech`, or `dtmf speech`; the simulated callers only press keys. */
  readonly input: 'dtmf' | 'speech' | 'dtmf speech';
  /** Keys to collect before submitting; null: no limit (Twilio's default). */
  readonly numDigits: number | null;
  /** Seconds of no input after the nested verbs (and between keys) before submitting; default 5. */
  readonly timeoutSeconds: number;
  /** The key that submits (default `#`, never part of `Digits`); '' disables it. */
  readonly finishOnKey: string;
  /** Where the keys go; null: the current document's URL (Twilio's default). */
  readonly action: string | null;
  readonly method: TwimlMethod;
  /** Request `action` even when no key was pressed (default false: fall through instead). */
  readonly actionOnEmptyResult: boolean;
  readonly children: readonly GatherChild[];
}

/** `<Redirect>`: fetch the URL and run it instead of the rest of this document. */
export interface RedirectVerb extends SourcePosition {
  readonly verb: 'Redirect';
  readonly url: string;
  readonly method: TwimlMethod;
}

/** `<Hangup>`: end the call. */
export interface HangupVerb extends SourcePosition {
  readonly verb: 'Hangup';
}

/** `<Reject>`: as the first verb, the call is never answered (busy or rejected). */
export interface RejectVerb extends SourcePosition {
  readonly verb: 'Reject';
  readonly reason: 'rejected' | 'busy';
}

/** `<Record>`: records the caller after an optional beep, until a key, silence or maxLength. */
export interface RecordVerb extends SourcePosition {
  readonly verb: 'Record';
  /** Default 3600 s. */
  readonly maxLengthSeconds: number;
  /** Seconds of silence that end the recording (default 5). */
  readonly timeoutSeconds: number;
  /** Keys that end the recording (default `1234567890*#`). */
  readonly finishOnKey: string;
  /** Default true. */
  readonly playBeep: boolean;
  /** Where to go after; null: the current document (Twilio's default). */
  readonly action: string | null;
  readonly method: TwimlMethod;
}

export type TwimlVerb =
  SayVerb | PlayVerb | PauseVerb | GatherVerb | RedirectVerb | HangupVerb | RejectVerb | RecordVerb;

export type TwimlVerbName = TwimlVerb['verb'];

/** A parsed `<Response>`. */
export interface TwimlDocument {
  /** Where it came from (a path relative to the scenario, an inline flow's name, or a URL). */
  readonly source: string;
  readonly verbs: readonly TwimlVerb[];
}

/**
 * A problem with a document: where, what was expected, what was found, and Twilio's error or
 * warning code where one exists (https://www.twilio.com/docs/api/errors).
 */
export interface TwimlIssue extends SourcePosition {
  readonly message: string;
  /** e.g. 12100 (document parse failure), 12200 (schema validation warning). */
  readonly twilioCode: number | null;
}

export type ParsedTwiml =
  | { readonly ok: true; readonly document: TwimlDocument }
  | { readonly ok: false; readonly issues: readonly TwimlIssue[] };
