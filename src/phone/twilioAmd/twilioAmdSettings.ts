/**
 * The settings of Twilio's answering machine detection on an outbound call (Calls API,
 * https://www.twilio.com/docs/voice/answering-machine-detection#optional-api-tuning-parameters),
 * in whole ms. The defaults and ranges below are the ones the scenario format offers.
 */
import type { Ms } from '../../core/units.ts';

/**
 * `MachineDetection`: `Enable` returns AnsweredBy as soon as the called party is identified;
 * `DetectMessageEnd` returns it at once for a human but, for a machine, "only once the end of the
 * greeting is reached, usually indicated by a beep"
 * (https://www.twilio.com/docs/voice/answering-machine-detection).
 */
export type TwilioAmdMode = 'Enable' | 'DetectMessageEnd';

export interface TwilioAmdSettings {
  readonly mode: TwilioAmdMode;
  /** `MachineDetectionTimeout` (the API takes seconds): no verdict by then gives `unknown`. */
  readonly timeoutMs: Ms;
  /** `MachineDetectionSpeechThreshold`: speech activity longer than this is a machine. */
  readonly speechThresholdMs: Ms;
  /** `MachineDetectionSpeechEndThreshold`: silence that ends a speech activity. */
  readonly speechEndThresholdMs: Ms;
  /** `MachineDetectionSilenceTimeout`: initial silence that gives `unknown`. */
  readonly silenceTimeoutMs: Ms;
}

/** The timing settings, each a whole number of ms in a closed range. */
export type TwilioAmdTimingName = Exclude<keyof TwilioAmdSettings, 'mode'>;

/** A documented range, both ends allowed. */
export interface MsRange {
  readonly minMs: Ms;
  readonly maxMs: Ms;
}

/**
 * Twilio's defaults. `MachineDetectionTimeout`: "The default timeout is 30 seconds"; the others:
 * "Default: 2400", "Default: 1200", "Default: 5000" (the Calls API's parameter descriptions in
 * twilio/twilio-oai, as the SDKs carry them, e.g. twilio/twilio-node
 * src/rest/api/v2010/account/call.ts).
 */
export const TWILIO_AMD_DEFAULTS: Readonly<Record<TwilioAmdTimingName, Ms>> = {
  timeoutMs: 30_000,
  speechThresholdMs: 2400,
  speechEndThresholdMs: 1200,
  silenceTimeoutMs: 5000,
};

/**
 * Twilio's ranges. The three thresholds: "Possible Values: 1000-6000", "500-5000", "2000-10000"
 * (the Calls API's descriptions, twilio/twilio-node src/rest/api/v2010/account/call.ts).
 * `MachineDetectionTimeout`: 3 to 59 seconds, from the tuning-parameter table of
 * https://www.twilio.com/docs/voice/answering-machine-detection#optional-api-tuning-parameters
 * (as mirrored in Vapi's API types, `@min 3 @max 59`, which quote that page; the Calls API's
 * description gives no range).
 */
export const TWILIO_AMD_RANGES: Readonly<Record<TwilioAmdTimingName, MsRange>> = {
  timeoutMs: { minMs: 3000, maxMs: 59_000 },
  speechThresholdMs: { minMs: 1000, maxMs: 6000 },
  speechEndThresholdMs: { minMs: 500, maxMs: 5000 },
  silenceTimeoutMs: { minMs: 2000, maxMs: 10_000 },
};

const TIMING_NAMES: readonly TwilioAmdTimingName[] = [
  'timeoutMs',
  'speechThresholdMs',
  'speechEndThresholdMs',
  'silenceTimeoutMs',
];

/** Settings with Twilio's defaults, `overrides` on top. */
export function twilioAmdSettings(
  mode: TwilioAmdMode,
  overrides: Partial<Record<TwilioAmdTimingName, Ms>> = {},
): TwilioAmdSettings {
  return { mode, ...TWILIO_AMD_DEFAULTS, ...overrides };
}

/** Throws a RangeError naming the first setting outside Twilio's values. */
export function assertTwilioAmdSettings(settings: TwilioAmdSettings): void {
  if (settings.mode !== 'Enable' && settings.mode !== 'DetectMessageEnd') {
    throw new RangeError(
      `Twilio AMD: mode is ${JSON.stringify(settings.mode)}; expected "Enable" or "DetectMessageEnd".`,
    );
  }
  for (const name of TIMING_NAMES) {
    const value = settings[name];
    const { minMs, maxMs } = TWILIO_AMD_RANGES[name];
    if (!Number.isInteger(value) || value < minMs || value > maxMs) {
      throw new RangeError(
        `Twilio AMD: ${name} is ${value}; expected a whole number of ms from ${minMs} to ${maxMs} (default ${TWILIO_AMD_DEFAULTS[name]}).`,
      );
    }
  }
}
