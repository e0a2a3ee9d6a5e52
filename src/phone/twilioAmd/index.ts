export { twilioAmdOnTimeline } from './twilioAmdOnTimeline.ts';
export {
  TWILIO_AMD_DEFAULTS,
  TWILIO_AMD_RANGES,
  assertTwilioAmdSettings,
  twilioAmdSettings,
} from './twilioAmdSettings.ts';
export type { TwilioAmdInput, TwilioAmdResult, TwilioAnsweredBy } from './twilioAmdOnTimeline.ts';
export type {
  MsRange,
  TwilioAmdMode,
  TwilioAmdSettings,
  TwilioAmdTimingName,
} from './twilioAmdSettings.ts';
