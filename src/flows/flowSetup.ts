import { assign, setup } from 'xstate';
import type { BuiltInFlowEvent, FlowContext, FlowInput, HangupReason } from './events.ts';
import { initialContext } from './events.ts';

/**
 * The named guards and actions all four call flows share. Actions are commands to the line
 * (CallPort); timing and media stay outside the machines.
 */
export const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as BuiltInFlowEvent,
    input: {} as FlowInput,
  },
  guards: {
    isExpectedDigit: ({ context, event }) =>
      event.type === 'DTMF' && event.digit === context.expectedDigit,
    canReprompt: ({ context }) => context.promptsPlayed < context.settings.maxPrompts,
    canReaskAfterWrongKey: ({ context }) => context.wrongKeys < context.settings.wrongKeyRetries,
    isHuman: ({ event }) => event.type === 'AMD_RESULT' && event.result.verdict === 'HUMAN',
    isMachine: ({ event }) => event.type === 'AMD_RESULT' && event.result.verdict === 'MACHINE',
    leavesCodeForMachines: ({ context }) => context.settings.onMachine === 'leave-code',
    treatsNotSureAsHuman: ({ context }) => context.settings.onNotSure === 'human',
  },
  actions: {
    // After countPrompt: the first prompt, or a re-prompt because no key came.
    playPrompt: ({ context }) =>
      context.port.play({
        kind: 'prompt',
        digit: promptedDigit(context),
        reason: context.promptsPlayed > 1 ? 'no-input' : 'first',
      }),
    countPrompt: assign({ promptsPlayed: ({ context }) => context.promptsPlayed + 1 }),
    playWrongKeyPrompt: ({ context }) =>
      context.port.play({ kind: 'prompt', digit: promptedDigit(context), reason: 'wrong-key' }),
    countWrongKey: assign({ wrongKeys: ({ context }) => context.wrongKeys + 1 }),
    playReadouts: ({ context }) =>
      context.port.play({ kind: 'readout', repeats: context.settings.readoutRepeats }),
    stopPlayback: ({ context }) => context.port.stopPlayback(),
    startGatherTimer: ({ context }) => context.port.startTimer(context.settings.gatherTimeoutMs),
    cancelTimer: ({ context }) => context.port.cancelTimer(),
    startAmd: ({ context }) => context.port.startAmd(),
    awaitBeep: ({ context }) => context.port.awaitBeep(),
    hangUp: ({ context }, params: { reason: HangupReason }) => context.port.hangup(params.reason),
  },
});

function promptedDigit(context: FlowContext): string {
  if (context.expectedDigit === null)
    throw new Error('A flow that prompts for a key needs an expectedDigit.');
  return context.expectedDigit;
}

export const flowContext = ({ input }: { input: FlowInput }): FlowContext => initialContext(input);

export const hangUpBecause = (reason: HangupReason) =>
  ({ type: 'hangUp', params: { reason } }) as const;
