import { and } from 'xstate';
import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/**
 * Answering-machine detection first (the line runs Asterisk app_amd on what the answerer sends);
 * the code is read only to a HUMAN, or to NOTSURE when `amd.onNotSure` is "human". On MACHINE
 * the flow hangs up, or with `amd.onMachine: "leave-code"` waits for the beep and leaves the code.
 * While detection runs the caller hears silence.
 */
export const amdFlow = flowSetup.createMachine({
  id: 'amd',
  context: flowContext,
  initial: 'ringing',
  on: { HANGUP: '.ended' },
  states: {
    ringing: {
      on: { ANSWERED: 'detecting', NO_ANSWER: 'ended' },
    },
    detecting: {
      entry: 'startAmd',
      on: {
        AMD_RESULT: [
          { guard: 'isHuman', target: 'reading' },
          { guard: and(['isMachine', 'leavesCodeForMachines']), target: 'awaitingBeep' },
          { guard: 'isMachine', target: 'ended', actions: hangUpBecause('machine-detected') },
          { guard: 'treatsNotSureAsHuman', target: 'reading' },
          { target: 'ended', actions: hangUpBecause('not-sure') },
        ],
      },
    },
    awaitingBeep: {
      entry: 'awaitBeep',
      on: { BEEP: 'reading' },
    },
    // The code, readoutRepeats times in one message; then goodbye.
    reading: {
      entry: 'playReadouts',
      on: { PLAYBACK_DONE: { target: 'ended', actions: hangUpBecause('done') } },
    },
    ended: { type: 'final' },
  },
});
