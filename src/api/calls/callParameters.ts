/**
 * The Calls API's create and update parameters (twilio/twilio-oai spec/json/twilio_api_v2010.json,
 * CreateCallRequest and UpdateCallRequest; the names and values as twilio-node sends them,
 * src/rest/api/v2010/account/call.ts), read from a form with Twilio's error codes
 * (https://www.twilio.com/docs/api/errors/<code>).
 */
import type { TwilioAmdMode, TwilioAmdTimingName } from '../../phone/twilioAmd/index.ts';
import { TWILIO_AMD_DEFAULTS, TWILIO_AMD_RANGES } from '../../phone/twilioAmd/index.ts';
import type { TwimlMethod } from '../../twiml/index.ts';
import { VerifyError } from '../verifyError.ts';

/** The call's progress events a status callback may ask for (StatusCallbackEvent). */
export type CallProgressEvent = 'initiated' | 'ringing' | 'answered' | 'completed';
const PROGRESS_EVENTS: readonly CallProgressEvent[] = [
  'initiated',
  'ringing',
  'answered',
  'completed',
];

/**
 * Twilio's error codes for the Calls API, each titled as on its page,
 * https://www.twilio.com/docs/api/errors/<code> (21211's message shape as in Twilio's
 * "debugging calls to the REST API" guide: "The 'To' number … is not a valid phone number.").
 */
export const CALL_ERRORS = {
  /** 21201 "No 'To' number specified". */
  toMissing: 21201,
  /** 21205 "Invalid URL": the URL to handle the call (also: neither Url nor Twiml given). */
  badUrl: 21205,
  /** 21208 "Invalid Timeout": "any positive, whole integer" (the spec caps it at 600). */
  badTimeout: 21208,
  /** 21209 "Invalid Method": Method "Possible values are GET and POST". */
  badMethod: 21209,
  /** 21211 "Invalid 'To' Phone Number". */
  badTo: 21211,
  /** 21212 "Invalid 'From' Phone Number" (not confirmed on Twilio's page: its title by analogy with 21211). */
  badFrom: 21212,
  /** 21213 "Caller phone number is required": the 'From' parameter. */
  fromMissing: 21213,
  /**
   * 21220 "Invalid call state": "a realtime operation on a Call that was not in-progress. Calls
   * that have completed cannot be recorded or redirected."
   */
  badCallState: 21220,
  /** "Page size too large … The maximum page size is 1000" (https://www.twilio.com/docs/api/errors/20007). */
  pageSizeTooLarge: 20007,
  /** "Invalid PageToken" (https://www.twilio.com/docs/api/errors/21481). */
  badPageToken: 21481,
  /** "Invalid URL format": a callback URL (https://www.twilio.com/docs/api/errors/11100). */
  badCallbackUrl: 11100,
  /**
   * "Bad request": a value of a wrong type or format (https://www.twilio.com/docs/api/errors/70002);
   * Twilio names no more specific code for the other parameters.
   */
  badRequest: 70002,
} as const;

/** The Calls API's limit for `Twiml` ("Max 4000 characters", CreateCallRequest's description). */
export const MAX_TWIML_CHARS = 4000;

/** E.164: a plus, a non-zero country digit, at most 15 digits in all (ITU-T E.164). */
const E164 = /^\+[1-9]\d{1,14}$/;

export interface CallAmd {
  readonly mode: TwilioAmdMode;
  readonly timings: Readonly<Record<TwilioAmdTimingName, number>>;
  readonly async: boolean;
  readonly asyncCallback: { readonly url: string; readonly method: TwimlMethod } | null;
}

/** What the call runs: a URL of the app's, or an inline document. */
export type CallInstructions =
  | { readonly kind: 'url'; readonly url: string; readonly method: TwimlMethod }
  | { readonly kind: 'twiml'; readonly twiml: string };

export interface CreateCallInput {
  readonly to: string;
  readonly from: string;
  readonly instructions: CallInstructions;
  readonly statusCallback: {
    readonly url: string;
    readonly method: TwimlMethod;
    readonly events: readonly CallProgressEvent[];
  } | null;
  readonly timeoutSeconds: number;
  readonly amd: CallAmd | null;
  readonly sendDigits: string;
}

export type UpdateCallInput =
  | { readonly kind: 'instructions'; readonly instructions: CallInstructions }
  | { readonly kind: 'status'; readonly status: 'completed' | 'canceled' };

function error(code: number, message: string): VerifyError {
  return new VerifyError(400, code, message);
}

/** The first value of each name; the helper libraries send StatusCallbackEvent once per event. */
export function readCreateCall(form: URLSearchParams): CreateCallInput {
  const to = form.get('To');
  if (to === null || to === '') throw error(CALL_ERRORS.toMissing, "No 'To' number is specified");
  if (!E164.test(to)) {
    throw error(
      CALL_ERRORS.badTo,
      `Invalid 'To' Phone Number: ${to} (the simulator calls E.164 numbers)`,
    );
  }
  const from = form.get('From');
  if (from === null || from === '') {
    throw error(CALL_ERRORS.fromMissing, "No 'From' number is specified");
  }
  if (!E164.test(from)) throw error(CALL_ERRORS.badFrom, `Invalid 'From' Phone Number: ${from}`);
  return {
    to,
    from,
    instructions: readInstructions(form, true)!,
    statusCallback: readStatusCallback(form),
    timeoutSeconds: readTimeout(form.get('Timeout')),
    amd: form.get('SendDigits') !== null ? null : readAmd(form),
    sendDigits: readSendDigits(form.get('SendDigits')),
  };
}

/** An update: new instructions (Url or Twiml) or a new Status, one of the two. */
export function readUpdateCall(form: URLSearchParams): UpdateCallInput {
  const status = form.get('Status');
  // UpdateCallRequest: "Twiml and url parameters are mutually exclusive".
  if (form.get('Url') !== null && form.get('Twiml') !== null) {
    throw error(CALL_ERRORS.badUrl, 'Pass one of Url and Twiml, not both');
  }
  const instructions = readInstructions(form, false);
  if (status !== null) {
    if (status !== 'completed' && status !== 'canceled') {
      throw error(CALL_ERRORS.badRequest, `Status: use completed or canceled, not "${status}"`);
    }
    return { kind: 'status', status };
  }
  if (instructions === null) {
    throw error(CALL_ERRORS.badUrl, 'Pass Url or Twiml (new instructions) or Status');
  }
  return { kind: 'instructions', instructions };
}

function readInstructions(form: URLSearchParams, required: boolean): CallInstructions | null {
  const url = form.get('Url');
  const twiml = form.get('Twiml');
  // "If both `twiml` and `url` are provided then `twiml` parameter will be ignored."
  if (twiml !== null && url === null) {
    if (twiml.length === 0 || twiml.length > MAX_TWIML_CHARS) {
      throw error(CALL_ERRORS.badRequest, `Twiml: 1 to ${MAX_TWIML_CHARS} characters`);
    }
    return { kind: 'twiml', twiml };
  }
  if (url === null) {
    if (required) throw error(CALL_ERRORS.badUrl, 'Url is required (or Twiml)');
    return null;
  }
  if (!isHttpUrl(url)) throw error(CALL_ERRORS.badUrl, `Url is not a valid URL: ${url}`);
  return { kind: 'url', url, method: readMethod(form, 'Method') };
}

function readStatusCallback(form: URLSearchParams): CreateCallInput['statusCallback'] {
  const url = form.get('StatusCallback');
  if (url === null) return null;
  if (!isHttpUrl(url)) {
    throw error(CALL_ERRORS.badCallbackUrl, `StatusCallback is not a valid URL: ${url}`);
  }
  const events = form.getAll('StatusCallbackEvent').flatMap((value) => value.split(/[\s,]+/));
  for (const event of events) {
    if (!(PROGRESS_EVENTS as readonly string[]).includes(event)) {
      throw error(
        CALL_ERRORS.badRequest,
        `StatusCallbackEvent: use ${PROGRESS_EVENTS.join(', ')}; found "${event}"`,
      );
    }
  }
  // With no StatusCallbackEvent, Twilio sends `completed` only (the Call resource's
  // StatusCallbackEvent description: "If no event is specified, we send the completed status").
  const chosen = events.length === 0 ? ['completed'] : events;
  return {
    url,
    method: readMethod(form, 'StatusCallbackMethod'),
    events: PROGRESS_EVENTS.filter((event) => chosen.includes(event)),
  };
}

/**
 * Timeout: "The integer number of seconds that we should allow the phone to ring before assuming
 * there is no answer. The default is `60` seconds and the maximum is `600` seconds."
 */
function readTimeout(value: string | null): number {
  if (value === null) return 60;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw error(
      CALL_ERRORS.badTimeout,
      `Timeout: a whole number of seconds, 1 or more; found "${value}"`,
    );
  }
  return Math.min(Number(value), 600);
}

/** SendDigits: "digits, `*`, `#` and `w`" (a half-second wait), at most 32 characters. */
function readSendDigits(value: string | null): string {
  if (value === null) return '';
  if (!/^[0-9*#w]{1,32}$/.test(value)) {
    throw error(CALL_ERRORS.badRequest, `SendDigits: 1 to 32 of 0-9, *, # and w; found "${value}"`);
  }
  return value;
}

function readAmd(form: URLSearchParams): CallAmd | null {
  const mode = form.get('MachineDetection');
  if (mode === null || mode === 'none') return null;
  if (mode !== 'Enable' && mode !== 'DetectMessageEnd') {
    throw error(
      CALL_ERRORS.badRequest,
      `MachineDetection: use Enable or DetectMessageEnd; found "${mode}"`,
    );
  }
  const asyncValue = form.get('AsyncAmd') ?? 'false';
  if (asyncValue !== 'true' && asyncValue !== 'false') {
    throw error(CALL_ERRORS.badRequest, `AsyncAmd: use true or false; found "${asyncValue}"`);
  }
  const callbackUrl = form.get('AsyncAmdStatusCallback');
  if (callbackUrl !== null && !isHttpUrl(callbackUrl)) {
    throw error(
      CALL_ERRORS.badCallbackUrl,
      `AsyncAmdStatusCallback is not a valid URL: ${callbackUrl}`,
    );
  }
  return {
    mode,
    timings: {
      timeoutMs: readAmdTiming(form, 'MachineDetectionTimeout', 'timeoutMs', 1000),
      speechThresholdMs: readAmdTiming(
        form,
        'MachineDetectionSpeechThreshold',
        'speechThresholdMs',
        1,
      ),
      speechEndThresholdMs: readAmdTiming(
        form,
        'MachineDetectionSpeechEndThreshold',
        'speechEndThresholdMs',
        1,
      ),
      silenceTimeoutMs: readAmdTiming(
        form,
        'MachineDetectionSilenceTimeout',
        'silenceTimeoutMs',
        1,
      ),
    },
    async: asyncValue === 'true',
    asyncCallback:
      callbackUrl === null
        ? null
        : { url: callbackUrl, method: readMethod(form, 'AsyncAmdStatusCallbackMethod') },
  };
}

/** A timing within Twilio's range (phone/twilioAmd/twilioAmdSettings.ts); `unitMs` per unit sent. */
function readAmdTiming(
  form: URLSearchParams,
  name: string,
  timing: TwilioAmdTimingName,
  unitMs: number,
): number {
  const value = form.get(name);
  if (value === null) return TWILIO_AMD_DEFAULTS[timing];
  const { minMs, maxMs } = TWILIO_AMD_RANGES[timing];
  const ms = Number(value) * unitMs;
  if (!/^\d+$/.test(value) || ms < minMs || ms > maxMs) {
    throw error(
      CALL_ERRORS.badRequest,
      `${name}: a whole number from ${minMs / unitMs} to ${maxMs / unitMs}; found "${value}"`,
    );
  }
  return ms;
}

function readMethod(form: URLSearchParams, name: string): TwimlMethod {
  const value = form.get(name) ?? 'POST';
  if (value !== 'GET' && value !== 'POST') {
    const code = name === 'Method' ? CALL_ERRORS.badMethod : CALL_ERRORS.badRequest;
    throw error(code, `${name}: use GET or POST; found "${value}"`);
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
