import { createActor } from 'xstate';
import type {
  BuiltInFlowEvent,
  CallPort,
  FlowInput,
  FlowMachine,
  FlowSettings,
  HangupReason,
  Playback,
  PromptReason,
} from '../index.ts';

/** One command a call flow gave the line, in the order given. */
export type PortCommand =
  | { readonly command: 'play'; readonly playback: Playback }
  | { readonly command: 'stopPlayback' }
  | { readonly command: 'startTimer'; readonly ms: number }
  | { readonly command: 'cancelTimer' }
  | { readonly command: 'startAmd' }
  | { readonly command: 'awaitBeep' }
  | { readonly command: 'hangup'; readonly reason: HangupReason };

/** A CallPort that does nothing but remember what the flow asked of the line. */
export interface RecordingPort extends CallPort {
  readonly commands: PortCommand[];
}

export function recordingPort(): RecordingPort {
  const commands: PortCommand[] = [];
  return {
    commands,
    play: (playback) => commands.push({ command: 'play', playback }),
    stopPlayback: () => commands.push({ command: 'stopPlayback' }),
    startTimer: (ms) => commands.push({ command: 'startTimer', ms }),
    cancelTimer: () => commands.push({ command: 'cancelTimer' }),
    startAmd: () => commands.push({ command: 'startAmd' }),
    awaitBeep: () => commands.push({ command: 'awaitBeep' }),
    hangup: (reason) => commands.push({ command: 'hangup', reason }),
    nowMs: () => 0,
    startTwilioAmd: () => {
      throw new Error('The built-in flows never start Twilio-style AMD.');
    },
    fetchTwiml: () => {
      throw new Error('The built-in flows fetch no TwiML.');
    },
    enteredState: () => {},
  };
}

/** Flow settings as compileScenario makes them from the scenario defaults. */
export function flowSettings(overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    readoutRepeats: 3,
    gatherTimeoutMs: 5000,
    maxPrompts: 2,
    wrongKeyRetries: 0,
    onMachine: 'hangup',
    onNotSure: 'human',
    ...overrides,
  };
}

export function flowInput(
  port: CallPort,
  overrides: Partial<FlowSettings> = {},
  expectedDigit = '1',
): FlowInput {
  return { port, settings: flowSettings(overrides), expectedDigit };
}

/** Runs a flow through `events` against a recording port; returns where it stopped and what it commanded. */
export function driveFlow(
  machine: FlowMachine,
  events: readonly BuiltInFlowEvent[],
  options: { settings?: Partial<FlowSettings>; expectedDigit?: string } = {},
) {
  const port = recordingPort();
  const actor = createActor(machine, {
    input: flowInput(port, options.settings, options.expectedDigit),
  });
  actor.start();
  // As the line does: once the flow has ended, later events have nobody to go to.
  for (const event of events) if (actor.getSnapshot().status === 'active') actor.send(event);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return {
    snapshot,
    state: snapshot.value as string,
    done: snapshot.status === 'done',
    commands: port.commands,
  };
}

/** Shorthand for the commands a test expects. */
export const cmd = {
  /** A prompt for `digit`: the first, or again after no input or after a wrong key. */
  prompt: (digit: string, reason: PromptReason = 'first'): PortCommand => ({
    command: 'play',
    playback: { kind: 'prompt', digit, reason },
  }),
  /** One playback that says the code `repeats` times (3, the scenario default, in flowSettings). */
  readout: (repeats: number): PortCommand => ({
    command: 'play',
    playback: { kind: 'readout', repeats },
  }),
  stopPlayback: { command: 'stopPlayback' } as PortCommand,
  startTimer: (ms: number): PortCommand => ({ command: 'startTimer', ms }),
  cancelTimer: { command: 'cancelTimer' } as PortCommand,
  startAmd: { command: 'startAmd' } as PortCommand,
  awaitBeep: { command: 'awaitBeep' } as PortCommand,
  hangup: (reason: HangupReason): PortCommand => ({ command: 'hangup', reason }),
};
