import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import type { ScenarioInput, StrategyId } from '../scenario/index.ts';
import { simulateCall, type CallOutcome } from './call.ts';
import { CallEventLog } from './callEvents.ts';
import { compiledWith } from './testing/scenarioWith.ts';

/**
 * Calls on the virtual clock with every duration fixed (see scenarioWith): the person answers at
 * 6 s and says "Hello?" from 0.3 s to 0.9 s after; prompts last 3 s, readouts 4 s, the gather
 * listens 5 s; the box picks up at 25 s. Answer probability 0 or 1 makes who answers certain.
 */
function call(
  strategy: StrategyId,
  overrides: ScenarioInput,
  options: { personAnswers: boolean; expectedDigit?: string; seed?: number },
): CallOutcome {
  const compiled = compiledWith(overrides);
  return simulateCall({
    compiled,
    strategy,
    rng: createRng(options.seed ?? 1),
    answerProbability: options.personAnswers ? 1 : 0,
    expectedDigit: options.expectedDigit ?? compiled.staticDigit,
  });
}

const spans = (outcome: CallOutcome) => outcome.readouts.map((r) => [r.startMs, r.endMs]);
const recorded = (outcome: CallOutcome) => outcome.readouts.map((r) => r.recorded);

/** The night-attack greeting: "Hi" (0.8 s), 1 s of silence, then ten "1" tones, 120 ms on, 80 ms off. */
const DTMF_1_GREETING = [
  { speech: 0.8 },
  { silence: 1.0 },
  { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
];

describe('simulateCall: the person answers', () => {
  it('hears every naive readout live; the first ends one readout after answering', () => {
    const outcome = call('naive', {}, { personAnswers: true });
    expect(outcome).toMatchObject({
      answeredBy: 'person',
      answeredAtMs: 6000,
      endMs: 18000,
      endedBy: 'service',
      hangupReason: 'done',
      leaked: false,
      firstReadoutHeardMs: 10000,
      recordingStartMs: null,
    });
    expect(spans(outcome)).toEqual([
      [6000, 10000],
      [10000, 14000],
      [14000, 18000],
    ]);
    expect(outcome.readouts.every((r) => r.completed && r.heardByPerson && !r.recorded)).toBe(true);
  });

  it('plays the readouts as one message: the flow stays in reading until the last one ends', () => {
    const log = new CallEventLog();
    simulateCall({
      compiled: compiledWith(),
      strategy: 'naive',
      rng: createRng(1),
      answerProbability: 1,
      expectedDigit: '1',
      recorder: log,
    });
    const events = log.events();
    const states = events.flatMap((e) => (e.type === 'flow-state' ? [`${e.atMs} ${e.state}`] : []));
    expect(states).toEqual(['0 ringing', '6000 reading', '18000 ended']);
    const readoutsAndHangup = events.flatMap((e) =>
      e.type === 'readout-started' || e.type === 'readout-ended'
        ? [`${e.atMs} ${e.type} ${e.number}`]
        : e.type === 'hangup'
          ? [`${e.atMs} hangup ${e.by} ${e.reason}`]
          : [],
    );
    expect(readoutsAndHangup).toEqual([
      '6000 readout-started 1',
      '10000 readout-ended 1',
      '10000 readout-started 2',
      '14000 readout-ended 2',
      '14000 readout-started 3',
      '18000 readout-ended 3',
      '18000 hangup service done',
    ]);
  });

  it('reads readoutRepeats readouts, each its own record', () => {
    const outcome = call('naive', { service: { readoutRepeats: 1 } }, { personAnswers: true });
    expect(spans(outcome)).toEqual([[6000, 10000]]);
    expect(outcome).toMatchObject({
      endMs: 10000,
      hangupReason: 'done',
      firstReadoutHeardMs: 10000,
    });
  });

  it('reads static-prompt after the person presses the key, reaction plus detection after the prompt', () => {
    // Prompt 6-9 s; key pressed 1 s later and detected 40 ms into its tone.
    const outcome = call('static-prompt', {}, { personAnswers: true });
    expect(spans(outcome)).toEqual([
      [10040, 14040],
      [14040, 18040],
      [18040, 22040],
    ]);
    expect(outcome.firstReadoutHeardMs).toBe(14040);
    expect(outcome.hangupReason).toBe('done');
  });

  it('lets a key pressed after the gather times out barge into the re-prompt', () => {
    // Prompt 6-9 s, gather until 14 s, re-prompt from 14 s; the key comes at 9 + 6 + 0.04 s.
    const outcome = call(
      'random-digit',
      { person: { reactionSeconds: 6 } },
      { personAnswers: true, expectedDigit: '7' },
    );
    expect(outcome.readouts[0]?.startMs).toBe(15040);
    expect(outcome.hangupReason).toBe('done');
  });

  it("hangs up random-digit as 'wrong-digit' when every key press slips", () => {
    const outcome = call(
      'random-digit',
      { person: { keypressErrorRate: 1 } },
      { personAnswers: true, expectedDigit: '7' },
    );
    expect(outcome).toMatchObject({
      endedBy: 'service',
      hangupReason: 'wrong-digit',
      endMs: 10040,
      firstReadoutHeardMs: null,
    });
    expect(outcome.readouts).toEqual([]);
  });

  it('lets static-prompt outlast a slipped key: the re-prompt gets the right one or gives up', () => {
    const outcome = call(
      'static-prompt',
      { person: { keypressErrorRate: 1 } },
      { personAnswers: true },
    );
    // Both presses are wrong (rate 1), so the flow hears no "1" and gives up after the re-prompt.
    expect(outcome).toMatchObject({
      hangupReason: 'no-input',
      endMs: 6000 + 3000 + 5000 + 3000 + 5000,
    });
  });

  it("takes a key reported at the gather's last millisecond, and re-prompts one ms later", () => {
    // The prompt ends at 9 s and the gather listens until 14 s; the key is reported 40 ms after
    // the press, so a press 4.96 s after the prompt is reported exactly at 14 s.
    const promptsWith = (reactionSeconds: number) => {
      const log = new CallEventLog();
      simulateCall({
        compiled: compiledWith({ person: { reactionSeconds } }),
        strategy: 'static-prompt',
        rng: createRng(1),
        answerProbability: 1,
        expectedDigit: '1',
        recorder: log,
      });
      const events = log.events();
      return {
        prompts: events.filter((e) => e.type === 'prompt-started').map((e) => e.atMs),
        firstReadoutMs: events.find((e) => e.type === 'readout-started')?.atMs,
      };
    };
    expect(promptsWith(4.96)).toEqual({ prompts: [6_000], firstReadoutMs: 14_000 });
    // One ms later the gather has timed out: the re-prompt starts at 14 s and the key barges in.
    expect(promptsWith(4.961)).toEqual({ prompts: [6_000, 14_000], firstReadoutMs: 14_001 });
  });
});

describe('simulateCall: AMD against a person', () => {
  it('hears "Hello?" then silence as HUMAN and reads the code', () => {
    const outcome = call('amd', {}, { personAnswers: true });
    expect(outcome.amd).toEqual({ verdict: 'HUMAN', cause: 'HUMAN', decisionMs: 1700 });
    expect(outcome.readouts[0]?.startMs).toBe(6000 + 1700);
    expect(outcome.firstReadoutHeardMs).toBe(6000 + 1700 + 4000);
    expect(outcome.hangupReason).toBe('done');
  });

  it('takes a person with a long greeting for a MACHINE and hangs up on them', () => {
    const outcome = call('amd', { person: { greetingSeconds: 3 } }, { personAnswers: true });
    expect(outcome.amd).toMatchObject({
      verdict: 'MACHINE',
      cause: 'LONGGREETING',
      decisionMs: 300 + 1500,
    });
    expect(outcome).toMatchObject({
      endedBy: 'service',
      hangupReason: 'machine-detected',
      endMs: 7800,
      firstReadoutHeardMs: null,
    });
  });

  it('loses the person when the silence of a long detection outlasts their patience', () => {
    // HUMAN would come 3 s after "Hello?" ends (at 3.9 s); the person gives up 2 s after it ends.
    const outcome = call(
      'amd',
      { amd: { afterGreetingSilenceMs: 3000 }, person: { patienceSeconds: 2 } },
      { personAnswers: true },
    );
    expect(outcome).toMatchObject({
      endedBy: 'person',
      endMs: 6000 + 900 + 2000,
      hangupReason: null,
      firstReadoutHeardMs: null,
    });
    expect(outcome.readouts).toEqual([]);
  });

  it('keeps the person when the verdict comes within their patience', () => {
    const outcome = call('amd', { person: { patienceSeconds: 1 } }, { personAnswers: true });
    expect(outcome.endedBy).toBe('service');
    expect(outcome.firstReadoutHeardMs).toBe(11700);
  });

  it('keeps the person whose patience runs out the very ms the code starts: silence must exceed it', () => {
    // "Hello?" ends at 6.9 s; the HUMAN verdict and the first readout come at 7.7 s, 0.8 s later.
    const outcome = call('amd', { person: { patienceSeconds: 0.8 } }, { personAnswers: true });
    expect(outcome).toMatchObject({
      endedBy: 'service',
      hangupReason: 'done',
      firstReadoutHeardMs: 7700 + 4000,
    });
    expect(outcome.readouts[0]?.startMs).toBe(7700);
    // One ms less patience and they are gone before the service says a word.
    const impatient = call('amd', { person: { patienceSeconds: 0.799 } }, { personAnswers: true });
    expect(impatient).toMatchObject({ endedBy: 'person', endMs: 7699, firstReadoutHeardMs: null });
    expect(impatient.readouts).toEqual([]);
  });
});

describe('simulateCall: the voicemail box answers', () => {
  it('picks up at pickupAfterSeconds and records from the end of the beep', () => {
    const outcome = call('naive', {}, { personAnswers: false });
    expect(outcome).toMatchObject({
      answeredBy: 'voicemail',
      answeredAtMs: 25000,
      recordingStartMs: 25000 + 6500 + 500,
    });
  });

  it('records only readouts wholly inside the recording window: not one that straddles the beep', () => {
    // Greeting 2.5 s + beep 0.5 s: recording from 28 s; readouts 25-29, 29-33, 33-37 s.
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 2.5 }] } },
      { personAnswers: false },
    );
    expect(outcome.recordingStartMs).toBe(28000);
    expect(spans(outcome)).toEqual([
      [25000, 29000],
      [29000, 33000],
      [33000, 37000],
    ]);
    expect(recorded(outcome)).toEqual([false, true, true]);
    expect(outcome.leaked).toBe(true);
    expect(outcome).toMatchObject({ endedBy: 'service', hangupReason: 'done' });
  });

  it('records a readout that starts exactly as the beep ends', () => {
    // Greeting 3.5 s + beep 0.5 s = one readout: readout 2 starts at the first recorded ms.
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 3.5 }] } },
      { personAnswers: false },
    );
    expect(outcome.recordingStartMs).toBe(29000);
    expect(recorded(outcome)).toEqual([false, true, true]);
  });

  it('does not leak when every readout is over before the beep', () => {
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 20 }] } },
      { personAnswers: false },
    );
    expect(recorded(outcome)).toEqual([false, false, false]);
    expect(outcome.leaked).toBe(false);
  });

  it("cuts a readout at the box's maxRecordSeconds, and a cut readout is not recorded", () => {
    // Recording 28-34 s: readout 2 (29-33 s) fits, readout 3 (33-37 s) is cut when the box hangs up.
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 2.5 }], maxRecordSeconds: 6 } },
      { personAnswers: false },
    );
    expect(outcome).toMatchObject({
      endedBy: 'voicemail',
      endMs: 34000,
      hangupReason: null,
      leaked: true,
    });
    expect(spans(outcome)).toEqual([
      [25000, 29000],
      [29000, 33000],
      [33000, 34000],
    ]);
    expect(outcome.readouts.map((r) => r.completed)).toEqual([true, true, false]);
    expect(recorded(outcome)).toEqual([false, true, false]);
  });

  it('records a readout that ends exactly when the recording limit is reached', () => {
    // Recording 28-33 s: readout 2, [29000, 33000), lies wholly inside it; the box's hang-up at
    // 33 s ranks after the readout's end at the same ms.
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 2.5 }], maxRecordSeconds: 5 } },
      { personAnswers: false },
    );
    expect(outcome.readouts[1]).toMatchObject({
      startMs: 29000,
      endMs: 33000,
      completed: true,
      recorded: true,
    });
    expect(outcome.leaked).toBe(true);
    expect(outcome).toMatchObject({ endedBy: 'voicemail', endMs: 33000 });
    // Readout 3 would start in the very millisecond the box hangs up: it was never said.
    expect(outcome.readouts).toHaveLength(2);
  });

  it('records the last readout when it ends exactly at the recording limit, and the service hangs up', () => {
    // Recording 28-37 s; readout 3 ends at 37 s, so the flow says goodbye before the box's limit.
    const outcome = call(
      'naive',
      { voicemail: { greeting: [{ speech: 2.5 }], maxRecordSeconds: 9 } },
      { personAnswers: false },
    );
    expect(recorded(outcome)).toEqual([false, true, true]);
    expect(outcome).toMatchObject({ endedBy: 'service', hangupReason: 'done', endMs: 37000 });
  });

  it('leaks static-prompt to a greeting that plays the DTMF "1" it asks for', () => {
    // First tone at 1.8 s, detected 40 ms in, barges into the prompt; the greeting ends at 3.8 s.
    const outcome = call(
      'static-prompt',
      { voicemail: { greeting: DTMF_1_GREETING } },
      { personAnswers: false },
    );
    expect(outcome.recordingStartMs).toBe(25000 + 3800 + 500);
    expect(spans(outcome)).toEqual([
      [26840, 30840],
      [30840, 34840],
      [34840, 38840],
    ]);
    expect(recorded(outcome)).toEqual([false, true, true]);
    expect(outcome).toMatchObject({ leaked: true, hangupReason: 'done' });
  });

  it('does not detect tones shorter than service.dtmfDetectMs', () => {
    const shortTones = [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 39, gapMs: 80, repeat: 10 },
    ];
    const outcome = call(
      'static-prompt',
      { voicemail: { greeting: shortTones } },
      { personAnswers: false },
    );
    expect(outcome.readouts).toEqual([]);
    expect(outcome).toMatchObject({
      leaked: false,
      hangupReason: 'no-input',
      endMs: 25000 + 3000 + 5000 + 3000 + 5000,
    });
  });

  it('detects a tone exactly service.dtmfDetectMs long', () => {
    const edgeTones = [
      { speech: 0.8 },
      { silence: 1.0 },
      { dtmf: '1', toneMs: 40, gapMs: 80, repeat: 10 },
    ];
    const outcome = call(
      'static-prompt',
      { voicemail: { greeting: edgeTones } },
      { personAnswers: false },
    );
    expect(outcome.readouts[0]?.startMs).toBe(25000 + 1800 + 40);
  });

  it('honours a longer service.dtmfDetectMs', () => {
    const outcome = call(
      'static-prompt',
      { voicemail: { greeting: DTMF_1_GREETING }, service: { dtmfDetectMs: 150 } },
      { personAnswers: false },
    );
    expect(outcome.readouts).toEqual([]);
    expect(outcome.hangupReason).toBe('no-input');
  });

  describe('random-digit against a greeting whose first key is 3', () => {
    const greeting = [{ dtmf: '3719', toneMs: 120, gapMs: 80 }, { silence: 1 }];

    it('reads the code, and leaks it, only when the digit asked for is 3', () => {
      const outcome = call(
        'random-digit',
        { voicemail: { greeting } },
        { personAnswers: false, expectedDigit: '3' },
      );
      expect(outcome.readouts[0]?.startMs).toBe(25040);
      expect(outcome).toMatchObject({ leaked: true, hangupReason: 'done' });
    });

    it.each(['0', '1', '2', '4', '5', '6', '7', '8', '9'])(
      "hangs up 'wrong-digit' when asked for %s",
      (digit) => {
        const outcome = call(
          'random-digit',
          { voicemail: { greeting } },
          { personAnswers: false, expectedDigit: digit },
        );
        expect(outcome).toMatchObject({
          endedBy: 'service',
          hangupReason: 'wrong-digit',
          endMs: 25040,
          leaked: false,
        });
        expect(outcome.readouts).toEqual([]);
      },
    );
  });

  it('hangs up AMD on the carrier greeting as a MACHINE before the beep', () => {
    const outcome = call('amd', {}, { personAnswers: false });
    expect(outcome.amd).toEqual({ verdict: 'MACHINE', cause: 'LONGGREETING', decisionMs: 1500 });
    expect(outcome).toMatchObject({
      endedBy: 'service',
      hangupReason: 'machine-detected',
      endMs: 26500,
      leaked: false,
    });
  });

  it("leaves the code after the beep with amd.onMachine 'leave-code', so all of it is recorded", () => {
    const outcome = call('amd', { amd: { onMachine: 'leave-code' } }, { personAnswers: false });
    expect(spans(outcome)).toEqual([
      [32000, 36000],
      [36000, 40000],
      [40000, 44000],
    ]);
    expect(recorded(outcome)).toEqual([true, true, true]);
  });

  it("with 'leave-code', reads at the verdict when the beep already ended during detection", () => {
    // No greeting and a 50 ms beep (too short for a word): recording from 25.05 s; AMD calls
    // MACHINE (INITIALSILENCE) at 25 + 2.56 s, and the line answers awaitBeep at once.
    const outcome = call(
      'amd',
      { amd: { onMachine: 'leave-code' }, voicemail: { greeting: [], beepSeconds: 0.05 } },
      { personAnswers: false },
    );
    expect(outcome.amd).toMatchObject({ verdict: 'MACHINE', cause: 'INITIALSILENCE' });
    expect(outcome.recordingStartMs).toBe(25050);
    expect(spans(outcome)).toEqual([
      [27560, 31560],
      [31560, 35560],
      [35560, 39560],
    ]);
    expect(recorded(outcome)).toEqual([true, true, true]);
    expect(outcome).toMatchObject({ endedBy: 'service', hangupReason: 'done' });
  });

  it('hears the beep after a short greeting, so AMD calls it a MACHINE before recording starts', () => {
    // 1.2 s of speech alone would pass as HUMAN; with the beep from 1.6 s it is a long greeting.
    const outcome = call(
      'amd',
      { voicemail: { greeting: [{ silence: 0.3 }, { speech: 1.2 }, { silence: 0.1 }] } },
      { personAnswers: false },
    );
    expect(outcome.amd).toEqual({ verdict: 'MACHINE', cause: 'LONGGREETING', decisionMs: 1900 });
    expect(outcome).toMatchObject({
      endedBy: 'service',
      hangupReason: 'machine-detected',
      endMs: 26900,
      leaked: false,
      recordingStartMs: null,
    });
  });
});

describe('simulateCall: nobody answers', () => {
  it("ends at the ring timeout with endedBy 'no-answer' when voicemail is disabled", () => {
    const outcome = call('naive', { voicemail: { enabled: false } }, { personAnswers: false });
    expect(outcome).toMatchObject({
      answeredBy: 'nobody',
      answeredAtMs: null,
      endMs: 60000,
      endedBy: 'no-answer',
      hangupReason: null,
      leaked: false,
      firstReadoutHeardMs: null,
      recordingStartMs: null,
    });
    expect(outcome.readouts).toEqual([]);
  });

  it('ends unanswered when the box would pick up only after the ring timeout', () => {
    const outcome = call(
      'naive',
      { voicemail: { pickupAfterSeconds: 70 } },
      { personAnswers: false },
    );
    expect(outcome).toMatchObject({ answeredBy: 'nobody', endedBy: 'no-answer', endMs: 60000 });
  });

  it('lets the box win when the person would answer after it', () => {
    const outcome = call('naive', { person: { answerDelaySeconds: 30 } }, { personAnswers: true });
    expect(outcome.answeredBy).toBe('voicemail');
  });
});

describe('simulateCall: determinism and observation', () => {
  const noisy: ScenarioInput = {
    person: {
      answerProbability: 0.5,
      answerDelaySeconds: { lognormal: { median: 6, sigma: 0.4 } },
      keypressErrorRate: 0.3,
    },
  };

  it('plays out the same call from the same random stream', () => {
    const compiled = compiledWith(noisy);
    const run = (seed: number) =>
      simulateCall({
        compiled,
        strategy: 'random-digit',
        rng: createRng(seed),
        answerProbability: 0.5,
        expectedDigit: '7',
      });
    for (let seed = 0; seed < 20; seed++) expect(run(seed)).toEqual(run(seed));
  });

  it('reports the flow states and line events as typed events', () => {
    const log = new CallEventLog();
    const compiled = compiledWith({ voicemail: { greeting: DTMF_1_GREETING } });
    simulateCall({
      compiled,
      strategy: 'static-prompt',
      rng: createRng(1),
      answerProbability: 0,
      expectedDigit: '1',
      recorder: log,
    });
    const events = log.events();
    expect(events.flatMap((e) => (e.type === 'flow-state' ? [e.state] : []))).toEqual([
      'ringing',
      'prompting',
      'reading',
      'ended',
    ]);
    expect(events[0]).toEqual({
      type: 'placed',
      atMs: 0,
      strategy: 'static-prompt',
      expectedDigit: '1',
    });
    expect(events).toContainEqual({ type: 'answered', atMs: 25000, by: 'voicemail' });
    expect(events).toContainEqual({
      type: 'key-reported',
      atMs: 26840,
      digit: '1',
      from: 'voicemail',
      toneStartMs: 26800,
    });
    expect(events).toContainEqual({ type: 'beep', atMs: 28800, endMs: 29300 });
    expect(events).toContainEqual({
      type: 'prompt-ended',
      atMs: 26840,
      digit: '1',
      cause: 'stopped',
    });
    const times = events.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
