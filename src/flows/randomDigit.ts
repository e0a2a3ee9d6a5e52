import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/**
 * "Press 7 to hear your code", with a fresh random key per call. The FIRST key received decides:
 * right → read the code, wrong → hang up, so a recorded greeting that plays keys wins only when
 * its first key happens to be the one asked for. No input re-prompts once (same key), then ends.
 */
export const randomDigitFlow = flowSetup.createMachine({
  id: 'random-digit',
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
        DTMF: [
          { guard: 'isExpectedDigit', target: 'reading', actions: 'stopPlayback' },
          { target: 'ended', actions: ['stopPlayback', hangUpBecause('wrong-digit')] },
        ],
        PLAYBACK_DONE: 'awaitingInput',
      },
    },
    awaitingInput: {
      entry: 'startGatherTimer',
      exit: 'cancelTimer',
      on: {
        DTMF: [
          { guard: 'isExpectedDigit', target: 'reading' },
          { target: 'ended', actions: hangUpBecause('wrong-digit') },
        ],
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
