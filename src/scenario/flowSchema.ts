/**
 * User-written TwiML call flows and the simulated voice platform that places their calls. A
 * flow is `{ "twiml": … }` (a document, or the path of one) or `{ "url": … }` (a webhook), with
 * the Calls API's options under their Twilio names and defaults: CreateCallRequest in Twilio's
 * OpenAPI spec (twilio/twilio-oai, spec/json/twilio_api_v2010.json, POST
 * /2010-04-01/Accounts/{AccountSid}/Calls.json). The ranges and their sources are in bounds.ts.
 */
import { z } from 'zod';
import { BUILT_IN_STRATEGY_IDS } from './strategyIds.ts';
import { durationUpTo } from './duration.ts';
import {
  CALL_TIMEOUT_SECONDS,
  MACHINE_DETECTION_SILENCE_TIMEOUT_MS,
  MACHINE_DETECTION_SPEECH_END_THRESHOLD_MS,
  MACHINE_DETECTION_SPEECH_THRESHOLD_MS,
  MACHINE_DETECTION_TIMEOUT_SECONDS,
  MAX_FLOW_ID_CHARS,
  MAX_FLOW_URL_CHARS,
  MAX_FLOWS,
  MAX_INLINE_TWIML_CHARS,
  MAX_MEDIA_SECONDS,
  MAX_SEND_DIGITS,
  MAX_WEBHOOK_SECONDS,
} from './bounds.ts';

/** A strategy id, built-in or declared: letters, digits, "-" and "_", 1 to 40 of them. */
export const STRATEGY_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_FLOW_ID_CHARS}}$`);

/** A flow id: a strategy id that is not one of the built-in flows'. */
export const FLOW_ID_PATTERN = new RegExp(
  `^(?!(?:${BUILT_IN_STRATEGY_IDS.join('|')})$)[A-Za-z0-9_-]{1,${MAX_FLOW_ID_CHARS}}$`,
);

const STRATEGY_ID_WORDS = `letters, digits, "-" and "_", 1 to ${MAX_FLOW_ID_CHARS} of them`;

/** How a strategy id is written (the expectation when one is not). */
export const STRATEGY_ID_RULE = `a strategy id (${STRATEGY_ID_WORDS})`;

/** How a flow id is written (the expectation when one is not). */
const FLOW_ID_RULE = `a flow id (${STRATEGY_ID_WORDS}) other than a built-in strategy's (${BUILT_IN_STRATEGY_IDS.join(', ')})`;

/**
 * A `twiml` value is a document when, after leading whitespace, it starts with "<" (every XML
 * document does; a file path never does); otherwise it is the path of a document.
 */
export function isInlineTwiml(twiml: string): boolean {
  return /^\s*</.test(twiml);
}

/** What is wrong with a `twiml` value, or null: an expectation, and what was found if not the value. */
function twimlValueProblem(twiml: string): { expected: string; found?: string } | null {
  // An empty string is refused by the schema's minimum length.
  if (twiml === '') return null;
  if (isInlineTwiml(twiml)) {
    return twiml.length > MAX_INLINE_TWIML_CHARS
      ? {
          expected: `a TwiML document of at most ${MAX_INLINE_TWIML_CHARS} characters (the Calls API's limit for Twiml; put a longer one in a .xml file and give its path)`,
          found: `a document of ${twiml.length} characters`,
        }
      : null;
  }
  const either = 'or a TwiML document (text starting with "<")';
  if (twiml.length > MAX_FLOW_URL_CHARS)
    return {
      expected: `a path of at most ${MAX_FLOW_URL_CHARS} characters`,
      found: `a path of ${twiml.length} characters`,
    };
  if (twiml.includes('\\'))
    return { expected: `a path with forward slashes ("flows/press.xml") ${either}` };
  // No ":" at all: no scheme or drive letter, and no key like an inline document's (`inline:id`).
  if (twiml.startsWith('/') || twiml.includes(':'))
    return {
      expected: `a path relative to the scenario file, without ":", ${either}; a webhook is { "url": "https://…" }`,
    };
  if (!/\.xml$/i.test(twiml))
    return { expected: `the path of a .xml file, relative to the scenario file, ${either}` };
  return null;
}

const twimlSchema = z
  .string()
  .min(1)
  .superRefine((twiml, ctx) => {
    const problem = twimlValueProblem(twiml);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.expected, params: { found: problem.found } });
  })
  .describe(
    `The flow's first document: the TwiML text itself (when it starts with "<", at most ${MAX_INLINE_TWIML_CHARS} characters, the Calls API's limit for Twiml), or the path of a .xml file relative to the scenario file, with forward slashes. A file's folder is served like a static host: the .xml files beside and below it are the flow's other documents ("check.xml", "digit-{{Digits}}.xml"); the command line reads them, the app takes only inline documents.`,
  );

const urlSchema = z
  .url({ protocol: /^https?$/, error: 'the form http://host/path or https://host/path' })
  .max(MAX_FLOW_URL_CHARS)
  .describe(
    'A webhook that answers with TwiML (Calls API `Url`): the platform requests it when the call is answered, and every `action` and `<Redirect>` after; the command line only (the app makes no requests). It is not fetched when the scenario is validated.',
  );

const milliseconds = (range: { readonly min: number; readonly max: number }) =>
  z.number().int().min(range.min).max(range.max);

/** The Calls API's options and the simulator's, the same for both kinds of flow. */
const flowOptions = {
  timeout: z
    .number()
    .int()
    .min(CALL_TIMEOUT_SECONDS.min)
    .max(CALL_TIMEOUT_SECONDS.max)
    .default(60)
    .describe(
      `Calls API \`Timeout\`: seconds the phone rings before the call ends unanswered (Twilio: default 60, a whole number up to ${CALL_TIMEOUT_SECONDS.max}). A TwiML flow rings this long; service.ringTimeoutSeconds is the built-in flows'.`,
    ),
  machineDetection: z
    .enum(['Enable', 'DetectMessageEnd'])
    .optional()
    .describe(
      'Calls API `MachineDetection`: "Enable" reports AnsweredBy as soon as the callee is identified; "DetectMessageEnd" waits for a machine\'s greeting to end. Absent: no answering-machine detection (Twilio\'s default).',
    ),
  machineDetectionTimeout: z
    .number()
    .int()
    .min(MACHINE_DETECTION_TIMEOUT_SECONDS.min)
    .max(MACHINE_DETECTION_TIMEOUT_SECONDS.max)
    .default(30)
    .describe(
      `Calls API \`MachineDetectionTimeout\`: seconds of detection before AnsweredBy is "unknown" (Twilio: default 30, ${MACHINE_DETECTION_TIMEOUT_SECONDS.min} to ${MACHINE_DETECTION_TIMEOUT_SECONDS.max}).`,
    ),
  machineDetectionSpeechThreshold: milliseconds(MACHINE_DETECTION_SPEECH_THRESHOLD_MS)
    .default(2400)
    .describe(
      `Calls API \`MachineDetectionSpeechThreshold\`: ms of speech below which the callee is a human, above which a machine (Twilio: default 2400, ${MACHINE_DETECTION_SPEECH_THRESHOLD_MS.min} to ${MACHINE_DETECTION_SPEECH_THRESHOLD_MS.max}).`,
    ),
  machineDetectionSpeechEndThreshold: milliseconds(MACHINE_DETECTION_SPEECH_END_THRESHOLD_MS)
    .default(1200)
    .describe(
      `Calls API \`MachineDetectionSpeechEndThreshold\`: ms of silence after speech that end it (Twilio: default 1200, ${MACHINE_DETECTION_SPEECH_END_THRESHOLD_MS.min} to ${MACHINE_DETECTION_SPEECH_END_THRESHOLD_MS.max}).`,
    ),
  machineDetectionSilenceTimeout: milliseconds(MACHINE_DETECTION_SILENCE_TIMEOUT_MS)
    .default(5000)
    .describe(
      `Calls API \`MachineDetectionSilenceTimeout\`: ms of initial silence after which AnsweredBy is "unknown" (Twilio: default 5000, ${MACHINE_DETECTION_SILENCE_TIMEOUT_MS.min} to ${MACHINE_DETECTION_SILENCE_TIMEOUT_MS.max}).`,
    ),
  sendDigits: z
    .string()
    .min(1)
    .max(MAX_SEND_DIGITS)
    .regex(/^[0-9*#w]+$/, 'keys 0-9, * and #, and w (a half-second pause)')
    .optional()
    .describe(
      `Calls API \`SendDigits\`: keys played once the call connects, at most ${MAX_SEND_DIGITS} (0-9, *, #; w waits half a second). Twilio ignores MachineDetection when SendDigits is given, so a flow may not have both. Absent: none.`,
    ),
  media: z
    .record(z.string().min(1).max(MAX_FLOW_URL_CHARS), z.number().min(0).max(MAX_MEDIA_SECONDS))
    .default({})
    .describe(
      `Simulator: the duration in seconds of each \`<Play>\` media URL, as written in the documents (at most ${MAX_MEDIA_SECONDS} s). The simulator fetches no media.`,
    ),
  mediaSeconds: z
    .number()
    .min(0)
    .max(MAX_MEDIA_SECONDS)
    .default(5)
    .describe(
      'Simulator: the duration in seconds of a `<Play>` media URL that `media` does not list (default 5, a short prompt).',
    ),
  keysOutsideGather: z
    .enum(['discard', 'buffer'])
    .default('discard')
    .describe(
      'Simulator: keys pressed while no `<Gather>` listens. Twilio documents no rule for them; "discard" drops them (the default), "buffer" keeps them, in order, for the next `<Gather>`.',
    ),
};

/** A flow whose documents are given: inline, or a file and its folder. */
const TwimlFlowSchema = z
  .strictObject({ twiml: twimlSchema, ...flowOptions })
  .describe('A flow of TwiML documents: { "twiml": "<Response>…" } or { "twiml": "flows/x.xml" }.');

/** A flow answered by a webhook. */
const UrlFlowSchema = z
  .strictObject({
    url: urlSchema,
    method: z
      .enum(['GET', 'POST'])
      .default('POST')
      .describe('Calls API `Method`: how `url` is requested (Twilio: default POST).'),
    ...flowOptions,
  })
  .describe('A flow a webhook answers: { "url": "https://…", "method": "POST" }.');

/** The properties a flow may have: "twiml" or "url" (with "method"), and the options. */
export const FLOW_PROPERTY_NAMES: readonly string[] = [
  ...Object.keys(TwimlFlowSchema.shape),
  'url',
  'method',
];

export const FlowSchema = z
  .union([TwimlFlowSchema, UrlFlowSchema])
  .describe(
    'A TwiML call flow: exactly one of "twiml" (a document, or the path of one) and "url" (a webhook), with the Calls API\'s options.',
  );

export const FlowsSchema = z
  .record(z.string().regex(FLOW_ID_PATTERN, FLOW_ID_RULE), FlowSchema)
  .superRefine((flows, ctx) => {
    const count = Object.keys(flows).length;
    if (count > MAX_FLOWS)
      ctx.addIssue({
        code: 'custom',
        message: `at most ${MAX_FLOWS} flows`,
        params: { found: `${count} flows` },
      });
  })
  .meta({ maxProperties: MAX_FLOWS })
  .default({})
  .describe(
    `User-written TwiML call flows, by id (${STRATEGY_ID_WORDS}, not a built-in id; at most ${MAX_FLOWS}). A flow runs when "strategies" lists its id.`,
  );

/** E.164: a plus, a non-zero country digit, at most 15 digits in all (ITU-T E.164). */
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'an E.164 phone number (+ and up to 15 digits)');

/**
 * The test account the platform signs webhook requests for unless a scenario names one: "AC"
 * and the ASCII of "voice-otp-lab" in hex, padded with zeros. A Twilio Account SID is "AC" and
 * 32 hex digits (`^AC[0-9a-fA-F]{32}$`, twilio/twilio-oai).
 */
export const DEFAULT_ACCOUNT_SID = 'AC766f6963652d6f74702d6c6162000000';
/** The auth token webhook requests are signed with by default; the bundled example server's too. */
export const DEFAULT_AUTH_TOKEN = 'voice-otp-lab-test-token';
/**
 * The caller id: +15005550006, the number Twilio's test credentials accept as a valid `From`
 * (https://www.twilio.com/docs/iam/test-credentials).
 */
export const DEFAULT_FROM = '+15005550006';
/**
 * The number called (the person's phone): +15005550100, in the same test range and none of the
 * test credentials' special `To` numbers (the project's tests use it for the owner).
 */
export const DEFAULT_TO = '+15005550100';

export const PlatformSchema = z
  .strictObject({
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, '"AC" and 32 hex digits')
      .default(DEFAULT_ACCOUNT_SID)
      .describe(
        `AccountSid sent with every webhook request ("AC" and 32 hex digits; default ${DEFAULT_ACCOUNT_SID}, a test SID).`,
      ),
    authToken: z
      .string()
      .min(1)
      .max(256)
      .default(DEFAULT_AUTH_TOKEN)
      .describe(
        `The auth token that signs webhook requests (X-Twilio-Signature); default "${DEFAULT_AUTH_TOKEN}", as the bundled example server expects.`,
      ),
    from: e164
      .default(DEFAULT_FROM)
      .describe(`The caller id, \`From\` in webhook requests (default ${DEFAULT_FROM}).`),
    to: e164
      .default(DEFAULT_TO)
      .describe(`The number called, \`To\` in webhook requests (default ${DEFAULT_TO}).`),
    webhookTimeoutSeconds: z
      .number()
      .positive()
      .max(MAX_WEBHOOK_SECONDS)
      .default(15)
      .describe(
        `Seconds the platform waits for a webhook's answer before the call fails with error 11205 (Twilio: 15 s; at most ${MAX_WEBHOOK_SECONDS}).`,
      ),
    webhookLatencySeconds: durationUpTo(MAX_WEBHOOK_SECONDS)
      .default(0)
      .describe(
        `Simulated time each webhook request takes, a duration (at most ${MAX_WEBHOOK_SECONDS} s). 0, the default: the call's clock does not move while a webhook answers, however long the real server takes.`,
      ),
  })
  .prefault({})
  .describe(
    "The simulated voice platform that places the TwiML flows' calls and signs their webhook requests.",
  );

export type Flow = z.output<typeof FlowSchema>;
/** A flow of documents: `twiml` is a document or a path (isInlineTwiml tells which). */
export type TwimlFlow = z.output<typeof TwimlFlowSchema>;
export type UrlFlow = z.output<typeof UrlFlowSchema>;
export type PlatformSettings = z.output<typeof PlatformSchema>;
