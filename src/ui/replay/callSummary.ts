import type { CallTrace } from '../../sim/callTrace.ts';
import { formatSeconds } from './traceCursor.ts';

/** One sentence on what happened in a call and to its code, for the replay's caption. */
export function callSummary(trace: CallTrace): string {
  const parts: string[] = [];
  parts.push(
    trace.answeredAtMs === null
      ? `nobody answered (rang ${formatSeconds(trace.endMs, 1)})`
      : `answered by ${trace.answeredBy} at ${formatSeconds(trace.answeredAtMs, 1)}`,
  );
  if (trace.expectedDigit !== null) parts.push(`the service asks for key ${trace.expectedDigit}`);
  const recorded = trace.readouts.filter((r) => r.recorded).length;
  parts.push(
    trace.readouts.length === 0
      ? 'the code was never read'
      : `${trace.readouts.length} readout(s) of ${trace.code === null ? 'the code' : `code ${trace.code}`}, ${recorded} recorded`,
  );
  const { submission } = trace;
  if (submission) {
    parts.push(
      `the ${submission.by} types it at ${formatSeconds(submission.atMs, 1)}: ${submission.accepted ? 'accepted' : 'rejected'}`,
    );
  } else if (trace.kind === 'attack') {
    parts.push('the attacker gets no code from this call');
  } else {
    parts.push('the owner never heard the code in full');
  }
  return `${parts.join('; ')}.`;
}

/** A short label for a campaign call in a picker: when it was placed and how it ended for the code. */
export function callChoiceLabel(trace: CallTrace): string {
  const fate = trace.submission
    ? trace.submission.accepted
      ? 'intercepted'
      : 'code recorded, rejected'
    : trace.readouts.some((r) => r.recorded)
      ? 'code recorded'
      : 'no code recorded';
  return `Call ${trace.callNumber} (placed at ${formatSeconds(trace.placedAtMs, 0)}): ${fate}`;
}
