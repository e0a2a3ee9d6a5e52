import { describe, expect, it } from 'vitest';
import { PhoneNetwork, type CallLogEntry, type PhoneSetup } from '../../api/phoneNetwork.ts';
import { createRng } from '../../core/rng.ts';
import type { StrategyId } from '../../scenario/index.ts';
import { describeCallEvent } from '../../report/callEventText.ts';
import { flowStateAt, stepTimes } from '../replay/traceCursor.ts';
import { callTrace } from '../../sim/callTrace.ts';
import { replayTrial } from '../../sim/replay.ts';
import { compiledWith } from '../../sim/testing/scenarioWith.ts';
import { callLogSummary, callLogTrace } from './callLog.ts';

/** One call as the simulator logs it, read back through JSON as the API serves it. */
function logEntry(strategy: StrategyId, setup: PhoneSetup, code = '123456'): CallLogEntry {
  const network = new PhoneNetwork();
  network.configure('+15005550006', setup);
  const entry = network.placeVerificationCall({
    callSid: 'CA1',
    from: '+15005550000',
    to: '+15005550006',
    strategy,
    code,
    placedAtEpochMs: 1_767_225_600_000,
    rng: createRng(1, 2, 0),
  });
  return JSON.parse(JSON.stringify(entry)) as CallLogEntry;
}

const loggedCall = (strategy: StrategyId, setup: PhoneSetup) =>
  callLogTrace(logEntry(strategy, setup));

const DTMF_1_BOX: PhoneSetup = {
  person: { answerProbability: 0 },
  voicemail: { greeting: [{ speech: 0.8 }, { silence: 1 }, { dtmf: '1', repeat: 10 }] },
};
const OWNER: PhoneSetup = { person: { answerProbability: 1 } };

describe('callLogTrace: a logged call read with the replay pipeline', () => {
  it('draws a recorded tone against random-digit from the typed events', () => {
    const trace = loggedCall('random-digit', DTMF_1_BOX);
    expect(trace.answeredBy).toBe('voicemail');
    expect(trace.code).toBeNull();
    expect(trace.tones[0]).toMatchObject({ digit: '1', from: 'voicemail', startMs: 26_800 });
    expect(trace.tones[0]!.reportedAtMs).toBe(26_840);
    expect(flowStateAt(trace, 24_999)).toBe('ringing');
    expect(flowStateAt(trace, 25_000)).toBe('prompting');
    expect(stepTimes(trace)).toContain(26_840);
    expect(trace.events.map((e) => describeCallEvent(e.event))).toContain('answered by voicemail');
  });

  it('withholds the code: no event of the log carries it', () => {
    const entry = logEntry('naive', OWNER, '987654');
    expect(entry.answeredBy).toBe('person');
    expect(JSON.stringify(entry)).not.toContain('987654');
  });
});

describe('callLogSummary', () => {
  it('tells how a recorded tone met a random digit and the box got no code', () => {
    const trace = loggedCall('random-digit', DTMF_1_BOX);
    expect(callLogSummary(trace)).toBe(
      `Nobody picked up; the voicemail box answered at 25.0 s. The service asked for key ${trace.expectedDigit}; the greeting's recorded tone pressed 1. The service got the wrong key first and hung up without reading the code. No readout was recorded: the box holds no code.`,
    );
    expect(trace.expectedDigit).not.toBe('1');
  });

  it('tells how a random digit re-asked after wrong keys, and hung up on the last one', () => {
    const reasked = (promptDigits: string) =>
      callTrace(
        replayTrial(
          compiledWith({
            service: { promptDigits, wrongKeyRetries: 2 },
            voicemail: {
              greeting: [{ speech: 0.5 }, { dtmf: '0123456789', toneMs: 120, gapMs: 80 }],
            },
            attacker: { attempts: 1 },
          }),
          'random-digit',
          'attack',
          0,
        ),
        0,
      );
    expect(callLogSummary(reasked('9'))).toBe(
      `Nobody picked up; the voicemail box answered at 25.0 s. The service asked for key 9; the greeting's recorded tone pressed 0. It said "That was not the right key" and asked again 2 time(s), for the same key. The service got a wrong key again and hung up without reading the code. No readout was recorded: the box holds no code.`,
    );
    expect(callLogSummary(reasked('2'))).toContain(
      'asked again 2 time(s), for the same key. The service read the code 3 time(s).',
    );
  });

  it('tells how the owner pressed the key and heard the code', () => {
    const trace = loggedCall('static-prompt', OWNER);
    expect(callLogSummary(trace)).toMatch(
      /^The owner answered at \d+\.\d s\. The service asked for key 1; the owner pressed 1\. The service read the code 3 time\(s\)\. The owner heard the code 3 time\(s\)\.$/,
    );
  });
});
