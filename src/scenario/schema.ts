/**
 * The scenario format: the one source of the TypeScript types (`Scenario`, via z.output) and of
 * the published JSON Schema (scenarios/scenario.schema.json, via z.toJSONSchema). Every field
 * has a default and a description; durations in scenarios are in SECONDS, the engine works in
 * integer milliseconds (sim/compile.ts, with core/msSampler.ts for distributions).
 */
import { z } from 'zod';
import { MAX_SEED } from './trialLimits.ts';
import { BUILT_IN_STRATEGY_IDS, MAX_STRATEGIES } from './strategyIds.ts';
import { durationUpTo, secondsUpTo } from './duration.ts';
import {
  FlowsSchema,
  PlatformSchema,
  STRATEGY_ID_PATTERN,
  STRATEGY_ID_RULE,
} from './flowSchema.ts';
import { MetricBoundsSchema } from './metricBounds.ts';
import { SweepSchema } from './sweepSchema.ts';
import { WORST_CASE_METRICS } from './worstCaseMetrics.ts';
import {
  MAX_GREETING_SECONDS,
  MAX_GREETING_SEGMENTS,
  MAX_GREETING_TONES,
} from './greetingBounds.ts';
import {
  LEVEL_DBFS,
  MAX_AMD_ANALYSIS_MS,
  MAX_AMD_SILENCE_THRESHOLD,
  MAX_AMD_TIMING_MS,
  MAX_AMD_WORDS,
  MAX_ATTACKER_ATTEMPTS,
  MAX_CALL_STEP_SECONDS,
  MAX_CHECK_ATTEMPTS,
  MAX_DAY_SECONDS,
  MAX_HOUR_SECONDS,
  MAX_KEY_TONE_SECONDS,
  MAX_PIN_GUESSES,
  MAX_READOUT_REPEATS,
  MAX_RING_SECONDS,
  MAX_SEARCH_BUDGET,
  MAX_SEARCH_TRIALS,
  MAX_SENDS_PER_10_MINUTES,
  MAX_START_EPOCH_SECONDS,
  MAX_START_SPREAD_SECONDS,
  MAX_TONE_MS,
  MAX_TOTP_WINDOW,
  MAX_TRIALS,
  MAX_TWIST_DB,
  MAX_WRONG_KEY_RETRIES,
  SNR_DB,
  TOTP_CODE_DIGITS,
  TOTP_PERIOD_SECONDS,
  TTL_CODE_DIGITS,
} from './bounds.ts';

export { durationUpTo, DurationSchema, MAX_DURATION_SECONDS } from './duration.ts';
export type { Flow, TwimlFlow, UrlFlow, PlatformSettings } from './flowSchema.ts';

const nonNegative = z.number().min(0);
const probability = z.number().min(0).max(1);

const dtmfDigits = z
  .string()
  .max(100)
  .regex(/^[0-9A-D*#]+$/, 'DTMF keys (0-9, A-D, * or #)');

export const GreetingSegmentSchema = z.union([
  z.strictObject({
    speech: nonNegative.max(MAX_GREETING_SECONDS).describe('Seconds of continuous speech.'),
  }),
  z.strictObject({
    silence: nonNegative.max(MAX_GREETING_SECONDS).describe('Seconds of silence.'),
  }),
  z.strictObject({
    dtmf: dtmfDigits.describe('The keys played, in order, e.g. "1" or "0123456789".'),
    toneMs: z
      .number()
      .int()
      .min(1)
      .max(MAX_TONE_MS)
      .default(120)
      .describe('Length of each tone in ms.'),
    gapMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_TONE_MS)
      .default(80)
      .describe('Silence after each tone in ms.'),
    repeat: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .describe(
        `How many times the key sequence is played (keys × repeat, over the whole greeting, at most ${MAX_GREETING_TONES} tones).`,
      ),
    levelDbfs: z
      .number()
      .min(LEVEL_DBFS.min)
      .max(LEVEL_DBFS.max)
      .optional()
      .describe('Signal level: level of each tone, dBFS (default: signal.toneLevelDbfs).'),
    twistDb: z
      .number()
      .min(-MAX_TWIST_DB)
      .max(MAX_TWIST_DB)
      .optional()
      .describe(
        'Signal level: low tone minus high tone, dB; positive is normal twist (default: signal.twistDb).',
      ),
  }),
  z.strictObject({
    audio: z
      .string()
      .min(1)
      .regex(/\.wav$/i, 'a .wav file')
      .describe(
        `A recorded greeting: path of a WAV file (any rate; read as 8 kHz mono), relative to the scenario file. The event level sees it as the DTMF keys and speech/silence frames the detectors find in it. Its length counts toward the greeting's ${MAX_GREETING_SECONDS} s once the CLI reads it; the app cannot read it (use the Greeting view).`,
      ),
  }),
]);

const SignalSchema = z
  .strictObject({
    snrDb: z
      .number()
      .min(SNR_DB.min)
      .max(SNR_DB.max)
      .default(30)
      .describe('Line noise: speech power over white-noise power, dB.'),
    speechLevelDbfs: z
      .number()
      .min(LEVEL_DBFS.min)
      .max(LEVEL_DBFS.max)
      .default(-20)
      .describe('RMS level of speech (greetings, the person, prompts), dBFS.'),
    toneLevelDbfs: z
      .number()
      .min(LEVEL_DBFS.min)
      .max(LEVEL_DBFS.max)
      .default(-10)
      .describe("Level of each DTMF tone, dBFS (greeting tones and the person's keys)."),
    twistDb: z
      .number()
      .min(-MAX_TWIST_DB)
      .max(MAX_TWIST_DB)
      .default(0)
      .describe('DTMF twist, dB: low tone minus high tone (positive: normal twist).'),
    keyToneSeconds: durationUpTo(MAX_KEY_TONE_SECONDS)
      .default({ uniform: [0.08, 0.2] })
      .describe(
        `How long the person holds a key (the tone's length on the line; at most ${MAX_KEY_TONE_SECONDS} s, and a lognormal draw is held to that).`,
      ),
  })
  .prefault({})
  .describe(
    'Signal level (fidelity "signal"): how calls sound on the line. Ignored at event level.',
  );

const CodeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ttl').describe('A random code valid for ttlSeconds, like a Verify service.'),
      digits: z
        .number()
        .int()
        .min(TTL_CODE_DIGITS.min)
        .max(TTL_CODE_DIGITS.max)
        .default(6)
        .describe('Code length (Verify allows 4-10).'),
      ttlSeconds: z
        .number()
        .int()
        .min(1)
        .max(MAX_DAY_SECONDS)
        .default(600)
        .describe(
          'Lifetime, at most a day; 600 s is the Verify default and the NIST SP 800-63B limit.',
        ),
    }),
    z.strictObject({
      kind: z.literal('totp').describe('An RFC 6238 TOTP code from a per-user secret.'),
      digits: z
        .number()
        .int()
        .min(TOTP_CODE_DIGITS.min)
        .max(TOTP_CODE_DIGITS.max)
        .default(6)
        .describe('Code length (RFC 4226: 6 to 8).'),
      periodSeconds: z
        .number()
        .int()
        .min(TOTP_PERIOD_SECONDS.min)
        .max(TOTP_PERIOD_SECONDS.max)
        .default(30)
        .describe('Time step in seconds (otplib: 1 to 3600; RFC 6238 recommends 30).'),
      window: z
        .number()
        .int()
        .min(0)
        .max(MAX_TOTP_WINDOW)
        .default(1)
        .describe('Time steps accepted either side of the current one.'),
      algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha1').describe('HMAC hash.'),
    }),
  ])
  .default({ kind: 'ttl', digits: 6, ttlSeconds: 600 })
  .describe('How the service makes and checks the one-time code.');

const ServiceSchema = z
  .strictObject({
    ringTimeoutSeconds: secondsUpTo(MAX_RING_SECONDS)
      .default(60)
      .describe('The call ends unanswered after this long (Twilio: at most 600 s).'),
    promptSeconds: secondsUpTo(MAX_CALL_STEP_SECONDS)
      .default(3)
      .describe('Length of a "press N to hear your code" prompt.'),
    readoutSeconds: z
      .number()
      .positive()
      .max(MAX_CALL_STEP_SECONDS)
      .default(4)
      .describe('Length of one readout of the code.'),
    readoutRepeats: z
      .number()
      .int()
      .min(1)
      .max(MAX_READOUT_REPEATS)
      .default(3)
      .describe('Readouts per call (Somleng reads the code 3 times).'),
    promptDigits: z
      .string()
      .regex(/^[0-9]+$/, 'digits 0-9')
      .default('0123456789')
      .describe(
        'Digits random-digit may ask for, each at most once (so at most 10); each is equally likely.',
      ),
    staticDigit: z
      .string()
      .regex(/^[0-9*#]$/, 'one key')
      .default('1')
      .describe('The key static-prompt asks for.'),
    gatherTimeoutSeconds: secondsUpTo(MAX_CALL_STEP_SECONDS)
      .default(5)
      .describe('How long a gather listens after its prompt ends.'),
    wrongKeyRetries: z
      .number()
      .int()
      .min(0)
      .max(MAX_WRONG_KEY_RETRIES)
      .default(0)
      .describe(
        'random-digit: times it asks again for the same key after a wrong one ("That was not the right key. Press 7 …"), listening from the start of each re-ask; the next wrong key hangs up. 0: the first wrong key hangs up. Re-asks do not use up the re-prompt after no input. static-prompt ignores wrong keys and keeps listening, so this does not apply to it.',
      ),
    dtmfDetectMs: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(40)
      .describe(
        'Shortest tone the service detects; a key is reported this long after its tone starts (ITU-T Q.24 accepts 40 ms).',
      ),
    maxSendsPer10Minutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_SENDS_PER_10_MINUTES)
      .default(5)
      .describe('Sends allowed to one number in any 10 minutes (Verify: 5).'),
    maxCheckAttempts: z
      .number()
      .int()
      .min(1)
      .max(MAX_CHECK_ATTEMPTS)
      .default(5)
      .describe('Checks allowed per verification (Verify: 5; NIST SP 800-63B: at most 100).'),
  })
  .prefault({})
  .describe('The verification service and its call flows.');

const PersonSchema = z
  .strictObject({
    answerProbability: probability
      .default(0.9)
      .describe('Chance the owner answers a call they are waiting for (legit trials).'),
    answerDelaySeconds: durationUpTo(MAX_RING_SECONDS)
      .default({ lognormal: { median: 6, sigma: 0.4 } })
      .describe('Ringing before the person answers.'),
    greetingDelaySeconds: durationUpTo(MAX_CALL_STEP_SECONDS)
      .default(0.3)
      .describe('Silence between picking up and saying hello.'),
    greetingSeconds: durationUpTo(MAX_CALL_STEP_SECONDS)
      .default({ lognormal: { median: 0.6, sigma: 0.3 } })
      .describe('Length of the person\'s own "Hello?".'),
    patienceSeconds: durationUpTo(MAX_CALL_STEP_SECONDS)
      .default(4)
      .describe('Silence after their greeting that makes the person hang up.'),
    reactionSeconds: durationUpTo(MAX_CALL_STEP_SECONDS)
      .default({ lognormal: { median: 1.2, sigma: 0.3 } })
      .describe('From the end of a prompt to the key press.'),
    keypressErrorRate: probability.default(0.02).describe('Chance a key press is a different key.'),
    codeEntryErrorRate: probability
      .default(0)
      .describe(
        'Chance the owner mistypes the code they heard (one digit wrong); they retype it while the service still takes checks (service.maxCheckAttempts). 0: never.',
      ),
    entrySeconds: durationUpTo(MAX_HOUR_SECONDS)
      .default({ lognormal: { median: 8, sigma: 0.3 } })
      .describe('From the end of the first readout heard to typing the code.'),
  })
  .prefault({})
  .describe("The phone's owner.");

const PinSchema = z
  .strictObject({
    length: z
      .number()
      .int()
      .min(4)
      .max(10)
      .default(4)
      .describe('PIN length (carriers allowed 4-10).'),
    choice: z
      .enum(['uniform', 'common', 'default'])
      .default('common')
      .describe(
        'uniform: any PIN equally likely; common: 4-digit PINs as people choose them (DataGenetics 2012); default: the carrier default with keptDefaultProbability, else uniform.',
      ),
    lockoutAfter: z
      .number()
      .int()
      .min(1)
      .max(MAX_PIN_GUESSES)
      .nullable()
      .default(null)
      .describe('Wrong guesses before the box locks; null = never.'),
    keptDefaultProbability: probability
      .default(0.3)
      .describe('For choice "default": chance the owner never changed the carrier default PIN.'),
    guessesPerCall: z
      .number()
      .int()
      .min(1)
      .max(MAX_PIN_GUESSES)
      .default(3)
      .describe('PIN guesses the box allows per call.'),
  })
  .prefault({})
  .describe('How the voicemail box is protected.');

const VoicemailSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Whether unanswered calls go to voicemail.'),
    pickupAfterSeconds: secondsUpTo(MAX_RING_SECONDS)
      .default(25)
      .describe('Ringing before the box picks up.'),
    maxRecordSeconds: z
      .number()
      .positive()
      .max(MAX_HOUR_SECONDS)
      .default(120)
      .describe('The box records at most this long (an hour, as TwiML <Record>), then hangs up.'),
    beepSeconds: secondsUpTo(MAX_CALL_STEP_SECONDS)
      .default(0.5)
      .describe('Length of the beep; recording starts when it ends.'),
    greeting: z
      .array(GreetingSegmentSchema)
      .max(MAX_GREETING_SEGMENTS)
      .default([{ speech: 6 }, { silence: 0.5 }])
      .describe(
        `The greeting, in order: { "speech": s }, { "silence": s }, { "dtmf": "keys", "toneMs", "gapMs", "repeat" }, { "audio": "file.wav" }. At most ${MAX_GREETING_SEGMENTS} segments, ${MAX_GREETING_TONES} DTMF tones in all (keys × repeat) and ${MAX_GREETING_SECONDS} s in all (an hour; at fidelity "signal" that is 115 MB of samples), at either fidelity. Default: a carrier's 6-second "The person you are calling is not available".`,
      ),
    pin: PinSchema,
  })
  .prefault({})
  .describe("The callee's voicemail box, whose greeting the attacker may have recorded.");

const AttackerSchema = z
  .strictObject({
    victimAnswerProbability: probability
      .default(0.02)
      .describe('Chance the victim answers the attacker-triggered call (attack trials).'),
    retrievalSeconds: durationUpTo(MAX_DAY_SECONDS)
      .default({ uniform: [20, 60] })
      .describe('From the end of the call to submitting the code heard in the voicemail.'),
    attempts: z
      .number()
      .int()
      .min(1)
      .max(MAX_ATTACKER_ATTEMPTS)
      .default(5)
      .describe('Calls the attacker triggers in a campaign.'),
    retrySeconds: secondsUpTo(MAX_DAY_SECONDS).default(90).describe('Time between campaign calls.'),
    guessBudget: z
      .number()
      .int()
      .min(0)
      .max(MAX_PIN_GUESSES)
      .default(300)
      .describe('PIN guesses the attacker is willing to make (at most 10^10, every 10-digit PIN).'),
  })
  .prefault({})
  .describe('The attacker who controls (or tries to control) the voicemail box.');

/**
 * Asterisk app_amd parameters (apps/app_amd.c); defaults from configs/samples/amd.conf.sample.
 * Every timing is at most a minute, the longest analysis (bounds.ts MAX_AMD_ANALYSIS_MS).
 */
const AmdSchema = z
  .strictObject({
    initialSilenceMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(2500)
      .describe('Silence before any word longer than this: MACHINE (INITIALSILENCE).'),
    greetingMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(1500)
      .describe('Voice in the greeting longer than this: MACHINE (LONGGREETING).'),
    afterGreetingSilenceMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(800)
      .describe('Silence after the greeting this long: HUMAN.'),
    totalAnalysisTimeMs: z
      .number()
      .int()
      .min(20)
      .max(MAX_AMD_ANALYSIS_MS)
      .default(5000)
      .describe('No verdict by then: NOTSURE (TOOLONG). At most a minute (Twilio: 3 to 59 s).'),
    minimumWordLengthMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(100)
      .describe('Voice this long counts as a word.'),
    betweenWordsSilenceMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(50)
      .describe('Silence this long separates words.'),
    maximumNumberOfWords: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_WORDS)
      .default(2)
      .describe('More words than this: MACHINE (MAXWORDS).'),
    silenceThreshold: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_SILENCE_THRESHOLD)
      .default(256)
      .describe('Average absolute level (16-bit) below which a frame is silent (signal level).'),
    maximumWordLengthMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMD_TIMING_MS)
      .default(5000)
      .describe('A word this long: MACHINE (MAXWORDLENGTH).'),
    onMachine: z
      .enum(['hangup', 'leave-code'])
      .default('hangup')
      .describe('What the amd flow does on MACHINE.'),
    onNotSure: z
      .enum(['human', 'hangup'])
      .default('human')
      .describe('What the amd flow does on NOTSURE.'),
  })
  .prefault({})
  .describe('Answering-machine detection, as Asterisk app_amd.');

const ExpectSchema = z
  .record(z.string().regex(STRATEGY_ID_PATTERN, `"all" or ${STRATEGY_ID_RULE}`), MetricBoundsSchema)
  .prefault({})
  .describe(
    'Thresholds the run must meet, per strategy id (a built-in one or a flow declared in "flows") or "all"; failing ones make the CLI exit 1.',
  );

const WorstCaseBoundSchema = z
  .strictObject({
    max: probability
      .optional()
      .describe(
        'Fail if the best greeting found does better than this (its rate on the confirmation trials).',
      ),
  })
  .describe('A maximum: a search shows a rate can get too high, never that it stays low.');

const WorstCaseBoundsSchema = z
  .partialRecord(z.enum(WORST_CASE_METRICS), WorstCaseBoundSchema)
  .describe('Bounds on the attack rates of the best greeting a search finds.');

const ExpectWorstCaseSchema = z
  .record(
    z.string().regex(STRATEGY_ID_PATTERN, `"all" or ${STRATEGY_ID_RULE}`),
    WorstCaseBoundsSchema,
  )
  .prefault({})
  .describe(
    'Worst-case thresholds, per strategy id (one listed in "strategies") or "all": `run` and `check` search the voicemail greetings for the one that maximises each bounded rate against the flow (README, "Red team") and fail (exit 1) when the best found exceeds its "max". Built-in and "twiml" flows only: a "url" flow would get hundreds of thousands of webhook requests.',
  );

const WorstCaseSearchSchema = z
  .strictObject({
    budget: z
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_BUDGET)
      .default(300)
      .describe(
        'Candidate greetings each search screens: more costs time in proportion and finds better greetings in the sampled lengths; the 137 structures (keys, words, order) take the first 150.',
      ),
    trials: z
      .number()
      .int()
      .min(1)
      .max(MAX_SEARCH_TRIALS)
      .default(2000)
      .describe(
        'Attack trials of each of the 3 best greetings on the confirmation seed: the reported rate and its 95% interval (2000: about ±1.3 points at 10%).',
      ),
  })
  .prefault({})
  .describe(
    "How hard the expectWorstCase searches look: the budget buys more of the space, the trials a tighter rate. Seeded by the scenario's seed.",
  );

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to scenario.schema.json, for editors.'),
    name: z.string().min(1).default('Untitled scenario').describe('A title for reports.'),
    description: z.string().default('').describe('What the scenario shows.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(MAX_SEED)
      .default(1)
      .describe('Seed of every random draw; same seed, same numbers.'),
    trials: z
      .number()
      .int()
      .min(1)
      .max(MAX_TRIALS)
      .default(10000)
      .describe(
        'Trials per strategy, of each kind (attack and legit). A run is also bounded to an hour of CPU: trials × strategies × (attacker.attempts + 1) calls, costlier at fidelity "signal" and with long greetings.',
      ),
    strategies: z
      .array(z.string().regex(STRATEGY_ID_PATTERN, STRATEGY_ID_RULE))
      .min(1)
      .max(MAX_STRATEGIES)
      .default([...BUILT_IN_STRATEGY_IDS])
      .describe(
        `Call flows to compare, each once: the built-in ${BUILT_IN_STRATEGY_IDS.join(', ')} and the ids of flows declared in "flows".`,
      ),
    flows: FlowsSchema,
    startEpochSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_START_EPOCH_SECONDS)
      .default(1767225600)
      .describe(
        'Unix time of the first trial (2026-01-01T00:00:00Z by default; at most 9999-12-31T23:59:59Z).',
      ),
    startSpreadSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_START_SPREAD_SECONDS)
      .default(86400)
      .describe(
        'Each trial starts at a random time this wide after startEpochSeconds (at most 366 days), so TOTP steps fall at every phase.',
      ),
    fidelity: z
      .enum(['event', 'signal'])
      .default('event')
      .describe(
        'event: symbolic timelines of speech, silence and tones; signal: every call rendered to 8 kHz audio and decided by the DTMF detector and app_amd on PCM.',
      ),
    signal: SignalSchema,
    code: CodeSchema,
    service: ServiceSchema,
    person: PersonSchema,
    voicemail: VoicemailSchema,
    attacker: AttackerSchema,
    amd: AmdSchema,
    platform: PlatformSchema,
    expect: ExpectSchema,
    expectWorstCase: ExpectWorstCaseSchema,
    worstCaseSearch: WorstCaseSearchSchema,
    sweep: SweepSchema.optional(),
  })
  .describe(
    'A voice-otp-lab scenario: who answers, what the voicemail plays, what the attacker does.',
  );

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type GreetingSegment = z.output<typeof GreetingSegmentSchema>;
export type AmdParameters = z.output<typeof AmdSchema>;
export type SignalSettings = z.output<typeof SignalSchema>;
export type PinPolicy = z.output<typeof PinSchema>;
export type CodePolicy = z.output<typeof CodeSchema>;
