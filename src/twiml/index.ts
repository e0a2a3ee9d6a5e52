/**
 * TwiML voice documents: the typed model, the parser, per-request placeholders and URL
 * resolution, Twilio's defaults and codes, and the webhook request types.
 */
export type * from './document.ts';
export type * from './webhook.ts';
export {
  LOOP_ZERO_CAP,
  MAX_TWIML_BYTES,
  MAX_TWIML_DEPTH,
  MAX_TWIML_ISSUES,
  RECORD_MAX_LENGTH_LIMIT,
  TWIML_DEFAULTS,
} from './defaults.ts';
export { parseTwiml } from './parse.ts';
export { fillPlaceholders, hasPlaceholder, placeholderNames } from './placeholders.ts';
export { resolveTwimlUrl } from './resolveUrl.ts';
export { TWILIO_CODES } from './twilioCodes.ts';
export { NOT_SIMULATED_VERBS, SIMULATED_VERBS } from './verbs.ts';
export {
  COMMA_PAUSE_MS,
  PLAY_DIGIT_GAP_MS,
  PLAY_DIGIT_TONE_MS,
  PLAY_DIGIT_WAIT_MS,
  SAY_WORDS_PER_MINUTE,
  SENTENCE_PAUSE_MS,
  codeSpan,
  codeSpans,
  keyNamed,
  playDigitsPlan,
  sayDurationMs,
  speechPlan,
  type DigitsPlan,
  type NamedKey,
  type PlayedTone,
  type SpeechPlan,
  type SpokenToken,
} from './speech.ts';
export { createSidGenerator, type SidGenerator, type SidPrefix } from './sids.ts';
