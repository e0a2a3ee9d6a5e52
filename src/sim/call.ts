import { createActor } from 'xstate';
import type { Ms } from '../core/distributions.ts';
import type { Rng } from '../core/rng.ts';
import {
  FLOWS,
  type CallEvent as FlowEvent,
  type CallPort,
  type HangupReason,
  type Playback,
} from '../flows/index.ts';
import type { AmdResult } from '../phone/amd/index.ts';
import type { VoiceSpan } from '../phone/greetingTimeline.ts';
import type { BuiltInStrategyId, StrategyId } from '../scenario/index.ts';
import type { CallEndReason, CallEndedBy, CallRecorder, Callee } from './callEvents.ts';
import type { CompiledScenario } from './compile.ts';
import { EventQueue } from './eventQueue.ts';
import { recordCalleeSide, type PlayedTone } from './calleeSideRecord.ts';
import { matchKeysToTones } from './greetingKeyTones.ts';
import type { CalleeReceivers } from './receivers.ts';

export type Answerer = Callee | 'nobody';
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
}

export interface CallSetup {
  readonly compiled: CompiledScenario;
  readonly strategy: StrategyId;
  readonly rng: Rng;
  /** Chance the person picks up this call (owner waiting, or victim at night). */
  readonly answerProbability: number;
  readonly expectedDigit: string | null;
  /** Receives the call's typed events (replays, the simulator's call log); Monte Carlo needs none. */
  readonly recorder?: CallRecorder;
  /**
   * The trial's stream for rendering audio (signal level), kept apart from `rng` so a trial
   * draws the same circumstances at either level. Defaults to `rng`.
   */
  readonly signalRng?: Rng;
}

type Agenda =
  | { kind: 'answer' }
  | { kind: 'no-answer' }
  | { kind: 'playback-done'; token: number }
  | { kind: 'readout-done'; token: number }
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
  | { kind: 'beep' }
  | { kind: 'beep-heard' }
  | { kind: 'person-patience' }
  | { kind: 'voicemail-full' };

const ALL_KEYS = '0123456789';

/**
 * A callee's hang-up due at the same millisecond as something else happens after it: a readout
 * that ends exactly at the recording limit is recorded, and a person whose patience runs out
 * exactly when the service starts talking stays (they hang up only when silence EXCEEDS it).
 */
const CALLEE_HANGUP_RANK = 1;

/**
 * One verification call on the virtual clock: the line rings, a person or the voicemail box
 * answers (or nobody), and the strategy's XState flow drives the service side through CallPort.
 */
class CallSimulation implements CallPort {
  private readonly queue = new EventQueue<Agenda>();
  private readonly actor;
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

  constructor(private readonly setup: CallSetup) {
    const { compiled, strategy, expectedDigit, recorder } = setup;
    this.recorder = recorder;
    this.receivers = compiled.receivers(setup.signalRng ?? setup.rng);
    this.actor = createActor(FLOWS[strategy as BuiltInStrategyId], {
      input: { port: this, settings: compiled.flowSettings, expectedDigit },
    });
    if (recorder) {
      let lastState = '';
      this.actor.subscribe((snapshot) => {
        const state = String(snapshot.value);
        // A self-transition (a key heard while reading) is not a new state.
        if (state !== lastState) recorder.record({ type: 'flow-state', atMs: this.now, state });
        lastState = state;
      });
    }
  }

  run(): CallOutcome {
    this.recorder?.record({
      type: 'placed',
      atMs: 0,
      strategy: this.setup.strategy,
      expectedDigit: this.setup.expectedDigit,
    });
    this.actor.start();
    this.planAnswer();
    for (let next = this.queue.pop(); next && !this.ended; next = this.queue.pop()) {
      this.now = next.atMs;
      this.handle(next.item);
    }
    if (!this.ended) {
      throw new Error(
        `Call flow '${this.setup.strategy}' stopped without ending the call at ${this.now} ms (state ${String(this.actor.getSnapshot().value)}).`,
      );
    }
    this.actor.stop();
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
    };
  }

  // --- the line -------------------------------------------------------------------------------

  /** Who picks up, and when: the person if they answer before the box does, else the box. */
  private planAnswer(): void {
    const { compiled, rng, answerProbability } = this.setup;
    const personAnswers = rng.next() < answerProbability;
    const answerDelayMs = compiled.person.answerDelay(rng);
    const { voicemail, ringTimeoutMs } = compiled;
    const boxAtMs = voicemail.enabled ? voicemail.pickupMs : Infinity;
    if (personAnswers && answerDelayMs < boxAtMs && answerDelayMs < ringTimeoutMs) {
      this.answeredBy = 'person';
      this.queue.schedule(answerDelayMs, { kind: 'answer' });
    } else if (boxAtMs < ringTimeoutMs) {
      this.answeredBy = 'voicemail';
      this.queue.schedule(boxAtMs, { kind: 'answer' });
    } else {
      this.queue.schedule(ringTimeoutMs, { kind: 'no-answer' });
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
        this.deliver({ type: 'ANSWERED' });
        return;
      case 'no-answer':
        this.finish('no-answer', 'ring-timeout');
        this.deliver({ type: 'NO_ANSWER' });
        return;
      case 'playback-done':
        if (item.token === this.playbackToken && this.playback) this.playbackFinished();
        return;
      case 'readout-done':
        if (item.token === this.playbackToken && this.playback) this.readoutFinished();
        return;
      case 'timer':
        if (item.token === this.timerToken) {
          this.timerPending = false;
          this.recorder?.record({ type: 'timer-fired', atMs: this.now });
          this.deliver({ type: 'TIMEOUT' });
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
        if (this.beepRequested) this.deliver({ type: 'BEEP' });
        return;
      case 'beep-heard':
        this.deliver({ type: 'BEEP' });
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
    if (this.actor.getSnapshot().status === 'active') this.actor.send(event);
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

  /** Stops what the service is saying; a readout cut at its first millisecond was never said. */
  private cutPlayback(cause: 'stopped' | 'call-ended'): void {
    const current = this.playback;
    const readout = current?.readout;
    if (readout && !readout.completed) {
      if (readout.startMs === this.now) this.readouts.pop();
      else {
        readout.endMs = this.now;
        this.recordReadout(readout);
      }
    } else if (current?.playback.kind === 'prompt') {
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
    this.deliver({ type: 'HANGUP' });
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
      { kind: 'person-patience' },
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
    keys.forEach((key, i) => {
      this.queue.schedule(t0 + key.startMs + dtmfDetectMs, {
        kind: 'dtmf',
        digit: key.digit,
        from: 'voicemail',
        toneStartMs: t0 + key.startMs,
        toneIndex: toneOfKey?.[i] ?? -1,
      });
    });
    const recordingStartMs = t0 + voicemail.greeting.endMs + voicemail.beepMs;
    this.queue.schedule(recordingStartMs, { kind: 'beep' });
    this.queue.schedule(
      recordingStartMs + voicemail.maxRecordMs,
      { kind: 'voicemail-full' },
      CALLEE_HANGUP_RANK,
    );
  }

  /** What the person does when a prompt has finished: press the key asked for, or slip. */
  private personRespondsToPrompt(requestedDigit: string): void {
    const { person, dtmfDetectMs } = this.setup.compiled;
    const rng = this.setup.rng;
    const reactionMs = person.reaction(rng);
    let digit = requestedDigit;
    if (rng.next() < person.keypressErrorRate) {
      const others = ALL_KEYS.replace(requestedDigit, '');
      digit = others[rng.int(others.length)]!;
    }
    const press = this.receivers.personKey(digit);
    const pressMs = this.now + reactionMs;
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
    if (current.playback.kind === 'prompt') {
      this.recorder?.record({
        type: 'prompt-ended',
        atMs: this.now,
        digit: current.playback.digit,
        cause: 'played',
      });
      if (this.answeredBy === 'person') this.personRespondsToPrompt(current.playback.digit);
    }
    this.deliver({ type: 'PLAYBACK_DONE' });
  }

  /** One repetition of the code has been said in full: who got it? */
  private readoutFinished(): void {
    const current = this.playback!;
    const readout = current.readout!;
    readout.completed = true;
    if (this.answeredBy === 'voicemail' && this.recordingStartMs !== null) {
      readout.recorded = readout.startMs >= this.recordingStartMs;
    }
    if (this.answeredBy === 'person') {
      readout.heardByPerson = true;
      this.firstReadoutHeardMs ??= this.now;
    }
    this.recordReadout(readout);
    if (--current.readoutsLeft > 0) this.startReadout(current);
    else this.playbackFinished();
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
    this.serviceHasSpoken = true;
    if (playback.kind === 'readout') {
      const current = { token, playback, readout: null, readoutsLeft: playback.repeats };
      this.playback = current;
      this.startReadout(current);
      return;
    }
    this.playback = { token, playback, readout: null, readoutsLeft: 0 };
    this.recorder?.record({ type: 'prompt-started', atMs: this.now, digit: playback.digit });
    this.queue.schedule(this.now + this.setup.compiled.promptMs, { kind: 'playback-done', token });
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
    if (this.recordingStartMs !== null) this.queue.schedule(this.now, { kind: 'beep-heard' });
  }

  hangup(reason: HangupReason): void {
    this.hangupReason = reason;
    this.finish('service', reason);
  }
}

export function simulateCall(setup: CallSetup): CallOutcome {
  return new CallSimulation(setup).run();
}
