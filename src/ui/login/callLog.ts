import type { CallLogEntry } from '../../api/index.ts';
import type { TraceEvent, TraceLane } from '../../sim/callTrace.ts';
import { formatSeconds } from '../replay/traceCursor.ts';

/** A simulator call log entry (`GET /sim/v1/Phones/{number}/Calls`) read for the replay's pieces. */

const LANES: Record<string, TraceLane> = {
  line: 'line',
  service: 'service',
  person: 'person',
  voicemail: 'voicemail',
};

/** The call's events and flow states as one list in time order, each state after its cause. */
export function callEvents(call: CallLogEntry): TraceEvent[] {
  const events = call.events.map((e) => ({
    atMs: e.atMs,
    lane: LANES[e.source] ?? 'service',
    text: `${e.source}: ${e.source === 'voicemail' && /^DTMF /.test(e.label) ? `${e.label} (greeting tone)` : e.label}`,
  }));
  const states = call.flowStates.map((s) => ({
    atMs: s.atMs,
    lane: 'flow' as const,
    text: `flow: state ${s.state}`,
  }));
  // Array.prototype.sort is stable: at equal times events stay ahead of the states they cause.
  return [...events, ...states].sort((a, b) => a.atMs - b.atMs);
}

export function callEndMs(call: CallLogEntry): number {
  return Math.round(call.durationSeconds * 1000);
}

/** The flow state at `atMs`: the last one entered at or before it. */
export function flowStateAt(call: CallLogEntry, atMs: number): string | null {
  let current = call.flowStates[0]?.state ?? null;
  for (const { atMs: startMs, state } of call.flowStates) {
    if (startMs <= atMs) current = state;
    else break;
  }
  return current;
}

/** The instants the step buttons stop at: the start, every event, the end. */
export function stepTimes(call: CallLogEntry): number[] {
  const times = [0, ...callEvents(call).map((e) => e.atMs), callEndMs(call)];
  return [...new Set(times)].sort((a, b) => a - b);
}

const HANGUP_WORDS: Record<string, string> = {
  done: 'read the code',
  'wrong-digit': 'got the wrong key first and hung up without reading the code',
  'no-input': 'got no key and hung up without reading the code',
  'machine-detected': 'detected an answering machine and hung up without reading the code',
  'not-sure': 'could not tell who answered and hung up without reading the code',
};

/** What happened on the call and to its code, in a few plain sentences. */
export function callLogSummary(call: CallLogEntry): string {
  const answer = call.events.find((e) => e.label.startsWith('answered by'));
  const sentences: string[] = [];
  sentences.push(
    call.answeredBy === 'nobody' || !answer
      ? `Nobody answered; the call rang for ${formatSeconds(callEndMs(call), 1)}.`
      : call.answeredBy === 'person'
        ? `The owner answered at ${formatSeconds(answer.atMs, 1)}.`
        : `Nobody picked up; the voicemail box answered at ${formatSeconds(answer.atMs, 1)}.`,
  );
  const prompt = call.events.find((e) => e.label.startsWith('prompt: press'));
  const firstKey = call.events.find((e) => /^DTMF /.test(e.label));
  if (prompt) {
    const key = firstKey
      ? firstKey.source === 'voicemail'
        ? `the greeting's recorded tone pressed ${firstKey.label.slice(5)}`
        : `the owner pressed ${firstKey.label.slice(5)}`
      : 'no key was pressed';
    sentences.push(`The service asked for key ${prompt.label.slice(14)}; ${key}.`);
  }
  if (call.answeredBy !== 'nobody' && call.hangupReason) {
    const readouts = call.readouts.length;
    const done = call.hangupReason === 'done' ? ` ${readouts} time(s)` : '';
    sentences.push(`The service ${HANGUP_WORDS[call.hangupReason] ?? call.hangupReason}${done}.`);
  } else if (call.endedBy === 'person') {
    sentences.push('The owner hung up.');
  }
  const recorded = call.readouts.filter((r) => r.recorded).length;
  const heard = call.readouts.filter((r) => r.heardByPerson).length;
  if (call.answeredBy === 'voicemail') {
    sentences.push(
      recorded > 0
        ? `${recorded} readout(s) landed in the voicemail recording: the code is in the box.`
        : 'No readout was recorded: the box holds no code.',
    );
  } else if (call.answeredBy === 'person') {
    sentences.push(
      heard > 0 ? `The owner heard the code ${heard} time(s).` : 'The owner never heard the code.',
    );
  }
  return sentences.join(' ');
}
