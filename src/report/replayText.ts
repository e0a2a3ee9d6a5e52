import type { TrialReplay } from '../sim/replay.ts';
import { callEventParty, describeCallEvent } from './callEventText.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(3).padStart(8)} s`;

/** A trial as text: each call's events in time order, then what became of the code. */
export function formatReplay(replay: TrialReplay): string {
  const lines = [`${replay.kind} trial ${replay.trialIndex} of ${replay.strategy}`];
  const calls = replay.outcome.kind === 'attack' ? replay.outcome.calls : [replay.outcome.call];
  calls.forEach((record, i) => {
    const { call } = record;
    lines.push(
      '',
      `call ${i + 1}: placed at ${(record.placedAtMs / 1000).toFixed(1)} s, ${call.expectedDigit === null ? 'asks for no key' : `asks for key ${call.expectedDigit}`}, code ${record.code}`,
    );
    for (const event of replay.events[i] ?? []) {
      lines.push(
        `  ${seconds(event.atMs)}  ${callEventParty(event).padEnd(9)} ${describeCallEvent(event)}`,
      );
    }
    const fate =
      record.submittedAtMs === null
        ? 'code not obtained'
        : `code typed at ${(record.submittedAtMs / 1000).toFixed(1)} s: ${record.accepted ? 'ACCEPTED' : 'rejected'}`;
    lines.push(
      `  answered by ${call.answeredBy}; ended by ${call.endedBy}${call.hangupReason ? ` (${call.hangupReason})` : ''}; ${call.readouts.filter((r) => r.recorded).length} readout(s) recorded; ${fate}`,
    );
  });
  return lines.join('\n');
}
