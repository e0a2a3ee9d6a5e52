import type { Ms } from '../core/distributions.ts';
import type { Answerer, CallEndedBy, CallOutcome } from './call.ts';
import type { CompiledScenario } from './compile.ts';
import type { TimelineEntry, TrialReplay } from './replay.ts';
import type { CallRecord } from './trial.ts';
import type { TrialKind } from './trialKeys.ts';

/**
 * One call of a replayed trial as swim-lane intervals: what each party did over simulated time,
 * in ms from the call's placing. Built from the replay's timeline and the call's outcome, so a
 * view draws it without knowing any rule of the engine.
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

/** A "press N" prompt; `cutShort` when a key (barge-in) or a hang-up stopped it. */
export interface PromptSpan extends Interval {
  readonly digit: string;
  readonly cutShort: boolean;
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

export interface TraceEvent {
  readonly atMs: Ms;
  readonly lane: TraceLane;
  readonly text: string;
}

export interface CallTrace {
  /** An attack campaign's call (the attacker listens to the box) or the owner's own call. */
  readonly kind: TrialKind;
  /** 1-based position in the trial (attack campaigns have several calls). */
  readonly callNumber: number;
  readonly callCount: number;
  /** When the call was placed, in ms from the trial's start. */
  readonly placedAtMs: Ms;
  readonly code: string;
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
  /** Every event in time order, with the lane it belongs to, as text. */
  readonly events: readonly TraceEvent[];
}

/**
 * A person's key press is reported `dtmfDetectMs` after its tone starts; how long they hold the
 * key is not modelled, so views draw (and sound) it this long: a typical keypad tone.
 */
export const PERSON_KEY_TONE_MS: Ms = 120;

const STATE_PREFIX = 'state ';
const DTMF_LABEL = /^DTMF (.)$/;
const PROMPT_LABEL = /^prompt: press (.)$/;

/** The calls of a replayed trial: a campaign's calls, or a legit trial's one call. */
export function callRecords(replay: TrialReplay): readonly CallRecord[] {
  return replay.outcome.kind === 'attack' ? replay.outcome.calls : [replay.outcome.call];
}

/** Call `callIndex` (0-based) of a replayed trial as swim-lane intervals. */
export function callTrace(
  compiled: CompiledScenario,
  replay: TrialReplay,
  callIndex: number,
): CallTrace {
  const records = callRecords(replay);
  const record = records[callIndex];
  if (!record) {
    throw new Error(
      `Call index ${callIndex} is out of range: this ${replay.kind} trial has ${records.length} call(s), indices 0 to ${records.length - 1}.`,
    );
  }
  const timeline = replay.timelines[callIndex] ?? [];
  const { call } = record;
  const submission = codeSubmission(record, replay.kind === 'attack' ? 'attacker' : 'owner');
  const spanMs = Math.max(call.endMs, submission?.atMs ?? 0);
  const flowStates = flowStateSpans(timeline, spanMs);
  const voicemailAnswered = call.answeredBy === 'voicemail' && call.answeredAtMs !== null;
  return {
    kind: replay.kind,
    callNumber: callIndex + 1,
    callCount: records.length,
    placedAtMs: record.placedAtMs,
    code: record.code,
    expectedDigit: call.expectedDigit,
    answeredBy: call.answeredBy,
    answeredAtMs: call.answeredAtMs,
    endMs: call.endMs,
    endedBy: call.endedBy,
    hangupReason: call.hangupReason,
    spanMs,
    flowStates,
    line: lineSpans(call),
    prompts: promptSpans(timeline, flowStates, call.endMs, compiled.promptMs),
    amd: amdSpan(call),
    readouts: call.readouts.map((r, i) => ({
      number: i + 1,
      startMs: r.startMs,
      endMs: r.endMs,
      completed: r.completed,
      recorded: r.recorded,
      heardByPerson: r.heardByPerson,
    })),
    greeting: voicemailAnswered ? greetingSpans(compiled, call.answeredAtMs!, call.endMs) : [],
    tones: [
      ...(voicemailAnswered
        ? greetingTones(compiled, call.answeredAtMs!, call.endMs, timeline)
        : []),
      ...keyPresses(timeline, compiled.dtmfDetectMs, call.endMs),
    ].sort((a, b) => a.startMs - b.startMs),
    beep: voicemailAnswered ? beepSpan(compiled, call.answeredAtMs!, call.endMs) : null,
    recording:
      call.recordingStartMs === null
        ? null
        : {
            startMs: call.recordingStartMs,
            endMs: Math.min(call.endMs, call.recordingStartMs + compiled.voicemail.maxRecordMs),
          },
    personOnLine:
      call.answeredBy === 'person' && call.answeredAtMs !== null
        ? { startMs: call.answeredAtMs, endMs: call.endMs }
        : null,
    personHello:
      call.personHello && call.personHello.startMs < call.endMs
        ? { startMs: call.personHello.startMs, endMs: Math.min(call.personHello.endMs, call.endMs) }
        : null,
    submission,
    events: traceEvents(timeline, call, submission, compiled),
  };
}

function codeSubmission(record: CallRecord, by: CodeSubmission['by']): CodeSubmission | null {
  if (record.submittedAtMs === null) return null;
  const atMs = record.submittedAtMs - record.placedAtMs;
  const leadStartMs = by === 'attacker' ? record.call.endMs : record.call.firstReadoutHeardMs!;
  return {
    by,
    code: record.code,
    atMs,
    accepted: record.accepted,
    lead: { startMs: leadStartMs, endMs: atMs },
  };
}

/** Each flow state from when it was entered to the next; the last one runs to `spanMs`. */
function flowStateSpans(timeline: readonly TimelineEntry[], spanMs: Ms): FlowStateSpan[] {
  const entries = timeline.filter((e) => e.source === 'flow' && e.label.startsWith(STATE_PREFIX));
  return entries.map((entry, i) => ({
    state: entry.label.slice(STATE_PREFIX.length),
    startMs: entry.atMs,
    endMs: entries[i + 1]?.atMs ?? Math.max(spanMs, entry.atMs),
  }));
}

function lineSpans(call: CallOutcome): LineSpan[] {
  if (call.answeredAtMs === null) return [{ phase: 'ringing', startMs: 0, endMs: call.endMs }];
  return [
    { phase: 'ringing', startMs: 0, endMs: call.answeredAtMs },
    { phase: 'connected', startMs: call.answeredAtMs, endMs: call.endMs },
  ];
}

/** A prompt plays `promptMs` unless the flow moves on first (barge-in) or the call ends. */
function promptSpans(
  timeline: readonly TimelineEntry[],
  flowStates: readonly FlowStateSpan[],
  callEndMs: Ms,
  promptMs: Ms,
): PromptSpan[] {
  const prompts: PromptSpan[] = [];
  for (const entry of timeline) {
    const match = entry.source === 'service' ? PROMPT_LABEL.exec(entry.label) : null;
    if (!match) continue;
    const fullEndMs = entry.atMs + promptMs;
    const nextStateMs = flowStates.find((s) => s.startMs > entry.atMs)?.startMs ?? Infinity;
    const endMs = Math.min(fullEndMs, callEndMs, nextStateMs);
    prompts.push({ digit: match[1]!, startMs: entry.atMs, endMs, cutShort: endMs < fullEndMs });
  }
  return prompts;
}

function amdSpan(call: CallOutcome): AmdSpan | null {
  if (call.strategy !== 'amd' || call.answeredAtMs === null) return null;
  const { amd } = call;
  return {
    startMs: call.answeredAtMs,
    endMs: amd ? call.answeredAtMs + amd.decisionMs : call.endMs,
    verdict: amd?.verdict ?? null,
    cause: amd?.cause ?? null,
  };
}

/** The box's greeting from its pickup, cut where the call ended. */
function greetingSpans(compiled: CompiledScenario, pickupMs: Ms, callEndMs: Ms): GreetingSpan[] {
  return compiled.voicemail.greeting.segments
    .map((segment) => ({
      ...segment,
      startMs: pickupMs + segment.startMs,
      endMs: pickupMs + segment.endMs,
    }))
    .filter((segment) => segment.startMs < callEndMs && segment.endMs > segment.startMs)
    .map((segment) => ({
      kind: segment.kind,
      startMs: segment.startMs,
      endMs: Math.min(segment.endMs, callEndMs),
      cutShort: segment.endMs > callEndMs,
    }));
}

function beepSpan(compiled: CompiledScenario, pickupMs: Ms, callEndMs: Ms): Interval | null {
  const startMs = pickupMs + compiled.voicemail.greeting.endMs;
  const endMs = Math.min(startMs + compiled.voicemail.beepMs, callEndMs);
  return endMs > startMs ? { startMs, endMs } : null;
}

/** The greeting's tones as played, each matched to the key report the service got from it. */
function greetingTones(
  compiled: CompiledScenario,
  pickupMs: Ms,
  callEndMs: Ms,
  timeline: readonly TimelineEntry[],
): ToneSpan[] {
  const reports = dtmfReports(timeline, 'voicemail');
  return compiled.voicemail.greeting.tones
    .map((tone) => ({ ...tone, startMs: pickupMs + tone.startMs, endMs: pickupMs + tone.endMs }))
    .filter((tone) => tone.startMs < callEndMs)
    .map((tone) => {
      const reportMs = tone.startMs + compiled.dtmfDetectMs;
      return {
        digit: tone.digit,
        from: 'voicemail' as const,
        startMs: tone.startMs,
        endMs: Math.min(tone.endMs, callEndMs),
        reportedAtMs: takeReport(reports, tone.digit, reportMs) ? reportMs : null,
      };
    });
}

/** The person's key presses: each tone started `dtmfDetectMs` before the service reported it. */
function keyPresses(
  timeline: readonly TimelineEntry[],
  dtmfDetectMs: Ms,
  callEndMs: Ms,
): ToneSpan[] {
  return dtmfReports(timeline, 'person').map(({ digit, atMs }) => ({
    digit,
    from: 'person',
    startMs: atMs - dtmfDetectMs,
    endMs: Math.min(atMs - dtmfDetectMs + PERSON_KEY_TONE_MS, callEndMs),
    reportedAtMs: atMs,
  }));
}

function dtmfReports(
  timeline: readonly TimelineEntry[],
  source: 'voicemail' | 'person',
): Array<{ digit: string; atMs: Ms }> {
  const reports: Array<{ digit: string; atMs: Ms }> = [];
  for (const entry of timeline) {
    const match = entry.source === source ? DTMF_LABEL.exec(entry.label) : null;
    if (match) reports.push({ digit: match[1]!, atMs: entry.atMs });
  }
  return reports;
}

function takeReport(reports: Array<{ digit: string; atMs: Ms }>, digit: string, atMs: Ms): boolean {
  const i = reports.findIndex((r) => r.digit === digit && r.atMs === atMs);
  if (i < 0) return false;
  reports.splice(i, 1);
  return true;
}

const LANE_OF_SOURCE: Record<TimelineEntry['source'], TraceLane> = {
  flow: 'flow',
  line: 'line',
  person: 'person',
  voicemail: 'voicemail',
  service: 'service',
};

function laneOf(entry: TimelineEntry): TraceLane {
  if (DTMF_LABEL.test(entry.label)) return 'dtmf';
  if (entry.source === 'service' && entry.label.startsWith('readout')) return 'readout';
  return LANE_OF_SOURCE[entry.source];
}

function traceEvents(
  timeline: readonly TimelineEntry[],
  call: CallOutcome,
  submission: CodeSubmission | null,
  compiled: CompiledScenario,
): TraceEvent[] {
  const events: TraceEvent[] = timeline.map((entry) => ({
    atMs: entry.atMs,
    lane: laneOf(entry),
    text: `${entry.source}: ${entry.source === 'voicemail' && DTMF_LABEL.test(entry.label) ? `${entry.label} (greeting tone)` : entry.label}`,
  }));
  if (call.answeredBy === 'voicemail' && call.answeredAtMs !== null) {
    const beepAtMs = call.answeredAtMs + compiled.voicemail.greeting.endMs;
    if (beepAtMs < call.endMs && compiled.voicemail.beepMs > 0) {
      events.push({ atMs: beepAtMs, lane: 'voicemail', text: 'voicemail: beep' });
    }
  }
  if (submission) {
    const who = submission.by === 'attacker' ? 'attacker' : 'owner';
    events.push({
      atMs: submission.atMs,
      lane: submission.by === 'attacker' ? 'attacker' : 'person',
      text: `${who}: types ${submission.code}: ${submission.accepted ? 'accepted' : 'rejected'}`,
    });
  }
  // A stable sort keeps the engine's order among events of the same millisecond.
  return events.sort((a, b) => a.atMs - b.atMs);
}
