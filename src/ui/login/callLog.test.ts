import { describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../api/index.ts';
import { callEvents, callLogSummary, flowStateAt, stepTimes } from './callLog.ts';

// As the simulator logs them (seed 1): a DTMF 1 greeting against random-digit, and the owner
// answering static-prompt.
const greetingBeatenByRandomDigit: CallLogEntry = {
  callSid: 'VL84747c0af301aa605d28e785f4d680d0',
  from: '+15005550006',
  strategy: 'random-digit',
  placedAt: '2026-01-01T00:00:00Z',
  answeredBy: 'voicemail',
  endedBy: 'service',
  hangupReason: 'wrong-digit',
  durationSeconds: 26.84,
  readouts: [],
  flowStates: [
    { atMs: 0, state: 'ringing' },
    { atMs: 25000, state: 'prompting' },
    { atMs: 26840, state: 'ended' },
  ],
  events: [
    { atMs: 25000, source: 'line', label: 'answered by voicemail' },
    { atMs: 25000, source: 'service', label: 'prompt: press 8' },
    { atMs: 26840, source: 'voicemail', label: 'DTMF 1' },
    { atMs: 26840, source: 'service', label: 'hangs up: wrong-digit' },
  ],
};

const ownerAnswers: CallLogEntry = {
  ...greetingBeatenByRandomDigit,
  strategy: 'static-prompt',
  answeredBy: 'person',
  hangupReason: 'done',
  durationSeconds: 21.11,
  readouts: [9110, 13110, 17110].map((startMs) => ({
    startMs,
    endMs: startMs + 4000,
    recorded: false,
    heardByPerson: true,
  })),
  flowStates: [
    { atMs: 0, state: 'ringing' },
    { atMs: 5106, state: 'prompting' },
    { atMs: 8106, state: 'awaitingInput' },
    { atMs: 9110, state: 'reading' },
    { atMs: 21110, state: 'ended' },
  ],
  events: [
    { atMs: 5106, source: 'line', label: 'answered by person' },
    { atMs: 5106, source: 'service', label: 'prompt: press 1' },
    { atMs: 9110, source: 'person', label: 'DTMF 1' },
    { atMs: 9110, source: 'service', label: 'readout 1' },
    { atMs: 21110, source: 'service', label: 'hangs up: done' },
  ],
};

describe('callEvents', () => {
  it('merges events and flow states in time order, each state after the event causing it', () => {
    expect(callEvents(greetingBeatenByRandomDigit).map((e) => e.text)).toEqual([
      'flow: state ringing',
      'line: answered by voicemail',
      'service: prompt: press 8',
      'flow: state prompting',
      'voicemail: DTMF 1 (greeting tone)',
      'service: hangs up: wrong-digit',
      'flow: state ended',
    ]);
  });
});

describe('flowStateAt and stepTimes', () => {
  it('gives the state entered last and stops at every event and the end', () => {
    expect(flowStateAt(greetingBeatenByRandomDigit, 24_999)).toBe('ringing');
    expect(flowStateAt(greetingBeatenByRandomDigit, 25_000)).toBe('prompting');
    expect(flowStateAt(greetingBeatenByRandomDigit, 30_000)).toBe('ended');
    expect(stepTimes(greetingBeatenByRandomDigit)).toEqual([0, 25_000, 26_840]);
  });
});

describe('callLogSummary', () => {
  it('tells how a recorded tone met a random digit and the box got no code', () => {
    expect(callLogSummary(greetingBeatenByRandomDigit)).toBe(
      "Nobody picked up; the voicemail box answered at 25.0 s. The service asked for key 8; the greeting's recorded tone pressed 1. The service got the wrong key first and hung up without reading the code. No readout was recorded: the box holds no code.",
    );
  });

  it('tells how the owner pressed the key and heard the code', () => {
    expect(callLogSummary(ownerAnswers)).toBe(
      'The owner answered at 5.1 s. The service asked for key 1; the owner pressed 1. The service read the code 3 time(s). The owner heard the code 3 time(s).',
    );
  });
});
