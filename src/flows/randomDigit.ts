import { flowContext, flowSetup, hangUpBecause } from './flowSetup.ts';

/**
 * "Press 7 to hear your code", with a fresh random key per call. The right key reads the code.
 * A wrong key hangs up, unless `wrongKeyRetries` re-asks for the SAME key are left: "That was
 * not the right key. Press 7 to hear your code." With none (the default) the first key decides,
 * so a recorded greeting that plays keys wins only when its first key is the one asked for;
 * with r re-asks, when the key is among the first r + 1 it plays. Every prompt and re-ask
 * listens from its start (barge-in), so a key during one cuts it short and is judged at once.
 * No input re-prompts once (same key), then ends; re-asks after wrong keys have their own
 * budget and do not use that re-prompt up, as in FreeSWITCH's IVR menus, which play an
 * `invalid-sound` on a wrong entry and count `max-failures` apart from `max-timeouts`
 * (https://developer.signalwire.com/freeswitch/applications/ivr-menus/).
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
          { guard: 'canReaskAfterWrongKey', target: 'reasking', actions: 'stopPlayback' },
          { target: 'ended', actions: ['stopPlayback', hangUpBecause('wrong-digit')] },
        ],
        PLAYBACK_DONE: 'awaitingInput',
      },
    },
    // A wrong key came: the prompt again for the same key, listening from its start too. A wrong
    // key here re-enters it (a fresh re-ask) while re-asks are left.
    reasking: {
      entry: ['countWrongKey', 'playWrongKeyPrompt'],
      on: {
        DTMF: [
          { guard: 'isExpectedDigit', target: 'reading', actions: 'stopPlayback' },
          {
            guard: 'canReaskAfterWrongKey',
            target: 'reasking',
            reenter: true,
            actions: 'stopPlayback',
          },
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
          { guard: 'canReaskAfterWrongKey', target: 'reasking' },
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
