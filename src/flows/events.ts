import type { Ms } from '../core/units.ts';
import type { AmdResult } from '../phone/amd/index.ts';

/** Events the line delivers to a call flow, at simulated times. */
export type CallEvent =
  | { type: 'ANSWERED' }
  | { type: 'NO_ANSWER' }
  | { type: 'DTMF'; digit: string }
  | { type: 'PLAYBACK_DONE' }
  | { type: 'TIMEOUT' }
  | { type: 'AMD_RESULT'; result: AmdResult }
  | { type: 'BEEP' }
  | { type: 'HANGUP' };

/** What the service is playing into the call. */
/**
 * A prompt asks for one key; a readout says the code `repeats` times in one message (as Somleng
 * and TwiML's <Say loop="3"> do), and the line reports PLAYBACK_DONE once, after the last one.
 */
export type Playback = { kind: 'prompt'; digit: string } | { kind: 'readout'; repeats: number };

/** Why the service ended the call. */
export type HangupReason = 'done' | 'wrong-digit' | 'no-input' | 'machine-detected' | 'not-sure';

/**
 * The flow's handle on the media layer. The flow decides; the line carries out and reports back
 * with events (PLAYBACK_DONE, TIMEOUT, AMD_RESULT), so flow logic never touches time itself.
 */
export interface CallPort {
  play(playback: Playback): void;
  stopPlayback(): void;
  startTimer(ms: Ms): void;
  cancelTimer(): void;
  startAmd(): void;
  /** Ask the line for BEEP when the voicemail beep has been heard (at once if it already was). */
  awaitBeep(): void;
  hangup(reason: HangupReason): void;
}

/** Settings every flow reads, in engine units (ms). */
export interface FlowSettings {
  readoutRepeats: number;
  gatherTimeoutMs: Ms;
  /** Prompts before giving up on no input (1 prompt + 1 re-prompt). */
  maxPrompts: number;
  onMachine: 'hangup' | 'leave-code';
  onNotSure: 'human' | 'hangup';
}

export interface FlowInput {
  port: CallPort;
  settings: FlowSettings;
  /** The key the caller must press first (static-prompt: fixed; random-digit: drawn per call; none for naive and amd). */
  expectedDigit: string | null;
}

export interface FlowContext extends FlowInput {
  promptsPlayed: number;
}

export function initialContext(input: FlowInput): FlowContext {
  return {
    ...input,
    promptsPlayed: 0,
  };
}
