import type { Ms } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';
import {
  FLOWS,
  TwimlInterpreter,
  stepperEngine,
  type FlowEngine,
  type FlowRunner,
  type CallEvent as FlowEvent,
  type CallPort,
  type HangupReason,
  type Playback,
  type TwimlResult,
} from '../flows/index.ts';
import type { AmdResult } from '../phone/amd/index.ts';
import type { VoiceSpan } from '../phone/greetingTimeline.ts';
import type { TwilioAmdSettings, TwilioAnsweredBy } from '../phone/twilioAmd/index.ts';
import { isBuiltInStrategy, type StrategyId } from '../scenario/index.ts';
import type { TwimlMethod, TwimlRequest, TwimlResponse } from '../twiml/index.ts';
import type { CallEndReason, CallEndedBy, CallRecorder, Callee } from './callEvents.ts';
import type { CompiledScenario } from './compile.ts';
import { EventQueue } from './eventQueue.ts';
import { recordCalleeSide, type PlayedTone } from './calleeSideRecord.ts';
import { matchKeysToTones } from './greetingKeyTones.ts';
import type { CalleeReceivers } from './receivers.ts';
import type { TwimlCallPlan } from './twimlFlows.ts';

export type Answerer = Callee | 'nobody';

/**
 * A step of a live call (liveCallSteps): a webhook request to answer, or a moment the Calls API
 * reports to the app (the answer; Twilio-style AMD's verdict), resumed with nothing.
 */
export type LiveCallStep =
  | { readonly kind: 'request'; readonly request: TwimlRequest }
  | { readonly kind: 'answered'; readonly atMs: Ms }
  | {
      readonly kind: 'answered-by';
      readonly atMs: Ms;
      readonly answeredBy: TwilioAnsweredBy;
      readonly decisionMs: Ms;
    };

/** What the Calls API may do to a live call while it waits at a step. */
export interface LiveCallControl {
  /** A new document now (Url or Twiml); false when the call has not been answered or has ended. */
  redirect(url: string, method: TwimlMethod): boolean;
  /** Ends the answered call now; false when it has not been answered or has ended. */
  hangUp(): boolean;
}

/** A live call: its steps, and the control the API has over it between them. */
export interface LiveCall {
  readonly steps: Generator<LiveCallStep, CallOutcome, TwimlResponse | undefined>;
  readonly control: LiveCallControl;
}

/**
 * Items the Calls API schedules at the current millisecond go before anything else due then: an
 * update takes effect at once.
 */
const API_RANK = -1;
export type { CallEndedBy };

/** One readout of the code, as it went out on the line. */
export interface Readout {
  readonly startMs: Ms;
  endMs: Ms;
  /** Played to the end (not cut off by a hang-up). */
  completed: boolean;
  /** Wholly inside the voicemail's recording window. */
  recorded: boolean;
  /** Heard live, start to end, by the person. */
  heardByPerson: boolean;
}

export interface CallOutcome {
  readonly strategy: StrategyId;
  readonly expectedDigit: string | null;
  readonly answeredBy: Answerer;
  readonly answeredAtMs: Ms | null;
  readonly endMs: Ms;
  readonly endedBy: CallEndedBy;
  readonly hangupReason: HangupReason | null;
  readonly readouts: readonly Readout[];
  /** The code reached the voicemail recording: at least one readout was recorded. */
  readonly leaked: boolean;
  /** End of the first readout the person heard in full, or null. */
  readonly firstReadoutHeardMs: Ms | null;
  readonly amd: AmdResult | null;
  /** When the voicemail started recording (end of the beep), or null. */
  readonly recordingStartMs: Ms | null;
  /** The person's own "Hello?" on answering (what AMD hears from them), or null. */
  readonly personHello: VoiceSpan | null;
  /** Twilio-style AMD's AnsweredBy (TwiML flows with machineDetection), or null. */
  readonly answeredByAmd: TwilioAnsweredBy | null;
}

export interface CallSetup {
  readonly compiled: CompiledScenario;
  readonly strategy: StrategyId;
  readonly rng: Rng;
  /** Chance the person picks up this call (owner waiting, or victim at night). */
  readonly answerProbability: number;
  readonly expectedDigit: string | null;
  /** A TwiML flow's program, documents and request parameters; absent for the built-in flows. */
  readonly twiml?: TwimlCallPlan;
  /** Receives the call's typed events (replays, the simulator's call log); Monte Carlo needs none. */
  readonly recorder?: CallRecorder;
  /**
   * The trial's stream for rendering audio (signal level), kept apart from `rng` so a trial
   * draws the same circumstances at either level. Defaults to `rng`.
   */
  readonly signalRng?: Rng;
  /**
   * The person's keys come from outside (a trainee's keypad): the call pauses each time the
   * person is asked for a key, and `callWithKeypad` resumes it with the key pressed. The person's
   * reaction time is still drawn as modelled; `keypressErrorRate` is not used.
   */
  readonly keypad?: boolean;
  /** Runs a built-in flow's machine: the stepper (the default) or XState's actor. */
  readonly flowEngine?: FlowEngine;
}

/** The person is asked for a key: the call waits for it (`callWithKeypad`). */
export interface KeyRequest {
  /** The key the service asked for. */
  readonly requestedDigit: string;
  /** When the request (its prompt) ended, ms from the call's placing. */
  readonly atMs: Ms;
}

/** The key the person pressed for a KeyRequest, or null for none. */
export type KeyAnswer = { readonly digit: string } | null;

type Agenda =
  | { kind: 'answer' }
  | { kind: 'no-answer' }
  | { kind: 'playback-done'; token: number }
  | { kind: 'readout-done'; token: number }
  | { kind: 'said-code'; token: number; readout: Readout }
  | { kind: 'timer'; token: number }
  | { kind: 'amd'; result: AmdResult }
  | {
      kind: 'dtmf';
      digit: string;
      from: Callee;
      /** Where the receiver found the tone's start. */
      toneStartMs: Ms;
      /** The tone on the line it came from (`greetingTones` or `personPresses`), or -1. */
      toneIndex: number;
    }
  | { kind: 'loop-done'; token: number }
  | { kind: 'answered-by'; answeredBy: TwilioAnsweredBy; decisionMs: Ms }
  | {
      kind: 'twiml';
      request: TwimlRequest;
      result: TwimlResult;
      response: TwimlResponse | null;
      /** The request it answers; a later request (after a redirect) makes it stale. */
      token: number;
    }
  | { kind: 'redirect'; url: string; method: TwimlMethod }
  | { kind: 'api-hangup' }
  | { kind: 'beep' }
  | { kind: 'beep-heard' }
  | { kind: 'person-patience' }
  | { kind: 'voicemail-full' };

const ALL_KEYS = '0123456789';

// The events and agenda items that carry nothing of their own, made once: nobody changes them.
const ANSWERED_EVENT: FlowEvent = { type: 'ANSWERED' };
const NO_ANSWER_EVENT: FlowEvent = { type: 'NO_ANSWER' };
const TIMEOUT_EVENT: FlowEvent = { type: 'TIMEOUT' };
const BEEP_EVENT: FlowEvent = { type: 'BEEP' };
const HANGUP_EVENT: FlowEvent = { type: 'HANGUP' };
const PLAYBACK_DONE_EVENT: FlowEvent = { type: 'PLAYBACK_DONE' };
const ANSWER_ITEM: Agenda = { kind: 'answer' };
const NO_ANSWER_ITEM: Agenda = { kind: 'no-answer' };
const BEEP_ITEM: Agenda = { kind: 'beep' };
const BEEP_HEARD_ITEM: Agenda = { kind: 'beep-heard' };
const PERSON_PATIENCE_ITEM: Agenda = { kind: 'person-patience' };
const VOICEMAIL_FULL_ITEM: Agenda = { kind: 'voicemail-full' };

/**
 * A callee's hang-up due at the same millisecond as something else happens after it: a readout
 * that ends exactly at the recording limit is recorded, and a person whose patience runs out
 * exactly when the service starts talking stays (they hang up only when silence EXCEEDS it).
 */
const CALLEE_HANGUP_RANK = 1;

/** The service side of a call: a built-in flow's XState actor or the TwiML interpreter. */
interface ServiceFlow {
  start(): void;
  send(event: FlowEvent): void;
  readonly active: boolean;
  readonly state: string;
  stop(): void;
}

/** A built-in strategy's flow (its XState machine, run by a FlowEngine) as a ServiceFlow. */
class BuiltInFlow implements ServiceFlow {
  constructor(private readonly runner: FlowRunner) {}

  start(): void {
    this.runner.start();
  }

  send(event: FlowEvent): void {
    if (event.type !== 'TWIML' && event.type !== 'ANSWERED_BY' && event.type !== 'REDIRECT') {
      this.runner.send(event);
    }
  }

  get active(): boolean {
    return this.runner.active;
  }

  get state(): string {
    return this.runner.state;
  }

  stop(): void {
    this.runner.stop();
  }
}

/**
 * One verification call on the virtual clock: the line rings, a person or the voicemail box
 * answers (or nobody), and the service's flow (a built-in XState machine, or the TwiML
 * interpreter) drives the service side through CallPort. `steps()` yields each request a `url`
 * flow makes of its webhook and resumes with the answer; every other flow runs without yielding.
 */
class CallSimulation implements CallPort {
  private readonly queue = new EventQueue<Agenda>();
  private readonly flow: ServiceFlow;
  private now: Ms = 0;
  private ended = false;
  private endMs: Ms = 0;
  private endedBy: CallEndedBy = 'service';
  private hangupReason: HangupReason | null = null;
  private answeredBy: Answerer = 'nobody';
  private answeredAtMs: Ms | null = null;
  private playback: {
    token: number;
    playback: Playback;
    readout: Readout | null;
    readoutsLeft: number;
    /** Loops of a `<Say>` or of played tones still to start after this one. */
    loopsLeft: number;
    /** The person has already answered this `<Say>`'s request for a key. */
    keyAnswered: boolean;
    /** This loop of a `<Say>`: the readouts it has yet to finish saying. */
    sayingCodes: Readout[];
  } | null = null;
  private playbackToken = 0;
  private timerToken = 0;
  private serviceHasSpoken = false;
  private beepRequested = false;
  private personVoiced: VoiceSpan[] = [];
  private personHello: VoiceSpan | null = null;
  private recordingStartMs: Ms | null = null;
  private amd: AmdResult | null = null;
  private readonly readouts: Readout[] = [];
  private firstReadoutHeardMs: Ms | null = null;
  private readonly receivers: CalleeReceivers;
  private readonly recorder: CallRecorder | undefined;
  private timerPending = false;
  // What the recorder is told once the call is over (kept only when there is a recorder).
  private greetingTones: PlayedTone[] = [];
  private readonly personPresses: PlayedTone[] = [];
  private lastState = '';
  private answeredByAmd: TwilioAnsweredBy | null = null;
  /** A `url` flow's request waiting to go out to the webhook. */
  private pendingRequest: TwimlRequest | null = null;
  /** A keypad call's request for the person's key, waiting for its answer. */
  private pendingKey: KeyRequest | null = null;
  /** The latest request's number: an answer to an earlier one is dropped. */
  private fetchToken = 0;
  /** A moment to report to the Calls API (live calls only). */
  private pendingMilestone: LiveCallStep | null = null;

  constructor(
    private readonly setup: CallSetup,
    private readonly live = false,
  ) {
    const { compiled, strategy, expectedDigit, recorder, twiml } = setup;
    this.recorder = recorder;
    this.receivers = compiled.receivers(setup.signalRng ?? setup.rng);
    if (twiml) {
      this.flow = new TwimlInterpreter({
        port: this,
        program: twiml.program,
        callParams: twiml.callParams,
        code: twiml.code,
      });
    } else {
      if (!isBuiltInStrategy(strategy)) {
        throw new Error(`Strategy '${strategy}' is a TwiML flow; its call needs a TwiML plan.`);
      }
      const engine = setup.flowEngine ?? stepperEngine;
      this.flow = new BuiltInFlow(
        engine(
          FLOWS[strategy],
          { port: this, settings: compiled.flowSettings, expectedDigit },
          recorder ? (state) => this.enteredState(state) : null,
        ),
      );
    }
  }

  /** The whole call, for a flow that makes no webhook request (a request throws). */
  run(): CallOutcome {
    this.begin();
    const step = this.advance();
    if (step?.kind === 'request') {
      throw new Error(
        `Call flow '${this.setup.strategy}' requests ${step.request.url}: run it with a webhook client.`,
      );
    }
    return this.outcome();
  }

  /** The call step by step: each yield is a webhook request, resumed with its answer. */
  *steps(): Generator<TwimlRequest, CallOutcome, TwimlResponse> {
    this.begin();
    for (let step = this.advance(); step; step = this.advance()) {
      // Only live calls report milestones: every step here is a request.
      const { request } = step as Extract<LiveCallStep, { kind: 'request' }>;
      const token = this.fetchToken;
      this.answerRequest(request, yield request, token);
    }
    return this.outcome();
  }

  /** The call step by step: each yield asks the person for a key, resumed with the key pressed. */
  *keypadSteps(): Generator<KeyRequest, CallOutcome, KeyAnswer> {
    this.begin();
    for (;;) {
      const step = this.advance();
      if (step) {
        throw new Error(
          `Call flow '${this.setup.strategy}' ${step.kind === 'request' ? `requests ${step.request.url}` : `reports '${step.kind}'`}: a keypad call cannot wait for a webhook.`,
        );
      }
      const asked = this.pendingKey;
      if (!asked) return this.outcome();
      this.pendingKey = null;
      const answer = yield asked;
      if (answer)
        this.pressKey(
          answer.digit,
          asked.atMs + this.setup.compiled.person.reaction(this.setup.rng),
        );
    }
  }

  /**
   * The call step by step for the Calls API: each webhook request (resumed with its answer), and
   * the answer and AMD's verdict (resumed with nothing). Between steps `control` may redirect
   * or end the call at the simulated time it has reached.
   */
  *liveSteps(): Generator<LiveCallStep, CallOutcome, TwimlResponse | undefined> {
    this.begin();
    for (let step = this.advance(); step; step = this.advance()) {
      const token = this.fetchToken;
      const response = yield step;
      if (step.kind === 'request') this.answerRequest(step.request, response!, token);
    }
    return this.outcome();
  }

  readonly control: LiveCallControl = {
    redirect: (url, method) => {
      if (!this.controllable()) return false;
      this.queue.schedule(this.now, { kind: 'redirect', url, method }, API_RANK);
      return true;
    },
    hangUp: () => {
      if (!this.controllable()) return false;
      this.queue.schedule(this.now, { kind: 'api-hangup' }, API_RANK);
      return true;
    },
  };

  private controllable(): boolean {
    return this.answeredAtMs !== null && !this.ended;
  }

  private answerRequest(request: TwimlRequest, response: TwimlResponse, token: number): void {
    const twiml = this.setup.twiml!;
    this.queue.schedule(this.now + twiml.latencyMs(), {
      kind: 'twiml',
      request,
      result: twiml.documents.read(response, request),
      response,
      token,
    });
  }

  private begin(): void {
    this.recorder?.record({
      type: 'placed',
      atMs: 0,
      strategy: this.setup.strategy,
      expectedDigit: this.setup.expectedDigit,
    });
    this.flow.start();
    this.planAnswer();
  }

  /**
   * Plays the call out on the virtual clock until it ends, or until the flow asks a webhook for
   * a document: then returns that request (the call resumes when its answer is scheduled).
   */
  private advance(): LiveCallStep | null {
    for (;;) {
      const pending = this.takePending();
      if (pending) return pending;
      if (this.pendingKey) return null;
      const next = this.queue.pop();
      if (!next || this.ended) return null;
      this.now = next.atMs;
      this.handle(next.item);
    }
  }

  /** A milestone first, then a request, each once. */
  private takePending(): LiveCallStep | null {
    const milestone = this.pendingMilestone;
    if (milestone) {
      this.pendingMilestone = null;
      return milestone;
    }
    const request = this.pendingRequest;
    if (!request) return null;
    this.pendingRequest = null;
    return { kind: 'request', request };
  }

  private outcome(): CallOutcome {
    if (!this.ended) {
      throw new Error(
        `Call flow '${this.setup.strategy}' stopped without ending the call at ${this.now} ms (state ${this.flow.state}).`,
      );
    }
    this.flow.stop();
    return {
      strategy: this.setup.strategy,
      expectedDigit: this.setup.expectedDigit,
      answeredBy: this.answeredBy,
      answeredAtMs: this.answeredAtMs,
      endMs: this.endMs,
      endedBy: this.endedBy,
      hangupReason: this.hangupReason,
      readouts: this.readouts,
      leaked: this.readouts.some((r) => r.recorded),
      firstReadoutHeardMs: this.firstReadoutHeardMs,
      amd: this.amd,
      recordingStartMs: this.recordingStartMs,
      personHello: this.personHello,
      answeredByAmd: this.answeredByAmd,
    };
  }

  // --- the line -------------------------------------------------------------------------------

  /** Who picks up, and when: the person if they answer before the box does, else the box. */
  private planAnswer(): void {
    const { compiled, rng, answerProbability } = this.setup;
    const personAnswers = rng.next() < answerProbability;
    const answerDelayMs = compiled.person.answerDelay(rng);
    const { voicemail } = compiled;
    const ringTimeoutMs = this.setup.twiml?.ringTimeoutMs ?? compiled.ringTimeoutMs;
    const boxAtMs = voicemail.enabled ? voicemail.pickupMs : Infinity;
    if (personAnswers && answerDelayMs < boxAtMs && answerDelayMs < ringTimeoutMs) {
      this.answeredBy = 'person';
      this.queue.schedule(answerDelayMs, ANSWER_ITEM);
    } else if (boxAtMs < ringTimeoutMs) {
      this.answeredBy = 'voicemail';
      this.queue.schedule(boxAtMs, ANSWER_ITEM);
    } else {
      this.queue.schedule(ringTimeoutMs, NO_ANSWER_ITEM);
    }
  }

  private handle(item: Agenda): void {
    switch (item.kind) {
      case 'answer':
        this.answeredAtMs = this.now;
        this.recorder?.record({
          type: 'answered',
          atMs: this.now,
          by: this.answeredBy as Callee,
        });
        if (this.answeredBy === 'person') this.personPicksUp();
        else this.voicemailPicksUp();
        if (this.live) this.pendingMilestone = { kind: 'answered', atMs: this.now };
        this.deliver(ANSWERED_EVENT);
        return;
      case 'no-answer':
        this.finish('no-answer', 'ring-timeout');
        this.deliver(NO_ANSWER_EVENT);
        return;
      case 'playback-done':
        if (item.token === this.playbackToken && this.playback) this.playbackFinished();
        return;
      case 'readout-done':
        if (item.token === this.playbackToken && this.playback) this.readoutFinished();
        return;
      case 'said-code':
        if (item.token === this.playbackToken && this.playback) this.codeSaid(item.readout);
        return;
      case 'loop-done':
        if (item.token === this.playbackToken && this.playback) this.loopFinished();
        return;
      case 'answered-by':
        this.answeredByAmd = item.answeredBy;
        this.recorder?.record({
          type: 'answered-by',
          atMs: this.now,
          answeredBy: item.answeredBy,
          decisionMs: item.decisionMs,
        });
        if (this.live) {
          const { answeredBy, decisionMs } = item;
          this.pendingMilestone = { kind: 'answered-by', atMs: this.now, answeredBy, decisionMs };
        }
        this.deliver({ type: 'ANSWERED_BY', answeredBy: item.answeredBy });
        return;
      case 'twiml':
        if (item.token !== this.fetchToken) return;
        if (this.recorder) this.recordTwimlRequest(item);
        this.deliver({ type: 'TWIML', result: item.result });
        return;
      case 'redirect':
        this.deliver({ type: 'REDIRECT', url: item.url, method: item.method });
        return;
      case 'api-hangup':
        this.hangupReason = 'api-hangup';
        this.finish('service', 'api-hangup');
        this.deliver({ type: 'HANGUP' });
        return;
      case 'timer':
        if (item.token === this.timerToken) {
          this.timerPending = false;
          this.recorder?.record({ type: 'timer-fired', atMs: this.now });
          this.deliver(TIMEOUT_EVENT);
        }
        return;
      case 'amd':
        this.amd = item.result;
        this.recorder?.record({
          type: 'amd-verdict',
          atMs: this.now,
          verdict: item.result.verdict,
          cause: item.result.cause,
          decisionMs: item.result.decisionMs,
        });
        this.deliver({ type: 'AMD_RESULT', result: item.result });
        return;
      case 'dtmf':
        if (this.recorder) this.recordKeyReport(item);
        this.deliver({ type: 'DTMF', digit: item.digit });
        return;
      case 'beep':
        this.recordingStartMs = this.now;
        if (this.setup.compiled.voicemail.beepMs > 0) {
          const atMs = this.now - this.setup.compiled.voicemail.beepMs;
          this.recorder?.record({ type: 'beep', atMs, endMs: this.now });
        }
        if (this.beepRequested) this.deliver(BEEP_EVENT);
        return;
      case 'beep-heard':
        this.deliver(BEEP_EVENT);
        return;
      case 'person-patience':
        if (!this.serviceHasSpoken) this.calleeHangsUp('person', 'patience-ran-out');
        return;
      case 'voicemail-full':
        this.calleeHangsUp('voicemail', 'recording-limit');
        return;
    }
  }

  private deliver(event: FlowEvent): void {
    if (this.flow.active) this.flow.send(event);
  }

  private finish(by: CallEndedBy, reason: CallEndReason): void {
    this.ended = true;
    this.endMs = this.now;
    this.endedBy = by;
    this.cutPlayback('call-ended');
    if (this.recorder) {
      this.recorder.record({ type: 'hangup', atMs: this.now, by, reason });
      recordCalleeSide(
        this.recorder,
        {
          answeredBy: this.answeredBy,
          answeredAtMs: this.answeredAtMs,
          greeting: this.setup.compiled.voicemail.greeting,
          beepMs: this.setup.compiled.voicemail.beepMs,
          recordingStartMs: this.recordingStartMs,
          greetingTones: this.greetingTones,
          personHello: this.personHello,
          personPresses: this.personPresses,
        },
        this.now,
      );
    }
  }

  /**
   * Stops what the service is saying; a readout cut at (or before) its first millisecond was
   * never said.
   */
  private cutPlayback(cause: 'stopped' | 'call-ended'): void {
    const current = this.playback;
    const readout = current?.readout;
    if (readout && !readout.completed) {
      if (readout.startMs >= this.now) this.readouts.pop();
      else {
        readout.endMs = this.now;
        this.recordReadout(readout);
      }
    }
    // A <Say>'s readouts in order: the one under way is cut, later ones were never said.
    for (const said of current?.sayingCodes ?? []) {
      if (said.startMs >= this.now) this.readouts.splice(this.readouts.indexOf(said), 1);
      else {
        said.endMs = this.now;
        this.recordReadout(said);
      }
    }
    if (current && isSound(current.playback)) {
      this.recorder?.record({
        type: 'sound-ended',
        atMs: this.now,
        sound: current.playback.kind,
        cause,
      });
    } else if (!readout && current?.playback.kind === 'prompt') {
      this.recorder?.record({
        type: 'prompt-ended',
        atMs: this.now,
        digit: current.playback.digit,
        cause,
      });
    }
    this.playback = null;
  }

  private calleeHangsUp(by: Callee, reason: CallEndReason): void {
    this.finish(by, reason);
    this.deliver(HANGUP_EVENT);
  }

  // --- the record -------------------------------------------------------------------------------

  private recordReadout(readout: Readout): void {
    const number = this.readouts.indexOf(readout) + 1;
    this.recorder?.record({ type: 'readout-started', atMs: readout.startMs, number });
    this.recorder?.record({
      type: 'readout-ended',
      atMs: readout.endMs,
      number,
      completed: readout.completed,
      recorded: readout.recorded,
      heardByPerson: readout.heardByPerson,
    });
  }

  private recordKeyReport(item: Extract<Agenda, { kind: 'dtmf' }>): void {
    const tones = item.from === 'voicemail' ? this.greetingTones : this.personPresses;
    const tone = tones[item.toneIndex];
    if (tone) tone.reportedAtMs = this.now;
    this.recorder?.record({
      type: 'key-reported',
      atMs: this.now,
      digit: item.digit,
      from: item.from,
      toneStartMs: item.toneStartMs,
    });
  }

  // --- the answerers ---------------------------------------------------------------------------

  /** The person says hello, then waits for the service; dead air past their patience loses them. */
  private personPicksUp(): void {
    const { person } = this.setup.compiled;
    const rng = this.setup.rng;
    const helloStartMs = person.greetingDelay(rng);
    const helloEndMs = helloStartMs + person.greetingLength(rng);
    const patienceMs = person.patience(rng);
    this.personVoiced = [{ startMs: helloStartMs, endMs: helloEndMs }];
    this.personHello = { startMs: this.now + helloStartMs, endMs: this.now + helloEndMs };
    this.queue.schedule(
      this.now + helloEndMs + patienceMs,
      PERSON_PATIENCE_ITEM,
      CALLEE_HANGUP_RANK,
    );
  }

  /** The box plays its greeting (with any tones in it), beeps, records, and hangs up when full. */
  private voicemailPicksUp(): void {
    const { voicemail, dtmfDetectMs } = this.setup.compiled;
    const t0 = this.now;
    const keys = this.receivers.greetingKeys();
    let toneOfKey: readonly number[] | null = null;
    if (this.recorder) {
      this.greetingTones = voicemail.greeting.tones.map((tone) => ({
        startMs: t0 + tone.startMs,
        endMs: t0 + tone.endMs,
        digit: tone.digit,
        reportedAtMs: null,
      }));
      toneOfKey = matchKeysToTones(keys, voicemail.greeting.tones);
    }
    // The receiver reports a key `dtmfDetectMs` after its tone starts (if it hears it at all).
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.queue.schedule(t0 + key.startMs + dtmfDetectMs, {
        kind: 'dtmf',
        digit: key.digit,
        from: 'voicemail',
        toneStartMs: t0 + key.startMs,
        toneIndex: toneOfKey?.[i] ?? -1,
      });
    }
    const recordingStartMs = t0 + voicemail.greeting.endMs + voicemail.beepMs;
    this.queue.schedule(recordingStartMs, BEEP_ITEM);
    this.queue.schedule(
      recordingStartMs + voicemail.maxRecordMs,
      VOICEMAIL_FULL_ITEM,
      CALLEE_HANGUP_RANK,
    );
  }

  /** What the person does when a prompt has finished: press the key asked for, or slip. */
  private personRespondsToPrompt(requestedDigit: string): void {
    if (this.setup.keypad) {
      this.pendingKey = { requestedDigit, atMs: this.now };
      return;
    }
    const { person } = this.setup.compiled;
    const rng = this.setup.rng;
    const reactionMs = person.reaction(rng);
    let digit = requestedDigit;
    if (rng.next() < person.keypressErrorRate) {
      const others = ALL_KEYS.replace(requestedDigit, '');
      digit = others[rng.int(others.length)]!;
    }
    this.pressKey(digit, this.now + reactionMs);
  }

  /** The person presses `digit` at `pressMs`: the receiver reports it if it hears the tone. */
  private pressKey(digit: string, pressMs: Ms): void {
    const { dtmfDetectMs } = this.setup.compiled;
    const press = this.receivers.personKey(digit);
    if (this.recorder) {
      this.personPresses.push({
        startMs: pressMs,
        endMs: pressMs + press.toneMs,
        digit,
        reportedAtMs: null,
      });
    }
    const { heard } = press;
    if (!heard) return;
    this.queue.schedule(pressMs + heard.startMs + dtmfDetectMs, {
      kind: 'dtmf',
      digit: heard.digit,
      from: 'person',
      toneStartMs: pressMs + heard.startMs,
      toneIndex: this.personPresses.length - 1,
    });
  }

  private playbackFinished(): void {
    const current = this.playback!;
    this.playback = null;
    if (isSound(current.playback)) {
      this.recorder?.record({
        type: 'sound-ended',
        atMs: this.now,
        sound: current.playback.kind,
        cause: 'played',
      });
    } else if (current.playback.kind === 'prompt') {
      this.recorder?.record({
        type: 'prompt-ended',
        atMs: this.now,
        digit: current.playback.digit,
        cause: 'played',
      });
      if (this.answeredBy === 'person') this.personRespondsToPrompt(current.playback.digit);
    }
    this.deliver(PLAYBACK_DONE_EVENT);
  }

  /** One repetition of the code has been said in full: who got it? */
  private readoutFinished(): void {
    const current = this.playback!;
    const readout = current.readout!;
    current.readout = null;
    this.readoutReached(readout);
    if (--current.readoutsLeft > 0) this.startReadout(current);
    else this.playbackFinished();
  }

  /** A readout has been said in full: recorded if the box was recording, heard if a person was on. */
  private readoutReached(readout: Readout): void {
    readout.completed = true;
    if (this.answeredBy === 'voicemail' && this.recordingStartMs !== null) {
      readout.recorded = readout.startMs >= this.recordingStartMs;
    }
    if (this.answeredBy === 'person') {
      readout.heardByPerson = true;
      this.firstReadoutHeardMs ??= this.now;
    }
    this.recordReadout(readout);
  }

  /** A `<Say>` has said the code once in full, at `readout`: who got it? */
  private codeSaid(readout: Readout): void {
    const current = this.playback!;
    current.sayingCodes.splice(current.sayingCodes.indexOf(readout), 1);
    this.readoutReached(readout);
  }

  /**
   * One loop of a `<Say>` (or of played tones) is over: the person answers a request for a key
   * it made (once per `<Say>`), and the next loop starts or the sound is done.
   */
  private loopFinished(): void {
    const current = this.playback!;
    const { playback } = current;
    if (playback.kind === 'say' && playback.key !== null && !current.keyAnswered) {
      current.keyAnswered = true;
      if (this.answeredBy === 'person') this.personRespondsToPrompt(this.keyToPress(playback.key));
    }
    if (--current.loopsLeft > 0) this.startLoop(current);
    else this.playbackFinished();
  }

  /** The key the person presses for a request: the one named, or one of their own for "any". */
  private keyToPress(key: string): string {
    return key === 'any' ? ALL_KEYS[this.setup.rng.int(ALL_KEYS.length)]! : key;
  }

  /** A loop of a `<Say>` (its code stretch a readout, if it says the code) or of tones. */
  private startLoop(current: NonNullable<CallSimulation['playback']>): void {
    const { playback } = current;
    if (playback.kind === 'say') {
      for (const code of playback.codes) {
        const readout: Readout = {
          startMs: this.now + code.startMs,
          endMs: this.now + code.endMs,
          completed: false,
          recorded: false,
          heardByPerson: false,
        };
        this.readouts.push(readout);
        current.sayingCodes.push(readout);
        this.queue.schedule(readout.endMs, { kind: 'said-code', token: current.token, readout });
      }
    }
    const loopMs = playback.kind === 'say' || playback.kind === 'tones' ? playback.loopMs : 0;
    this.queue.schedule(this.now + loopMs, { kind: 'loop-done', token: current.token });
  }

  private startReadout(current: NonNullable<CallSimulation['playback']>): void {
    const { readoutMs } = this.setup.compiled;
    const readout: Readout = {
      startMs: this.now,
      endMs: this.now + readoutMs,
      completed: false,
      recorded: false,
      heardByPerson: false,
    };
    this.readouts.push(readout);
    current.readout = readout;
    this.queue.schedule(this.now + readoutMs, { kind: 'readout-done', token: current.token });
  }

  // --- CallPort: the flow's commands ---------------------------------------------------------------

  play(playback: Playback): void {
    const token = ++this.playbackToken;
    const { kind } = playback;
    // A pause is dead air: the person's patience runs on through it.
    if (kind !== 'pause') this.serviceHasSpoken = true;
    const current = {
      token,
      playback,
      readout: null,
      readoutsLeft: kind === 'readout' ? playback.repeats : 0,
      loopsLeft: kind === 'say' || kind === 'tones' ? playback.loops : 0,
      keyAnswered: false,
      sayingCodes: kind === 'say' ? [] : NO_READOUTS,
    };
    this.playback = current;
    switch (kind) {
      case 'readout':
        this.startReadout(current);
        return;
      case 'prompt':
        this.recorder?.record({
          type: 'prompt-started',
          atMs: this.now,
          digit: playback.digit,
          reason: playback.reason,
        });
        this.queue.schedule(this.now + this.setup.compiled.promptMs, {
          kind: 'playback-done',
          token,
        });
        return;
      default:
        this.recorder?.record({
          type: 'sound-started',
          atMs: this.now,
          sound: kind,
          text: soundText(playback),
          loops: kind === 'say' || kind === 'tones' ? playback.loops : 1,
        });
        if (kind === 'say' || kind === 'tones') this.startLoop(current);
        else this.queue.schedule(this.now + playback.durationMs, { kind: 'playback-done', token });
    }
  }

  stopPlayback(): void {
    this.cutPlayback('stopped');
    this.playbackToken++;
  }

  startTimer(ms: Ms): void {
    this.timerPending = true;
    this.recorder?.record({ type: 'timer-started', atMs: this.now, durationMs: ms });
    this.queue.schedule(this.now + ms, { kind: 'timer', token: ++this.timerToken });
  }

  cancelTimer(): void {
    if (this.timerPending) this.recorder?.record({ type: 'timer-cancelled', atMs: this.now });
    this.timerPending = false;
    this.timerToken++;
  }

  startAmd(): void {
    this.recorder?.record({ type: 'amd-started', atMs: this.now });
    const result =
      this.answeredBy === 'person'
        ? this.receivers.personAmd(this.personVoiced)
        : this.receivers.greetingAmd();
    this.queue.schedule(this.answeredAtMs! + result.decisionMs, { kind: 'amd', result });
  }

  awaitBeep(): void {
    this.beepRequested = true;
    if (this.recordingStartMs !== null) this.queue.schedule(this.now, BEEP_HEARD_ITEM);
  }

  hangup(reason: HangupReason): void {
    this.hangupReason = reason;
    this.finish('service', reason);
  }

  nowMs(): Ms {
    return this.now;
  }

  startTwilioAmd(settings: TwilioAmdSettings): void {
    this.recorder?.record({ type: 'amd-started', atMs: this.now });
    const { answeredBy, decisionMs } =
      this.answeredBy === 'person'
        ? this.receivers.personTwilioAmd(this.personVoiced, settings)
        : this.receivers.greetingTwilioAmd(settings);
    this.queue.schedule(this.answeredAtMs! + decisionMs, {
      kind: 'answered-by',
      answeredBy,
      decisionMs,
    });
  }

  fetchTwiml(request: TwimlRequest): void {
    const token = ++this.fetchToken;
    const result = this.setup.twiml!.documents.answer(request);
    if (result === null) this.pendingRequest = request;
    else this.queue.schedule(this.now, { kind: 'twiml', request, result, response: null, token });
  }

  enteredState(state: string, verb?: { source: string; line: number; verb: string }): void {
    if (!this.recorder) return;
    // A self-transition (a key heard while reading) is not a new state.
    if (state !== this.lastState) {
      this.recorder.record({ type: 'flow-state', atMs: this.now, state });
      this.lastState = state;
    }
    if (verb) this.recorder.record({ type: 'twiml-verb', atMs: this.now, ...verb });
  }

  private recordTwimlRequest(item: Extract<Agenda, { kind: 'twiml' }>): void {
    const { request, result, response } = item;
    const failure = response && !response.ok ? response : null;
    this.recorder?.record({
      type: 'twiml-request',
      atMs: this.now,
      url: request.url,
      method: request.method,
      digits: request.params.Digits ?? null,
      outcome: result.ok ? 'ok' : (failure?.kind ?? 'not-found'),
      twilioCode: result.ok ? null : result.twilioCode,
      message: result.ok ? null : result.message,
    });
  }
}

/** The readouts of a sound that says no code (shared: nothing is ever added to it). */
const NO_READOUTS: Readout[] = [];

type Sound = Extract<Playback, { kind: 'say' | 'tones' | 'media' | 'pause' }>;

function isSound(playback: Playback): playback is Sound {
  return playback.kind !== 'prompt' && playback.kind !== 'readout';
}

function soundText(sound: Sound): string {
  switch (sound.kind) {
    case 'say':
      return sound.text;
    case 'tones':
      return sound.digits;
    case 'media':
      return sound.what;
    case 'pause':
      return '';
  }
}

/** A call of a flow that makes no webhook request (every built-in and static TwiML flow). */
export function simulateCall(setup: CallSetup): CallOutcome {
  return new CallSimulation(setup).run();
}

/**
 * A call whose person presses keys from outside (`keypad` is set for it): each yield asks for
 * the person's key, and the call resumes with the key pressed (or none) after their reaction time.
 */
export function callWithKeypad(setup: CallSetup): Generator<KeyRequest, CallOutcome, KeyAnswer> {
  return new CallSimulation({ ...setup, keypad: true }).keypadSteps();
}

/** A call step by step: each yield is a webhook request, resumed with its answer. */
export function callSteps(setup: CallSetup): Generator<TwimlRequest, CallOutcome, TwimlResponse> {
  return new CallSimulation(setup).steps();
}

/**
 * A call of a TwiML plan for the Calls API: step by step (webhook requests, the answer, AMD's
 * verdict), with the control the API has over it between steps.
 */
export function liveCall(setup: CallSetup): LiveCall {
  const simulation = new CallSimulation(setup, true);
  return { steps: simulation.liveSteps(), control: simulation.control };
}
