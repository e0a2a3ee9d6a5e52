import { getShortestPaths, getSimplePaths, type StatePath } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { driveFlow, flowInput, recordingPort, type PortCommand } from './testing/recordingPort.ts';
import type { BuiltInFlowEvent, FlowSettings } from './events.ts';
import { FLOWS, type FlowMachine } from './index.ts';

/**
 * Path coverage by graph traversal: @xstate/graph walks each machine over the whole event
 * alphabet (the right key and a wrong one, every AMD verdict), evaluating guards against a
 * context whose CallPort is a recording fake, and every path found is replayed on a real actor.
 */

const EXPECTED = '7';
const WRONG = '3';

const amdResult = (verdict: 'HUMAN' | 'MACHINE' | 'NOTSURE'): BuiltInFlowEvent => ({
  type: 'AMD_RESULT',
  result: {
    verdict,
    cause: verdict === 'HUMAN' ? 'HUMAN' : verdict === 'MACHINE' ? 'LONGGREETING' : 'TOOLONG',
    decisionMs: 1700,
  },
});

const ALL_EVENTS: BuiltInFlowEvent[] = [
  { type: 'ANSWERED' },
  { type: 'NO_ANSWER' },
  { type: 'PLAYBACK_DONE' },
  { type: 'TIMEOUT' },
  { type: 'BEEP' },
  { type: 'HANGUP' },
  { type: 'DTMF', digit: EXPECTED },
  { type: 'DTMF', digit: WRONG },
  amdResult('HUMAN'),
  amdResult('MACHINE'),
  amdResult('NOTSURE'),
];

type FlowSnapshot = ReturnType<FlowMachine['getInitialSnapshot']>;
type FlowPath = StatePath<FlowSnapshot, BuiltInFlowEvent>;

/** What distinguishes two snapshots; the port and settings never change. */
function stateKey(snapshot: FlowSnapshot): string {
  return JSON.stringify([
    snapshot.value,
    snapshot.context.promptsPlayed,
    snapshot.context.wrongKeys,
  ]);
}

function traversal(settings: Partial<FlowSettings>) {
  return {
    input: flowInput(recordingPort(), settings, EXPECTED),
    events: ALL_EVENTS,
    serializeState: stateKey,
  };
}

const isEnded = (snapshot: FlowSnapshot) => snapshot.value === 'ended';

type Traversal = ReturnType<typeof traversal> & {
  fromState?: FlowSnapshot;
  toState?: (s: FlowSnapshot) => boolean;
};
const shortestPaths = (machine: FlowMachine, options: Traversal): FlowPath[] =>
  getShortestPaths(machine, options);
const simplePaths = (machine: FlowMachine, options: Traversal): FlowPath[] =>
  getSimplePaths(machine, options);

function eventsOf(path: FlowPath): BuiltInFlowEvent[] {
  return path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.'));
}

function describeEvents(events: readonly BuiltInFlowEvent[]): string {
  return events
    .map((e) =>
      e.type === 'DTMF'
        ? `DTMF ${e.digit}`
        : e.type === 'AMD_RESULT'
          ? `AMD ${e.result.verdict}`
          : e.type,
    )
    .join(' → ');
}

const hangups = (commands: readonly PortCommand[]) =>
  commands.filter((c) => c.command === 'hangup');
/** Readout playbacks started; each says the code `repeats` times. */
const readoutPlaybacks = (commands: readonly PortCommand[]) =>
  commands.flatMap((c) =>
    c.command === 'play' && c.playback.kind === 'readout' ? [c.playback] : [],
  );
const readoutsPlayed = (commands: readonly PortCommand[]) => readoutPlaybacks(commands).length;
const readoutRepetitions = (commands: readonly PortCommand[]) =>
  readoutPlaybacks(commands).reduce((sum, playback) => sum + playback.repeats, 0);
const asksForBeep = (commands: readonly PortCommand[]) =>
  commands.some((c) => c.command === 'awaitBeep');

/** Checks every flow owes the line, whatever the path. */
function expectWellBehavedEnding(
  events: readonly BuiltInFlowEvent[],
  commands: readonly PortCommand[],
  settings: FlowSettings,
) {
  const last = events[events.length - 1]!;
  const endedByFarEnd = last.type === 'HANGUP' || last.type === 'NO_ANSWER';
  if (endedByFarEnd) {
    expect(hangups(commands)).toEqual([]);
  } else {
    expect(hangups(commands)).toHaveLength(1);
    expect(commands[commands.length - 1]!.command).toBe('hangup');
  }
  // The code goes out at most once, as one message of readoutRepeats readouts.
  expect(readoutsPlayed(commands)).toBeLessThanOrEqual(1);
  for (const playback of readoutPlaybacks(commands)) {
    expect(playback.repeats).toBe(settings.readoutRepeats);
  }
  expect(readoutRepetitions(commands)).toBeLessThanOrEqual(settings.readoutRepeats);
  // 'done' means the whole message was played: a hang-up after anything else reads nothing.
  const [hangup] = hangups(commands);
  if (hangup?.command === 'hangup') {
    expect(readoutsPlayed(commands)).toBe(hangup.reason === 'done' ? 1 : 0);
  }
}

const SETTINGS = {
  readoutRepeats: 3,
  gatherTimeoutMs: 5000,
  maxPrompts: 2,
  wrongKeyRetries: 0,
} as const;

const AMD_POLICIES: Array<Pick<FlowSettings, 'onMachine' | 'onNotSure'>> = [
  { onMachine: 'hangup', onNotSure: 'human' },
  { onMachine: 'hangup', onNotSure: 'hangup' },
  { onMachine: 'leave-code', onNotSure: 'human' },
  { onMachine: 'leave-code', onNotSure: 'hangup' },
];

type Case = { name: string; machine: FlowMachine; settings: FlowSettings };

const CASES: Case[] = [
  ...(['naive', 'static-prompt', 'random-digit'] as const).map((id): Case => ({
    name: id,
    machine: FLOWS[id],
    settings: { ...SETTINGS, onMachine: 'hangup', onNotSure: 'human' },
  })),
  {
    name: 'random-digit (wrongKeyRetries 2)',
    machine: FLOWS['random-digit'],
    settings: { ...SETTINGS, wrongKeyRetries: 2, onMachine: 'hangup', onNotSure: 'human' },
  },
  ...AMD_POLICIES.map((policy): Case => ({
    name: `amd (onMachine ${policy.onMachine}, onNotSure ${policy.onNotSure})`,
    machine: FLOWS.amd,
    settings: { ...SETTINGS, ...policy },
  })),
];

describe.each(CASES)('$name: paths found by @xstate/graph', ({ machine, settings }) => {
  const reachable = shortestPaths(machine, traversal(settings));
  const toEnded = simplePaths(machine, { ...traversal(settings), toState: isEnded });

  it('reaches the final state ended from every reachable state', () => {
    const stuck = reachable
      .filter((path) => !isEnded(path.state))
      .filter(
        (path) =>
          shortestPaths(machine, {
            ...traversal(settings),
            fromState: path.state,
            toState: isEnded,
          }).length === 0,
      )
      .map((path) => describeEvents(eventsOf(path)));
    expect(stuck).toEqual([]);
    expect(toEnded.length).toBeGreaterThan(0);
    for (const path of toEnded) expect(path.state.status).toBe('done');
  });

  it('replays every path to ended on a real actor: same state, one service hang-up at most, and last', () => {
    for (const path of toEnded) {
      const events = eventsOf(path);
      const run = driveFlow(machine, events, { settings, expectedDigit: EXPECTED });
      expect({ path: describeEvents(events), state: run.state }).toEqual({
        path: describeEvents(events),
        state: 'ended',
      });
      expectWellBehavedEnding(events, run.commands, settings);
    }
  });

  it('ends on a far-end HANGUP from every reachable state, without hanging up itself', () => {
    for (const path of reachable.filter((p) => !isEnded(p.state))) {
      const events = [...eventsOf(path), { type: 'HANGUP' } as const];
      const before = driveFlow(machine, eventsOf(path), { settings, expectedDigit: EXPECTED });
      const run = driveFlow(machine, events, { settings, expectedDigit: EXPECTED });
      expect(run.done).toBe(true);
      expect(run.state).toBe('ended');
      expect(hangups(run.commands)).toEqual(hangups(before.commands));
    }
  });
});

describe('every state of every flow is reachable', () => {
  it.each(['naive', 'static-prompt', 'random-digit (wrongKeyRetries 2)'])('%s', (name) => {
    const { machine, settings } = CASES.find((c) => c.name === name)!;
    const reached = new Set(
      shortestPaths(machine, traversal(settings)).map((p) => String(p.state.value)),
    );
    expect([...reached].sort()).toEqual(Object.keys(machine.root.states).sort());
  });

  it('random-digit reaches reasking only with wrongKeyRetries above 0', () => {
    const reachesReasking = (wrongKeyRetries: number) =>
      shortestPaths(FLOWS['random-digit'], traversal({ ...SETTINGS, wrongKeyRetries })).some(
        (p) => p.state.value === 'reasking',
      );
    expect([0, 1, 2].map(reachesReasking)).toEqual([false, true, true]);
  });

  it('amd, over its onMachine × onNotSure policies', () => {
    const reached = new Set(
      AMD_POLICIES.flatMap((policy) =>
        shortestPaths(FLOWS.amd, traversal({ ...SETTINGS, ...policy })),
      ).map((p) => String(p.state.value)),
    );
    expect([...reached].sort()).toEqual(Object.keys(FLOWS.amd.root.states).sort());
  });

  it('amd reaches awaitingBeep only when it leaves the code for machines', () => {
    const reachesAwaitingBeep = (policy: (typeof AMD_POLICIES)[number]) =>
      shortestPaths(FLOWS.amd, traversal({ ...SETTINGS, ...policy })).some(
        (p) => p.state.value === 'awaitingBeep',
      );
    expect(AMD_POLICIES.map(reachesAwaitingBeep)).toEqual([false, false, true, true]);
  });
});

describe('what no path can do', () => {
  const pathsOf = (
    id: 'static-prompt' | 'random-digit' | 'amd',
    settings: Partial<FlowSettings> = {},
  ) =>
    simplePaths(FLOWS[id], { ...traversal({ ...SETTINGS, ...settings }), toState: isEnded }).map(
      (path) => {
        const events = eventsOf(path);
        return {
          events,
          commands: driveFlow(FLOWS[id], events, {
            settings: { ...SETTINGS, ...settings },
            expectedDigit: EXPECTED,
          }).commands,
        };
      },
    );

  it.each(['static-prompt', 'random-digit'] as const)(
    '%s never reads the code before the expected key arrives',
    (id) => {
      for (const { events, commands } of pathsOf(id)) {
        const keyAt = events.findIndex((e) => e.type === 'DTMF' && e.digit === EXPECTED);
        if (keyAt === -1) expect(readoutsPlayed(commands), describeEvents(events)).toBe(0);
        else
          expect(
            readoutsPlayed(commands) > 0 || events.slice(keyAt).some((e) => e.type === 'HANGUP'),
          ).toBe(true);
      }
    },
  );

  it('random-digit hangs up as wrong-digit on every path whose first key is wrong', () => {
    const paths = pathsOf('random-digit').filter(({ events }) => {
      const firstKey = events.find((e) => e.type === 'DTMF');
      return firstKey?.type === 'DTMF' && firstKey.digit === WRONG;
    });
    expect(paths.length).toBeGreaterThan(0);
    for (const { events, commands } of paths) {
      expect(readoutsPlayed(commands), describeEvents(events)).toBe(0);
      const endedByFarEnd = events[events.length - 1]!.type === 'HANGUP';
      if (!endedByFarEnd)
        expect(hangups(commands)).toEqual([{ command: 'hangup', reason: 'wrong-digit' }]);
    }
  });

  it.each([1, 2])(
    'random-digit with wrongKeyRetries %i hangs up as wrong-digit exactly when its first r + 1 keys are wrong, asking for the same key every time',
    (wrongKeyRetries) => {
      const paths = pathsOf('random-digit', { wrongKeyRetries });
      let hungUpOnKeys = 0;
      for (const { events, commands } of paths) {
        const keys = events.flatMap((e) => (e.type === 'DTMF' ? [e.digit] : []));
        const firstRight = keys.indexOf(EXPECTED);
        const wrongBeforeRight = firstRight === -1 ? keys.length : firstRight;
        const hangup = hangups(commands)[0];
        const wrongDigit = hangup?.command === 'hangup' && hangup.reason === 'wrong-digit';
        expect(wrongDigit, describeEvents(events)).toBe(wrongBeforeRight > wrongKeyRetries);
        if (wrongDigit) hungUpOnKeys++;
        // A re-ask for each wrong key before the last try, each for the same key.
        const prompts = commands.flatMap((c) =>
          c.command === 'play' && c.playback.kind === 'prompt' ? [c.playback] : [],
        );
        expect(prompts.filter((p) => p.reason === 'wrong-key').length).toBe(
          Math.min(wrongBeforeRight, wrongKeyRetries),
        );
        expect(prompts.filter((p) => p.digit !== EXPECTED)).toEqual([]);
      }
      expect(hungUpOnKeys).toBeGreaterThan(0);
    },
  );

  it('amd never reads the code after MACHINE when it hangs up on machines, nor after NOTSURE when it hangs up on those', () => {
    for (const { events, commands } of pathsOf('amd', {
      onMachine: 'hangup',
      onNotSure: 'hangup',
    })) {
      const verdict = events.find((e) => e.type === 'AMD_RESULT');
      if (verdict?.type === 'AMD_RESULT' && verdict.result.verdict !== 'HUMAN') {
        expect(readoutsPlayed(commands), describeEvents(events)).toBe(0);
      }
    }
  });

  it('amd with leave-code reads to a machine only once the beep has been heard', () => {
    let machinePathsThatRead = 0;
    for (const { events, commands } of pathsOf('amd', { onMachine: 'leave-code' })) {
      const verdictAt = events.findIndex((e) => e.type === 'AMD_RESULT');
      const verdict = events[verdictAt];
      if (
        verdict?.type === 'AMD_RESULT' &&
        verdict.result.verdict === 'MACHINE' &&
        readoutsPlayed(commands) > 0
      ) {
        machinePathsThatRead++;
        // The flow keeps no memory of a beep: only one after the verdict (when it asked) counts.
        expect(
          events.slice(verdictAt + 1).some((e) => e.type === 'BEEP'),
          describeEvents(events),
        ).toBe(true);
        const asked = commands.findIndex((c) => c.command === 'awaitBeep');
        const read = commands.findIndex((c) => c.command === 'play');
        expect(asked, describeEvents(events)).toBeGreaterThan(-1);
        expect(asked, describeEvents(events)).toBeLessThan(read);
      }
    }
    expect(machinePathsThatRead).toBeGreaterThan(0);
  });

  it.each(CASES)(
    '$name asks the line for the beep only when it leaves the code for a MACHINE',
    ({ name, machine, settings }) => {
      const paths = simplePaths(machine, { ...traversal(settings), toState: isEnded });
      for (const path of paths) {
        const events = eventsOf(path);
        const { commands } = driveFlow(machine, events, { settings, expectedDigit: EXPECTED });
        const verdict = events.find((e) => e.type === 'AMD_RESULT');
        const machineVerdict =
          verdict?.type === 'AMD_RESULT' && verdict.result.verdict === 'MACHINE';
        const shouldAsk =
          name.startsWith('amd') && settings.onMachine === 'leave-code' && machineVerdict;
        expect(asksForBeep(commands), describeEvents(events)).toBe(shouldAsk);
        expect(commands.filter((c) => c.command === 'awaitBeep').length).toBeLessThanOrEqual(1);
      }
    },
  );
});
