import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/** Reads the code as soon as anything answers: person or voicemail alike. */
export const naiveFlow = flowSetup.createMachine({
  id: 'naive',
  context: flowContext,
  initial: 'ringing',
  on: { HANGUP: '.ended', BEEP: { actions: 'rememberBeep' } },
  states: {
    ringing: {
      on: { ANSWERED: 'reading', NO_ANSWER: 'ended' },
    },
    reading: {
      entry: ['countReadout', 'playReadout'],
      on: {
        PLAYBACK_DONE: [
          { guard: 'moreReadoutsDue', target: 'reading', reenter: true },
          { target: 'ended', actions: hangUpBecause('done') },
        ],
      },
    },
    ended: { type: 'final' },
  },
});
