import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/** Reads the code as soon as anything answers: person or voicemail alike. */
export const naiveFlow = flowSetup.createMachine({
  id: 'naive',
  context: flowContext,
  initial: 'ringing',
  on: { HANGUP: '.ended' },
  states: {
    ringing: {
      on: { ANSWERED: 'reading', NO_ANSWER: 'ended' },
    },
    // The code, readoutRepeats times in one message; then goodbye.
    reading: {
      entry: 'playReadouts',
      on: { PLAYBACK_DONE: { target: 'ended', actions: hangUpBecause('done') } },
    },
    ended: { type: 'final' },
  },
});
