export { voicemailCompromise } from './voicemailCompromise.ts';
export { COMMON_PINS, COMMON_PIN_LENGTH } from './commonPins.ts';
export type { VoicemailCompromise, GuessLimit } from './voicemailCompromise.ts';
export type { CommonPin } from './commonPins.ts';
