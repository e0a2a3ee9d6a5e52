/**
 * The TwiML interpreter: runs a flow's documents verb by verb on the simulated line, as Twilio's
 * voice platform runs them (TwiML reference, https://www.twilio.com/docs/voice/twiml). It decides;
 * the line (CallPort) plays, times and reports back with events, so every verb takes simulated
 * time and nothing here reads a clock. Documents come through `port.fetchTwiml`: the call answers
 * from the scenario's documents (static flows) or from the user's webhook (`url` flows).
 *
 * Where Twilio documents a rule it is cited at the rule; where it documents none (keys pressed
 * outside a `<Gather>`, a redirect loop) the rule is named here and in the README.
 */
import type { Ms } from '../../core/units.ts';
import type { TwilioAmdSettings, TwilioAnsweredBy } from '../../phone/twilioAmd/index.ts';
import {
  codeSpans,
  fillPlaceholders,
  keyNamed,
  playDigitsPlan,
  resolveTwimlUrl,
  sayDurationMs,
  type GatherChild,
  type GatherVerb,
  type RecordVerb,
  type TwimlDocument,
  type TwimlMethod,
  type TwimlVerb,
} from '../../twiml/index.ts';
import type { CallEvent, CallPort, TwimlResult } from '../events.ts';

/** The URL of a flow's inline document: `inline:<flow id>`, a scheme no host serves. */
export const INLINE_SCHEME = 'inline:';

/** What Twilio says when a request for TwiML fails (its error 11200 and kin), then hangs up. */
export const APPLICATION_ERROR_TEXT = 'We are sorry, an application error has occurred. Goodbye.';

/**
 * Documents a call may fetch one after another with no sound or wait between them (a
 * `<Redirect>` to itself, say) before the call ends with an application error. Twilio documents
 * no number; a loop that takes no time would otherwise never end.
 */
export const MAX_DOCUMENTS_WITHOUT_SOUND = 20;

/** resolveTwimlUrl, with an inline document (`inline:<flow>`) in the scenario's folder. */
export function resolveDocumentUrl(ref: string, base: string): string {
  return resolveTwimlUrl(ref, base.startsWith(INLINE_SCHEME) ? '' : base);
}

/** A TwiML flow as the interpreter needs it: where to start and the call's options. */
export interface TwimlFlowProgram {
  /** The first request's URL: a static flow's root document, or the webhook. */
  readonly entryUrl: string;
  readonly entryMethod: TwimlMethod;
  /** Twilio-style AMD on answer, held before the first request (synchronous AMD), or null. */
  readonly amd: TwilioAmdSettings | null;
  /**
   * The Calls API's `AsyncAmd`: the first request goes out on the answer while AMD listens, and
   * its verdict goes to the app's AsyncAmdStatusCallback instead of the requests
   * (https://www.twilio.com/docs/voice/answering-machine-detection). Absent: false.
   */
  readonly asyncAmd?: boolean;
  /** The Calls API's SendDigits, played on answer before the first request, or ''. */
  readonly sendDigits: string;
  /** Keys heard while no `<Gather>` listens: dropped, or kept for the next one. */
  readonly keysOutsideGather: 'discard' | 'buffer';
  /** How long a `<Play>` of a media URL lasts. */
  mediaMs(url: string): Ms;
  /**
   * `ref` resolved against `base` (resolveTwimlUrl; an inline document's base is the
   * scenario's folder): the same few URLs come up on every call, so the program may keep them.
   */
  resolveUrl(ref: string, base: string): string;
}

/** What one call knows before it starts: its request parameters and its code. */
export interface TwimlCallInput {
  readonly port: CallPort;
  readonly program: TwimlFlowProgram;
  /** CallSid, AccountSid, From, To, Direction, ApiVersion, Code, CallSeed. */
  readonly callParams: Readonly<Record<string, string>>;
  /**
   * The code the verification reads: a `<Say>` holding its digits in order reads it. Null when
   * the simulator knows no code (a Calls API call: the app's TwiML says what it says).
   */
  readonly code: string | null;
}

type Phase =
  | 'ringing'
  | 'sending-digits'
  | 'detecting'
  | 'fetching'
  | 'playing'
  | 'gather-playing'
  | 'gather-waiting'
  | 'recording'
  | 'error-message'
  | 'ended';

interface Frame {
  readonly document: TwimlDocument;
  readonly url: string;
  readonly fill: Readonly<Record<string, string>> | null;
  /** Index of the verb running (or next to run). */
  index: number;
}

interface GatherRun {
  readonly verb: GatherVerb;
  childIndex: number;
  digits: string;
}

interface RecordRun {
  readonly verb: RecordVerb;
  readonly startedAtMs: Ms;
}

/** One call's interpreter: the line sends it events, it sends the line commands. */
export class TwimlInterpreter {
  private phase: Phase = 'ringing';
  private frame: Frame | null = null;
  private gather: GatherRun | null = null;
  private record: RecordRun | null = null;
  private answeredBy: TwilioAnsweredBy | null = null;
  private readonly bufferedKeys: string[] = [];
  private documentsWithoutSound = 0;
  private readonly port: CallPort;
  private readonly program: TwimlFlowProgram;

  constructor(private readonly input: TwimlCallInput) {
    this.port = input.port;
    this.program = input.program;
  }

  /** Nothing happens before the line reports the answer. */
  start(): void {}

  stop(): void {
    this.phase = 'ended';
  }

  get active(): boolean {
    return this.phase !== 'ended';
  }

  /** The phase, for the call's record of states. */
  get state(): string {
    return this.phase;
  }

  send(event: CallEvent): void {
    if (this.phase === 'ended') return;
    switch (event.type) {
      case 'ANSWERED':
        this.answered();
        return;
      case 'NO_ANSWER':
      case 'HANGUP':
        this.phase = 'ended';
        return;
      case 'ANSWERED_BY':
        // Asynchronous AMD reports to the app's callback, not to the requests.
        if (this.program.asyncAmd || this.phase !== 'detecting') return;
        this.answeredBy = event.answeredBy;
        this.request(this.program.entryUrl, this.program.entryMethod, {});
        return;
      case 'REDIRECT':
        this.redirected(event.url, event.method);
        return;
      case 'TWIML':
        this.received(event.result);
        return;
      case 'PLAYBACK_DONE':
        this.playbackDone();
        return;
      case 'DTMF':
        this.key(event.digit);
        return;
      case 'TIMEOUT':
        this.timeout();
        return;
      case 'AMD_RESULT':
      case 'BEEP':
        return;
    }
  }

  // --- the call's start ------------------------------------------------------------------------

  private answered(): void {
    const { sendDigits } = this.program;
    if (sendDigits !== '') {
      this.enter('sending-digits');
      this.playDigits(sendDigits, 1);
      return;
    }
    this.afterSendDigits();
  }

  private afterSendDigits(): void {
    const { amd, asyncAmd } = this.program;
    if (amd && !asyncAmd) {
      this.enter('detecting');
      this.port.startTwilioAmd(amd);
      return;
    }
    if (amd) this.port.startTwilioAmd(amd);
    this.request(this.program.entryUrl, this.program.entryMethod, {});
  }

  /**
   * A Calls API update with a new `Url` or `Twiml`: whatever the call is doing (a verb, a
   * `<Gather>`'s wait, a `<Record>`, a request) stops, and the new document is requested now
   * (the Call resource: "redirect or end a call that is in progress",
   * https://www.twilio.com/docs/voice/api/call-resource). Before the
   * answer there is nothing to redirect: the API refuses such an update.
   */
  private redirected(url: string, method: TwimlMethod): void {
    if (this.phase === 'ringing') return;
    this.port.stopPlayback();
    this.port.cancelTimer();
    this.gather = null;
    this.record = null;
    this.frame = null;
    this.documentsWithoutSound = 0;
    this.request(url, method, {});
  }

  // --- documents -------------------------------------------------------------------------------

  private request(url: string, method: TwimlMethod, extra: Readonly<Record<string, string>>): void {
    if (++this.documentsWithoutSound > MAX_DOCUMENTS_WITHOUT_SOUND) {
      this.applicationError();
      return;
    }
    this.enter('fetching');
    const params: Record<string, string> = { ...this.input.callParams, CallStatus: 'in-progress' };
    if (this.answeredBy !== null) params.AnsweredBy = this.answeredBy;
    Object.assign(params, extra);
    this.port.fetchTwiml({ url, method, params });
  }

  private received(result: TwimlResult): void {
    if (this.phase !== 'fetching') return;
    if (!result.ok) {
      this.applicationError();
      return;
    }
    this.frame = { document: result.document, url: result.url, fill: result.fill, index: 0 };
    this.runVerb();
  }

  /** Twilio's "application error" message, then the hang-up. */
  private applicationError(): void {
    this.enter('error-message');
    this.frame = null;
    this.port.play({
      kind: 'say',
      text: APPLICATION_ERROR_TEXT,
      loopMs: sayDurationMs(APPLICATION_ERROR_TEXT),
      loops: 1,
      codes: [],
      key: null,
    });
  }

  // --- verbs -----------------------------------------------------------------------------------

  /** Runs the current document's verb at `index`, or hangs up at the document's end. */
  private runVerb(): void {
    const frame = this.frame!;
    const verb = frame.document.verbs[frame.index];
    if (!verb) {
      this.hangup('end-of-document');
      return;
    }
    this.enterVerb(verb);
    switch (verb.verb) {
      case 'Say':
      case 'Play':
      case 'Pause':
        this.phase = 'playing';
        this.playChild(verb);
        return;
      case 'Gather':
        this.startGather(verb);
        return;
      case 'Redirect':
        this.request(this.url(verb.url), verb.method, {});
        return;
      case 'Hangup':
        this.hangup('hangup-verb');
        return;
      case 'Reject':
        // As the first verb the call is refused before anything is said; later, the call ends
        // all the same (https://www.twilio.com/docs/voice/twiml/reject).
        this.hangup('rejected');
        return;
      case 'Record':
        this.startRecord(verb);
        return;
    }
  }

  private nextVerb(): void {
    this.frame!.index++;
    this.runVerb();
  }

  /** `<Say>`, `<Play>` or `<Pause>`, at the top level or inside a `<Gather>`. */
  private playChild(verb: GatherChild): void {
    this.documentsWithoutSound = 0;
    switch (verb.verb) {
      case 'Say': {
        const text = this.fill(verb.text);
        this.port.play({
          kind: 'say',
          text,
          loopMs: sayDurationMs(text),
          loops: verb.loop,
          codes: this.input.code === null ? [] : codeSpans(text, this.input.code),
          key: keyNamed(text),
        });
        return;
      }
      case 'Play':
        if (verb.digits !== null) this.playDigits(this.fill(verb.digits), verb.loop);
        else {
          const url = this.url(verb.url!);
          this.port.play({
            kind: 'media',
            what: url,
            durationMs: this.program.mediaMs(url) * verb.loop,
          });
        }
        return;
      case 'Pause':
        this.port.play({ kind: 'pause', what: '', durationMs: verb.lengthSeconds * 1000 });
        return;
    }
  }

  private playDigits(digits: string, loops: number): void {
    this.documentsWithoutSound = 0;
    const plan = playDigitsPlan(digits);
    this.port.play({ kind: 'tones', digits, tones: plan.tones, loopMs: plan.durationMs, loops });
  }

  private playbackDone(): void {
    switch (this.phase) {
      case 'sending-digits':
        this.afterSendDigits();
        return;
      case 'playing':
        this.nextVerb();
        return;
      case 'gather-playing':
        this.gatherChildDone();
        return;
      case 'error-message':
        this.hangup('application-error');
        return;
      default:
        return;
    }
  }

  // --- <Gather> -------------------------------------------------------------------------------

  private startGather(verb: GatherVerb): void {
    this.gather = { verb, childIndex: -1, digits: '' };
    this.phase = 'gather-playing';
    // Keys kept from before the gather (the 'buffer' policy) arrive first.
    const buffered = this.listensForKeys(verb) ? this.bufferedKeys.splice(0) : [];
    for (const digit of buffered) {
      if (this.gather !== null) this.gatherKey(digit);
    }
    if (this.gather !== null && this.phase === 'gather-playing') this.gatherChildDone();
  }

  /** A `<Gather input="speech">` takes no keys; the simulated callers never speak an answer. */
  private listensForKeys(verb: GatherVerb): boolean {
    return verb.input !== 'speech';
  }

  /** The next nested verb, or the wait for input once they are all played. */
  private gatherChildDone(): void {
    const run = this.gather!;
    const child = run.verb.children[++run.childIndex];
    if (child) {
      this.enterVerb(child);
      this.phase = 'gather-playing';
      this.playChild(child);
      return;
    }
    this.waitForKeys();
  }

  /**
   * Waits `timeout` seconds for the next key: after the nested verbs, and again after each key
   * (https://www.twilio.com/docs/voice/twiml/gather#timeout).
   */
  private waitForKeys(): void {
    this.phase = 'gather-waiting';
    this.documentsWithoutSound = 0;
    this.port.startTimer(this.gather!.verb.timeoutSeconds * 1000);
  }

  private gatherKey(digit: string): void {
    const run = this.gather!;
    const { verb } = run;
    if (this.phase === 'gather-playing') {
      // The first key stops the nested audio (https://www.twilio.com/docs/voice/twiml/gather).
      this.port.stopPlayback();
    } else {
      this.port.cancelTimer();
    }
    if (verb.finishOnKey !== '' && digit === verb.finishOnKey) {
      // The finishing key is not part of Digits.
      this.submitGather();
      return;
    }
    run.digits += digit;
    if (verb.numDigits !== null && run.digits.length >= verb.numDigits) {
      this.submitGather();
      return;
    }
    this.waitForKeys();
  }

  private gatherTimedOut(): void {
    const run = this.gather!;
    if (run.digits === '' && !run.verb.actionOnEmptyResult) {
      // No input: the document goes on with the verb after the <Gather>.
      this.gather = null;
      this.nextVerb();
      return;
    }
    this.submitGather();
  }

  private submitGather(): void {
    const { verb, digits } = this.gather!;
    this.gather = null;
    const action = verb.action === null ? this.frame!.url : this.url(verb.action);
    this.request(action, verb.method, { Digits: digits });
  }

  // --- <Record> -------------------------------------------------------------------------------

  /**
   * Records after a beep until a finishing key, `timeout` seconds of silence or `maxLength`. The
   * simulated callers say nothing into a recording, so the silence runs from its start.
   */
  private startRecord(verb: RecordVerb): void {
    this.record = { verb, startedAtMs: this.port.nowMs() };
    this.phase = 'recording';
    this.documentsWithoutSound = 0;
    this.port.startTimer(Math.min(verb.timeoutSeconds, verb.maxLengthSeconds) * 1000);
  }

  private endRecord(digits: string, elapsedSeconds: number): void {
    const { verb } = this.record!;
    this.record = null;
    const action = verb.action === null ? this.frame!.url : this.url(verb.action);
    this.request(action, verb.method, {
      RecordingDuration: String(elapsedSeconds),
      Digits: digits,
    });
  }

  // --- keys and timers ------------------------------------------------------------------------

  private key(digit: string): void {
    switch (this.phase) {
      case 'gather-playing':
      case 'gather-waiting':
        if (this.listensForKeys(this.gather!.verb)) this.gatherKey(digit);
        return;
      case 'recording': {
        const { verb } = this.record!;
        if (verb.finishOnKey.includes(digit)) {
          this.port.cancelTimer();
          const elapsedMs = this.port.nowMs() - this.record!.startedAtMs;
          this.endRecord(digit, Math.round(elapsedMs / 1000));
        }
        return;
      }
      default:
        if (this.program.keysOutsideGather === 'buffer') this.bufferedKeys.push(digit);
        return;
    }
  }

  private timeout(): void {
    if (this.phase === 'gather-waiting') this.gatherTimedOut();
    else if (this.phase === 'recording') {
      const { verb } = this.record!;
      this.endRecord('hangup', Math.min(verb.timeoutSeconds, verb.maxLengthSeconds));
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private hangup(reason: 'end-of-document' | 'hangup-verb' | 'rejected' | 'application-error') {
    this.phase = 'ended';
    this.port.hangup(reason);
  }

  private enter(phase: Phase): void {
    this.phase = phase;
    this.port.enteredState(phase);
  }

  private enterVerb(verb: TwimlVerb | GatherChild): void {
    const frame = this.frame!;
    this.port.enteredState(verb.verb, {
      source: frame.url,
      line: verb.line,
      verb: verb.verb,
    });
  }

  /** A string of the document as the request's parameters fill it (static documents only). */
  private fill(template: string): string {
    const { fill } = this.frame!;
    return fill === null ? template : fillPlaceholders(template, fill);
  }

  /**
   * A URL of the document, filled, resolved against the document's own URL; an inline document
   * (`inline:<flow>`) sits in the scenario's folder.
   */
  private url(ref: string): string {
    return this.program.resolveUrl(this.fill(ref), this.frame!.url);
  }
}
