import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { cmd, flowInput, recordingPort } from './testing/recordingPort.ts';
import { flowContext, flowSetup } from './flowSetup.ts';
import type { BuiltInFlowEvent, FlowSettings } from './events.ts';
import { FLOWS, type FlowMachine } from './index.ts';
import { compileFlow, stepperEngine, xstateEngine, type FlowEngine } from './runner.ts';

/**
 * The stepper runs the same machine definitions as XState's actor: on every path @xstate/graph
 * finds and on thousands of random event sequences, both pass through the same states, end at
 * the same time, tell their subscriber the same states and give the line the same commands.
 */

const DIGITS = '0123456789*#ABCD'.split('');

const CAUSE = { HUMAN: 'HUMAN', MACHINE: 'LONGGREETING', NOTSURE: 'TOOLONG' } as const;
const amdResult = (verdict: 'HUMAN' | 'MACHINE' | 'NOTSURE'): BuiltInFlowEvent => ({
  type: 'AMD_RESULT',
  result: { verdict, cause: CAUSE[verdict], decisionMs: 1700 },
});

/** Everything observable of one run: per event, the state and whether the flow is still active. */
function trace(
  engine: FlowEngine,
  machine: FlowMachine,
  events: readonly BuiltInFlowEvent[],
  settings: Partial<FlowSettings>,
  expectedDigit: string,
) {
  const port = recordingPort();
  const notified: string[] = [];
  const runner = engine(machine, flowInput(port, settings, expectedDigit), (s) => notified.push(s));
  runner.start();
  const steps: [string, boolean][] = [[runner.state, runner.active]];
  // As the line does: once the flow has ended, later events have nobody to go to.
  for (const event of events) {
    if (!runner.active) break;
    runner.send(event);
    steps.push([runner.state, runner.active]);
  }
  runner.stop();
  return { steps, notified, commands: port.commands, activeAfterStop: runner.active };
}

function expectSameRun(
  machine: FlowMachine,
  events: readonly BuiltInFlowEvent[],
  settings: Partial<FlowSettings>,
  expectedDigit: string,
) {
  const reference = trace(xstateEngine, machine, events, settings, expectedDigit);
  const stepped = trace(stepperEngine, machine, events, settings, expectedDigit);
  expect(stepped).toEqual(reference);
  return reference;
}

const EXPECTED = '7';
const ALPHABET: BuiltInFlowEvent[] = [
  { type: 'ANSWERED' },
  { type: 'NO_ANSWER' },
  { type: 'PLAYBACK_DONE' },
  { type: 'TIMEOUT' },
  { type: 'BEEP' },
  { type: 'HANGUP' },
  { type: 'DTMF', digit: EXPECTED },
  { type: 'DTMF', digit: '3' },
  amdResult('HUMAN'),
  amdResult('MACHINE'),
  amdResult('NOTSURE'),
];

const POLICIES: Array<Partial<FlowSettings>> = [
  { onMachine: 'hangup', onNotSure: 'human' },
  { onMachine: 'hangup', onNotSure: 'hangup', wrongKeyRetries: 1 },
  { onMachine: 'leave-code', onNotSure: 'human', wrongKeyRetries: 3 },
  { onMachine: 'leave-code', onNotSure: 'hangup', maxPrompts: 3, readoutRepeats: 1 },
];

const FLOW_IDS = Object.keys(FLOWS) as (keyof typeof FLOWS)[];

const cases = FLOW_IDS.flatMap((id) => POLICIES.map((settings) => ({ id, settings })));

describe.each(cases)('$id with $settings: every @xstate/graph path', ({ id, settings }) => {
  const machine = FLOWS[id];
  const options = {
    input: flowInput(recordingPort(), settings, EXPECTED),
    events: ALPHABET,
    serializeState: (s: {
      value: unknown;
      context: { promptsPlayed: number; wrongKeys: number };
    }) => JSON.stringify([s.value, s.context.promptsPlayed, s.context.wrongKeys]),
  };
  const eventsOf = (path: { steps: { event: BuiltInFlowEvent }[] }) =>
    path.steps.map((step) => step.event).filter((e) => !e.type.startsWith('xstate.'));

  it('gives the same states and commands on the shortest path to every state, then on each event from there', () => {
    const paths = getShortestPaths(machine, options);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const events = eventsOf(path);
      const reference = expectSameRun(machine, events, settings, EXPECTED);
      expect(reference.steps[reference.steps.length - 1]![0]).toBe(String(path.state.value));
      for (const next of ALPHABET) expectSameRun(machine, [...events, next], settings, EXPECTED);
    }
  });

  it('gives the same states and commands on every simple path', () => {
    const paths = getSimplePaths(machine, options);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) expectSameRun(machine, eventsOf(path), settings, EXPECTED);
  });
});

describe('random event sequences', () => {
  const event = fc.oneof(
    fc.constantFrom<BuiltInFlowEvent>(
      { type: 'ANSWERED' },
      { type: 'NO_ANSWER' },
      { type: 'PLAYBACK_DONE' },
      { type: 'TIMEOUT' },
      { type: 'BEEP' },
      { type: 'HANGUP' },
    ),
    fc.constantFrom(...DIGITS).map((digit): BuiltInFlowEvent => ({ type: 'DTMF', digit })),
    fc.constantFrom('HUMAN', 'MACHINE', 'NOTSURE' as const).map(amdResult),
  );
  // Few far-end events, so that sequences get deep into the flows before ending.
  const deepEvent = fc.oneof(
    { arbitrary: event, weight: 1 },
    {
      arbitrary: fc.constantFrom<BuiltInFlowEvent>(
        { type: 'PLAYBACK_DONE' },
        { type: 'TIMEOUT' },
        { type: 'BEEP' },
      ),
      weight: 2,
    },
    {
      arbitrary: fc
        .constantFrom('1', '7')
        .map((digit): BuiltInFlowEvent => ({ type: 'DTMF', digit })),
      weight: 1,
    },
  );
  const settings = fc.record({
    readoutRepeats: fc.integer({ min: 1, max: 5 }),
    gatherTimeoutMs: fc.integer({ min: 1, max: 30_000 }),
    maxPrompts: fc.integer({ min: 1, max: 4 }),
    wrongKeyRetries: fc.integer({ min: 0, max: 4 }),
    onMachine: fc.constantFrom('hangup', 'leave-code' as const),
    onNotSure: fc.constantFrom('human', 'hangup' as const),
  });

  it.each(FLOW_IDS)('%s: the same states, notifications and commands', (id) => {
    fc.assert(
      fc.property(
        settings,
        fc.constantFrom('1', '7', '#'),
        fc.array(deepEvent, { maxLength: 25 }),
        (flowSettings, expectedDigit, events) => {
          expectSameRun(FLOWS[id], [{ type: 'ANSWERED' }, ...events], flowSettings, expectedDigit);
          expectSameRun(FLOWS[id], events, flowSettings, expectedDigit);
        },
      ),
      { numRuns: 2500, seed: 14 },
    );
  });
});

describe("a state's transitions to itself", () => {
  // Without reenter the state stays (its entry and exit do not run); with it, it is left and
  // entered again, as random-digit's reasking does on each further wrong key.
  const selfLoops = flowSetup.createMachine({
    id: 'self-loops',
    context: flowContext,
    initial: 'asking',
    states: {
      asking: {
        entry: ['countPrompt', 'playPrompt'],
        exit: 'stopPlayback',
        on: {
          DTMF: { target: 'asking', actions: 'startGatherTimer' },
          TIMEOUT: { target: 'asking', reenter: true, actions: 'cancelTimer' },
          HANGUP: 'done',
        },
      },
      done: { type: 'final' },
    },
  }) as unknown as FlowMachine;
  const DTMF: BuiltInFlowEvent = { type: 'DTMF', digit: '3' };
  const TIMEOUT: BuiltInFlowEvent = { type: 'TIMEOUT' };

  it('runs only the actions of one without reenter, and exit, actions and entry of one with it', () => {
    const run = expectSameRun(selfLoops, [DTMF, TIMEOUT, DTMF, { type: 'HANGUP' }], {}, '7');
    expect(run.commands).toEqual([
      cmd.prompt('7'),
      cmd.startTimer(5000),
      cmd.stopPlayback,
      cmd.cancelTimer,
      cmd.prompt('7', 'no-input'),
      cmd.startTimer(5000),
      cmd.stopPlayback,
    ]);
    expect(run.notified).toEqual(['asking', 'asking', 'asking', 'asking', 'done']);
  });

  it('gives the same states and commands on random sequences of them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(DTMF, TIMEOUT), { maxLength: 12 }), (events) => {
        expectSameRun(selfLoops, [...events, { type: 'HANGUP' }], {}, '7');
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe('what the stepper refuses to run', () => {
  const flat = setup({}).createMachine;
  it.each<[string, Parameters<typeof flat>[0], string]>([
    [
      'nested states',
      { context: () => ({}), initial: 'a', states: { a: { initial: 'b', states: { b: {} } } } },
      "the compound state 'a'",
    ],
    [
      'delayed transitions',
      { context: () => ({}), initial: 'a', states: { a: { after: { 100: 'b' } }, b: {} } },
      "eventless, delayed or invoked work in 'a'",
    ],
    [
      'wildcard events',
      { context: () => ({}), initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } },
      "the event descriptor '*' in 'a'",
    ],
    [
      'a root transition re-entering the root',
      {
        context: () => ({}),
        initial: 'a',
        on: { E: { target: '.a', reenter: true } },
        states: { a: {} },
      },
      "a re-entering transition in 'a'",
    ],
    ['a context given as an object', { context: {}, initial: 'a', states: { a: {} } }, 'a context'],
  ])('%s, naming what and where', (_name, config, message) => {
    const machine = flat({ id: 'odd', ...config }) as unknown as FlowMachine;
    expect(() => compileFlow(machine)).toThrow(
      new RegExp(`^Flow 'odd': the stepper does not run ${message.replace(/[*]/g, '\\*')}`),
    );
  });
});
