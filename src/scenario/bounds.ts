/**
 * The bounds of the scenario format's fields, each with its reason. schema.ts writes them into
 * the format (so `sim validate`, the app's editor and form, and the control plane's phone setup
 * refuse the same values with the same words), and the engine's own guards (otp's
 * validateIssueInput, app_amd's detector) check the same numbers as defence. README: Bounds
 * lists them. Whole-greeting bounds are in greetingBounds.ts, the size of a run in runBounds.ts.
 */
import { MAX_TWIML_BYTES } from '../twiml/index.ts';

// ---- Durations (seconds) ----------------------------------------------------------------

/**
 * Ringing: the ring timeout, the person's answer delay and the voicemail box's pickup. Twilio's
 * Calls API lets a phone ring at most 600 s (`Timeout`, "the maximum is 600 seconds": Twilio's
 * OpenAPI spec twilio/twilio-oai, spec/json/twilio_api_v2010.json); an answer after the ring
 * timeout never happens.
 */
export const MAX_RING_SECONDS = 600;

/**
 * One step of a call: a prompt, a readout, a gather's wait after its prompt, the beep, and the
 * person's pause before their hello, the hello, their reaction to a prompt and their patience
 * with dead air. Each lasts seconds (README: The model: defaults of 0.3 to 5 s); a minute is 12
 * times the longest default, and a readout of a 10-digit code said slowly takes about 10 s.
 * It also keeps a call a person answers, and so `sim trial --wav` and the Replay view's sound
 * of it, short: ring (600 s) + 2 prompts and gathers + AMD (60 s) + 10 readouts is 25 minutes,
 * and random-digit's 9 re-asks after wrong keys (MAX_WRONG_KEY_RETRIES) add 18 more (a call
 * the box answers is bounded by its greeting's hour and its recording's hour).
 */
export const MAX_CALL_STEP_SECONDS = 60;

/**
 * The voicemail box's recording limit and the owner's time to type the code. A TwiML
 * `<Record>` records at most `maxLength`, one hour by default (Twilio's TwiML reference for
 * Record); the owner types within the code's life, 10 minutes by default (Verify; NIST SP
 * 800-63B §5.1.3.2).
 */
export const MAX_HOUR_SECONDS = 3600;

/**
 * After the call: the attacker's retrieval of the recording and the spacing of campaign calls,
 * and a ttl code's life. A voicemail may be read the next morning, but no code outlives a day
 * here (a code lives 10 minutes by NIST SP 800-63B §5.1.3.2 and Verify's default), so a later
 * retrieval can never succeed. 100 campaign calls a day apart still keep every trial within
 * 101 days.
 */
export const MAX_DAY_SECONDS = 86_400;

/**
 * How long the person holds a key at the signal level: a tone on the line is rendered and
 * decoded per press, so its length costs time and memory on every call. ITU-T Q.24 receivers
 * need 40 ms; people press for 0.1 to 0.3 s. Ten seconds is a greeting tone's limit too
 * (`toneMs` ≤ 10000).
 */
export const MAX_KEY_TONE_SECONDS = 10;

/** A greeting DTMF segment's tone and gap, in ms (the same ten seconds). */
export const MAX_TONE_MS = 10_000;

/**
 * A lognormal's sigma: 2 already spans a factor of 50 either side of its median (95% of draws,
 * e^(1.96 × 2)); people's reaction and answer times spread by sigma 0.3 to 0.5 (README: The
 * model).
 */
export const MAX_LOGNORMAL_SIGMA = 2;

// ---- Time of the trials -----------------------------------------------------------------

/**
 * Latest start: 9999-12-31T23:59:59Z, the last second with a four-digit year (RFC 3339 §5.6;
 * `Date.prototype.toISOString` writes it plainly). Every trial's time then stays far inside
 * what a JavaScript Date holds (±8.64 × 10^15 ms, ECMA-262 §21.4.1.1) and every TOTP counter
 * far below otplib's limit (MAX_COUNTER, 2^53 − 1).
 */
export const MAX_START_EPOCH_SECONDS = 253_402_300_799;

/**
 * Spread of the trials' start times: a year (366 days) puts trials at every phase of every
 * TOTP step (a step is at most an hour), hour of the day and day of the week. The control
 * plane's clock moves at most as far at once (README: Malformed input).
 */
export const MAX_START_SPREAD_SECONDS = 366 * 86_400;

// ---- The code ---------------------------------------------------------------------------

/** A ttl code's digits: Verify's `CodeLength` is 4 to 10. */
export const TTL_CODE_DIGITS = { min: 4, max: 10 } as const;
/**
 * A TOTP code's digits: RFC 4226 §5.3 extracts at least 6 digits, possibly 7 and 8 (RFC 6238
 * §4.2 defines TOTP as that HOTP of the time step).
 */
export const TOTP_CODE_DIGITS = { min: 6, max: 8 } as const;
/**
 * A TOTP time step: otplib refuses a period outside 1 to 3600 s (its MIN_PERIOD and MAX_PERIOD
 * guardrails); RFC 6238 §5.2 recommends 30 s.
 */
export const TOTP_PERIOD_SECONDS = { min: 1, max: 3600 } as const;
/**
 * Steps accepted either side: RFC 6238 §5.2 recommends at most one step of delay; otplib
 * checks at most 99 steps (MAX_WINDOW), 49 either side. Ten either side is 21 HMACs per
 * check, far inside both.
 */
export const MAX_TOTP_WINDOW = 10;

// ---- Counts -----------------------------------------------------------------------------

/** Readouts per call (Somleng reads the code 3 times; ten readouts are minutes of speech). */
export const MAX_READOUT_REPEATS = 10;
/**
 * random-digit's re-asks after a wrong key (`service.wrongKeyRetries`). It asks for one of at
 * most ten digits (`promptDigits`), so 9 re-asks already let a caller try every one of them:
 * the flow is then no better than a fixed key against a greeting that plays them all, and more
 * re-asks only add time. Each re-ask is one more prompt and gather (2 minutes at most) in a
 * call a person answers (MAX_CALL_STEP_SECONDS).
 */
export const MAX_WRONG_KEY_RETRIES = 9;
/**
 * Calls in an attacker's campaign. Every call of every campaign is simulated, so this
 * multiplies a run's cost (runBounds.ts); 100 calls at the Verify limit of 5 sends in 10
 * minutes already take 3 hours 20 minutes.
 */
export const MAX_ATTACKER_ATTEMPTS = 100;
/** Sends in 10 minutes (Verify: 5, error 60203): more than a campaign's calls never binds. */
export const MAX_SENDS_PER_10_MINUTES = MAX_ATTACKER_ATTEMPTS;
/**
 * Checks per verification (Verify: 5, error 60202). NIST SP 800-63B §5.2.2 allows at most 100
 * consecutive failed attempts on one account.
 */
export const MAX_CHECK_ATTEMPTS = 100;
/**
 * PIN guesses (the attacker's budget, the box's lockout and its guesses per call): never more
 * than there are PINs, 10^10 for the longest (10 digits). The compromise rate is a closed
 * form, so the number costs nothing, but the engine refuses one past 2^53.
 */
export const MAX_PIN_GUESSES = 10 ** 10;
/** Trials of each kind per strategy (trialLimits.ts; a run's total is bounded by runBounds.ts). */
export { MAX_TRIALS } from './trialLimits.ts';

// ---- app_amd ------------------------------------------------------------------------------

/**
 * app_amd's total analysis time. app_amd (Asterisk apps/app_amd.c) reads each parameter with
 * atoi into an int, so it takes any value; Twilio's AMD gives up after 3 to 59 s
 * (`MachineDetectionTimeout`, Twilio's Answering Machine Detection docs). app_amd analyses the start of a call, and no carrier greeting
 * needs a minute to be told from a person, so a minute is the limit: detection then looks at
 * most at 3000 frames of 20 ms, on every call that runs it. (Unbounded, a silent greeting with
 * a total near 2^53 ms made compiling a scenario walk 4.5 × 10^14 frames.)
 */
export const MAX_AMD_ANALYSIS_MS = 60_000;
/**
 * app_amd's other timings (initial silence, greeting, after-greeting silence, word lengths,
 * silence between words). None can take effect after the total analysis time (app_amd answers
 * NOTSURE first), so none needs more than a minute. Twilio's ranges fit within it:
 * `MachineDetectionSilenceTimeout` 2000–10000 ms, `MachineDetectionSpeechThreshold` 1000–6000 ms,
 * `MachineDetectionSpeechEndThreshold` 500–5000 ms (twilio/twilio-oai,
 * spec/json/twilio_api_v2010.json); amd.conf.sample's defaults are 50 to 5000 ms.
 */
export const MAX_AMD_TIMING_MS = MAX_AMD_ANALYSIS_MS;
/**
 * app_amd's word limit: a word is at least one voiced 20 ms frame after at least one silent
 * one, so a minute holds at most 1500 words; a larger limit can never be reached
 * (amd.conf.sample: 2, 3 in older releases).
 */
export const MAX_AMD_WORDS = MAX_AMD_ANALYSIS_MS / 40;
/**
 * app_amd's silence threshold: the DSP compares the frame's average absolute 16-bit sample
 * with it, and no sample exceeds 32767 (amd.conf.sample: 256).
 */
export const MAX_AMD_SILENCE_THRESHOLD = 32_767;

// ---- Signal level -----------------------------------------------------------------------

/**
 * Levels in dBFS: 0 is full scale, the loudest a 16-bit line carries; -60 dBFS is far below
 * any level a DTMF receiver is specified to accept (ITU-T Q.24) or a listener hears over a line.
 */
export const LEVEL_DBFS = { min: -60, max: 0 } as const;
/** DTMF twist (low minus high tone): ITU-T Q.24 receivers accept a few dB; ±20 dB is far past it. */
export const MAX_TWIST_DB = 20;
/** Speech over line noise: 0 dB is noise as loud as speech; 100 dB is a noiseless line. */
export const SNR_DB = { min: 0, max: 100 } as const;

// ---- TwiML flows ------------------------------------------------------------------------
// The Calls API's ranges are those of CreateCallRequest in Twilio's OpenAPI spec
// (twilio/twilio-oai, spec/json/twilio_api_v2010.json, POST .../Accounts/{AccountSid}/Calls.json).

/**
 * Flows a scenario may declare. Each one listed in `strategies` is simulated like a built-in
 * flow, trials × (attacker.attempts + 1) calls, so the run's size bounds the number that runs
 * (runBounds.ts); twenty flows side by side are already more than a report can compare.
 */
export const MAX_FLOWS = 20;
/** A flow id: letters, digits, "-" and "_", at most 40 of them (a column heading in a report). */
export const MAX_FLOW_ID_CHARS = 40;
/**
 * An inline document: the Calls API's `Twiml` parameter takes "Max 4000 characters"
 * (CreateCallRequest), so a flow written inline could be placed through the API as it is.
 */
export const MAX_INLINE_TWIML_CHARS = 4000;
/**
 * A path or URL written in a flow, and a `<Play>` URL in `media`: no document names longer
 * ones (browsers and servers commonly refuse URLs past 8 KB; RFC 9110 §4.1 recommends
 * supporting at least 8000 octets).
 */
export const MAX_FLOW_URL_CHARS = 8000;
/**
 * Calls API `Timeout`: "The default is `60` seconds and the maximum is `600` seconds"
 * (CreateCallRequest); error 21208 asks for "any positive, whole integer"
 * (https://www.twilio.com/docs/api/errors/21208).
 */
export const CALL_TIMEOUT_SECONDS = { min: 1, max: MAX_RING_SECONDS } as const;
/**
 * Calls API `MachineDetectionTimeout`, seconds: default 30 (CreateCallRequest); Twilio's AMD
 * gives up after 3 to 59 s (Answering Machine Detection,
 * https://www.twilio.com/docs/voice/answering-machine-detection; the same range as
 * MAX_AMD_ANALYSIS_MS's note).
 */
export const MACHINE_DETECTION_TIMEOUT_SECONDS = { min: 3, max: 59 } as const;
/** Calls API `MachineDetectionSpeechThreshold`, ms: "Possible Values: 1000-6000. Default: 2400." */
export const MACHINE_DETECTION_SPEECH_THRESHOLD_MS = { min: 1000, max: 6000 } as const;
/** Calls API `MachineDetectionSpeechEndThreshold`, ms: "Possible Values: 500-5000. Default: 1200." */
export const MACHINE_DETECTION_SPEECH_END_THRESHOLD_MS = { min: 500, max: 5000 } as const;
/** Calls API `MachineDetectionSilenceTimeout`, ms: "Possible Values: 2000-10000. Default: 5000." */
export const MACHINE_DETECTION_SILENCE_TIMEOUT_MS = { min: 2000, max: 10_000 } as const;
/** Calls API `SendDigits`: "maximum of 32 digits" of 0-9, `#`, `*` and `w` (a half-second pause). */
export const MAX_SEND_DIGITS = 32;
/**
 * A `<Play>`'s media duration (the `media` table and `mediaSeconds`): an hour, like a greeting
 * and a `<Record>`; every second of it is simulated on every call that plays it.
 */
export const MAX_MEDIA_SECONDS = MAX_HOUR_SECONDS;
/**
 * The platform's wait for a webhook and the simulated latency of one: a minute, like one step
 * of a call. Twilio waits 15 s for an HTTP response (error 11205,
 * https://www.twilio.com/docs/api/errors/11205).
 */
export const MAX_WEBHOOK_SECONDS = MAX_CALL_STEP_SECONDS;
/**
 * Documents the command line reads for the `twiml` path flows (each root file and the `.xml`
 * files in its folder tree), and folder entries it looks at to find them: a flow is a folder of
 * documents served like a static host, not a whole project (README: TwiML flows).
 */
export const MAX_FLOW_DOCUMENTS = 500;
export const MAX_FLOW_FOLDER_ENTRIES = 10_000;
/** Bytes of one document file: Twilio's limit for a TwiML document, 64 kB (its error 11750). */
export const MAX_FLOW_DOCUMENT_BYTES = MAX_TWIML_BYTES;

// ---- The red-team search (expectWorstCase, `sim attack`) ---------------------------------

/**
 * Candidate greetings a search may screen. The default, 300, takes seconds (README, "Red
 * team"); each candidate costs 50 to a few thousand attack trials, so 10,000 of them is about
 * 33 default searches, minutes on two cores: a `check` in CI still finishes.
 */
export const MAX_SEARCH_BUDGET = 10_000;
/**
 * Trials of each confirmed greeting on the confirmation seed: 100,000 give a rate to about
 * ±0.3 points (Wilson 95% at 50%), finer than any bound a scenario sets; three greetings are
 * confirmed, each trial up to attacker.attempts calls.
 */
export const MAX_SEARCH_TRIALS = 100_000;
