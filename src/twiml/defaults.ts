/**
 * Twilio's documented defaults and limits for the verbs the simulator runs, and the parser's own
 * bounds. Each fact names its page in the TwiML reference.
 */

/**
 * What `loop="0"` means for `<Play>` and `<Say>`: "loop until either the call is hung up or 1000
 * iterations are performed" (https://www.twilio.com/docs/voice/twiml/play#attributes-loop).
 * The `<Say>` page says only "until the call is hung up"
 * (https://www.twilio.com/docs/voice/twiml/say); the simulator takes Play's documented cap for
 * both, so a `loop="0"` prompt ends.
 */
export const LOOP_ZERO_CAP = 1000;

/**
 * Twilio refuses a TwiML response body "larger than 64 kB" (error 11750,
 * https://www.twilio.com/docs/api/errors/11750); read here as 64 × 1024 bytes of UTF-8. Larger
 * documents are refused before they are parsed, which also bounds the parser's work.
 */
export const MAX_TWIML_BYTES = 64 * 1024;

/** How many issues one document reports; a generated document may hold thousands. */
export const MAX_TWIML_ISSUES = 50;

/**
 * The deepest element TwiML has: `<Response>` › `<Gather>` › `<Say>` (Gather holds Say, Play and
 * Pause; https://www.twilio.com/docs/voice/twiml/gather). An element one level deeper is always
 * an issue (it is reported); nothing below that is read.
 */
export const MAX_TWIML_DEPTH = 3;

/**
 * The longest `<Record maxLength>`: "less than or equal to 14400 (4 hours) or 86400 (24 hours)
 * … depends on your account's maximum call duration settings"
 * (https://www.twilio.com/docs/voice/twiml/record). The simulator has no account, so it allows
 * the larger.
 */
export const RECORD_MAX_LENGTH_LIMIT = 86_400;

/**
 * Each attribute's value when it is absent, as the TwiML reference gives it:
 * - Say: loop 1 (https://www.twilio.com/docs/voice/twiml/say).
 * - Play: loop 1 (https://www.twilio.com/docs/voice/twiml/play).
 * - Pause: length 1 second (https://www.twilio.com/docs/voice/twiml/pause).
 * - Gather: input dtmf, action the current document, method POST, timeout 5 seconds,
 *   finishOnKey `#`, numDigits unlimited, actionOnEmptyResult false
 *   (https://www.twilio.com/docs/voice/twiml/gather).
 * - Redirect: method POST (https://www.twilio.com/docs/voice/twiml/redirect).
 * - Reject: reason rejected (https://www.twilio.com/docs/voice/twiml/reject).
 * - Record: action the current document, method POST, timeout 5, finishOnKey `1234567890*#`,
 *   maxLength 3600 (1 hour), playBeep true (https://www.twilio.com/docs/voice/twiml/record).
 */
export const TWIML_DEFAULTS = {
  say: { loop: 1 },
  play: { loop: 1 },
  pause: { lengthSeconds: 1 },
  gather: {
    input: 'dtmf',
    action: null,
    method: 'POST',
    timeoutSeconds: 5,
    finishOnKey: '#',
    numDigits: null,
    actionOnEmptyResult: false,
  },
  redirect: { method: 'POST' },
  reject: { reason: 'rejected' },
  record: {
    action: null,
    method: 'POST',
    timeoutSeconds: 5,
    finishOnKey: '1234567890*#',
    maxLengthSeconds: 3600,
    playBeep: true,
  },
} as const;
