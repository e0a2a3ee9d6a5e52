import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/**
 * "Press 1 to hear your code": a fixed key. Other keys are ignored while the gather listens; no
 * input re-prompts once, then the call ends. A greeting that plays the key's tone passes it.
 */
export const staticPromptFlow = flowSetup.createMachine({
  id: 'static-prompt',
  context: flowContext,
  initial: 'ringing',
  on: { HANGUP: '.ended' },
  states: {
    ringing: {
      on: { ANSWERED: 'prompting', NO_ANSWER: 'ended' },
    },
    // The gather listens from the start of the prompt (barge-in).
    prompting: {
      entry: ['countPrompt', 'playPrompt'],
      on: {
        DTMF: { guard: 'isExpectedDigit', target: 'reading', actions: 'stopPlayback' },
        PLAYBACK_DONE: 'awaitingInput',
      },
    },
    awaitingInput: {
      entry: 'startGatherTimer',
      exit: 'cancelTimer',
      on: {
        DTMF: { guard: 'isExpectedDigit', target: 'reading' },
        TIMEOUT: [
          { guard: 'canReprompt', target: 'prompting' },
          { target: 'ended', actions: hangUpBecause('no-input') },
        ],
      },
    },
    // The code, readoutRepeats times in one message; then goodbye.
    reading: {
      entry: 'playReadouts',
      on: { PLAYBACK_DONE: { target: 'ended', actions: hangUpBecause('done') } },
    },
    ended: { type: 'final' },
  },
});
