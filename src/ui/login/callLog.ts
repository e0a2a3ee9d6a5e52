import type { CallLogEntry } from '../../api/index.ts';
import { traceOfCall, type CallTrace } from '../../sim/callTrace.ts';
import { formatSeconds } from '../replay/traceCursor.ts';

/**
 * A simulator call log entry (`GET /sim/v1/Phones/{number}/Calls`) as the replay's call trace:
 * the same typed events the trial replay reads, so the login demo draws its calls with the
 * replay's lanes and diagram. The log withholds the code, and the call is outside any trial.
 */
export function callLogTrace(call: CallLogEntry): CallTrace {
  return traceOfCall(
    { kind: null, callNumber: 1, callCount: 1, placedAtMs: 0, code: null },
    call.events,
  );
}

const HANGUP_WORDS: Record<string, string> = {
  done: 'read the code',
  'wrong-digit': 'got the wrong key first and hung up without reading the code',
  'no-input': 'got no key and hung up without reading the code',
  'machine-detected': 'detected an answering machine and hung up without reading the code',
  'not-sure': 'could not tell who answered and hung up without reading the code',
};

/** A wrong key after the service's last re-ask. */
const WRONG_KEY_AGAIN_WORDS = 'got a wrong key again and hung up without reading the code';

/** What happened on the call and to its code, in a few plain sentences. */
export function callLogSummary(trace: CallTrace): string {
  const sentences: string[] = [];
  sentences.push(
    trace.answeredAtMs === null
      ? `Nobody answered; the call rang for ${formatSeconds(trace.endMs, 1)}.`
      : trace.answeredBy === 'person'
        ? `The owner answered at ${formatSeconds(trace.answeredAtMs, 1)}.`
        : `Nobody picked up; the voicemail box answered at ${formatSeconds(trace.answeredAtMs, 1)}.`,
  );
  const prompt = trace.prompts[0];
  const firstKey = trace.tones.find((tone) => tone.reportedAtMs !== null);
  if (prompt) {
    const key = firstKey
      ? firstKey.from === 'voicemail'
        ? `the greeting's recorded tone pressed ${firstKey.digit}`
        : `the owner pressed ${firstKey.digit}`
      : 'no key was pressed';
    sentences.push(`The service asked for key ${prompt.digit}; ${key}.`);
  }
  const reasks = trace.prompts.filter((p) => p.reason === 'wrong-key').length;
  if (reasks > 0) {
    sentences.push(
      `It said "That was not the right key" and asked again ${reasks} time(s), for the same key.`,
    );
  }
  if (trace.answeredAtMs !== null && trace.hangupReason) {
    const readouts = trace.readouts.length;
    const done = trace.hangupReason === 'done' ? ` ${readouts} time(s)` : '';
    const words =
      trace.hangupReason === 'wrong-digit' && reasks > 0
        ? WRONG_KEY_AGAIN_WORDS
        : (HANGUP_WORDS[trace.hangupReason] ?? trace.hangupReason);
    sentences.push(`The service ${words}${done}.`);
  } else if (trace.endedBy === 'person') {
    sentences.push('The owner hung up.');
  }
  const recorded = trace.readouts.filter((r) => r.recorded).length;
  const heard = trace.readouts.filter((r) => r.heardByPerson).length;
  if (trace.answeredBy === 'voicemail') {
    sentences.push(
      recorded > 0
        ? `${recorded} readout(s) landed in the voicemail recording: the code is in the box.`
        : 'No readout was recorded: the box holds no code.',
    );
  } else if (trace.answeredBy === 'person') {
    sentences.push(
      heard > 0 ? `The owner heard the code ${heard} time(s).` : 'The owner never heard the code.',
    );
  }
  return sentences.join(' ');
}
