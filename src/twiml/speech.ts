/**
 * What a `<Say>` sends down the line and what a listener makes of it, and when `<Play digits>`
 * plays each key: pure functions of the text, one pass each, no regular expressions, so the
 * interpreter can call them per call (the engine's budget is tens of thousands of calls a second
 * per core). Text that holds no per-call placeholder can be planned once per document.
 *
 * How a Say is timed (one loop; the interpreter multiplies by `loop`):
 *
 * - Words are spoken at SAY_WORDS_PER_MINUTE, each word taking the same share of a minute. A
 *   word is a run of letters (an apostrophe between two letters stays inside it: "don't" is one
 *   word; characters beyond ASCII count as letters). Each digit is a word of its own, whatever
 *   surrounds it ("123456" is six words, "2FA" two), as TTS reads a code digit by digit. Each of
 *   `# * + @ & % $ =` is a word too ("pound", "star", "plus", "at", "and", "percent", "dollar",
 *   "equals").
 * - Between two words, punctuation adds a pause: `,` `;` `:` a comma pause (COMMA_PAUSE_MS),
 *   `.` `!` `?` `…` a sentence pause (SENTENCE_PAUSE_MS). Several marks between the same two
 *   words pause once, for the strongest of them. Punctuation before the first word or after the
 *   last adds nothing: the Say starts with its first word and ends with its last.
 * - Everything else (spaces, line breaks, hyphens, slashes, brackets, quotes) is silent and
 *   separates words without a pause: the words-per-minute rate already includes the ordinary
 *   gap between words.
 *
 * Word k (from 0) after pauses totalling P ms starts at P + round(k × 60000 / wpm) and ends at
 * P + round((k + 1) × 60000 / wpm), so every offset is a whole ms and the offsets add up exactly.
 */
import type { Ms } from '../core/units.ts';

/**
 * Words a minute for `<Say>`: the "medium" speech rate, the initial value, of W3C CSS 2.1's
 * aural `speech-rate` property, "180 - 200 words per minute"
 * (https://www.w3.org/TR/CSS21/aural.html#propdef-speech-rate), at its slower end; Apple's
 * speech synthesizer documentation gives "180 to 220 words per minute" for average human speech
 * (https://developer.apple.com/documentation/appkit/nsspeechsynthesizer/rate). Twilio gives no
 * rate: `<Say>`'s attributes are `language`, `loop` and `voice`, and a rate is set only through
 * SSML `<prosody>` (https://www.twilio.com/docs/voice/twiml/say).
 */
export const SAY_WORDS_PER_MINUTE = 180;

const MS_PER_MINUTE = 60_000;

/**
 * The pause for a comma (and `;`, `:`). Amazon Polly, which voices Twilio's `Polly.*` voices,
 * equates a comma's pause with `<break strength="weak"/>`
 * (https://docs.aws.amazon.com/polly/latest/dg/break-tag.html); Microsoft's Speech service
 * gives that strength as 500 ms
 * (https://learn.microsoft.com/azure/ai-services/speech-service/speech-synthesis-markup-structure#add-a-break).
 */
export const COMMA_PAUSE_MS: Ms = 500;

/**
 * The pause for a full stop (and `!`, `?`, `…`). Polly equates the pause after a sentence with
 * `<break strength="strong"/>` (same page); Microsoft gives that strength as 1,000 ms.
 */
export const SENTENCE_PAUSE_MS: Ms = 1000;

/** What a spoken token is: a word of letters, one digit, or a symbol read as a word. */
export type SpokenTokenKind = 'word' | 'digit' | 'symbol';

/** One spoken token of a Say, with its offsets from the Say's start (one loop). */
export interface SpokenToken {
  /** The characters as written (the digit, the symbol, or the word). */
  readonly text: string;
  readonly kind: SpokenTokenKind;
  readonly startMs: Ms;
  readonly endMs: Ms;
}

/** A Say laid out in time: its tokens in order and how long one loop lasts. */
export interface SpeechPlan {
  readonly tokens: readonly SpokenToken[];
  readonly durationMs: Ms;
}

// Character classes, looked up by char code (ASCII by table, the rest by nonAsciiClass).
const SILENT = 0;
const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 3;
const COMMA = 4;
const SENTENCE = 5;
const APOSTROPHE = 6;
type CharClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ASCII_CLASS = asciiClasses();

function asciiClasses(): Uint8Array {
  const table = new Uint8Array(128);
  const mark = (chars: string, cls: CharClass) => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = cls;
  };
  for (let c = 0x61; c <= 0x7a; c++) table[c] = LETTER;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = LETTER;
  mark('0123456789', DIGIT);
  mark('#*+@&%$=', SYMBOL);
  mark(',;:', COMMA);
  mark('.!?', SENTENCE);
  mark("'", APOSTROPHE);
  return table;
}

/** Beyond ASCII: curly apostrophes join words, `…` ends a sentence, dashes, quotes and spaces are silent. */
function nonAsciiClass(code: number): CharClass {
  switch (code) {
    case 0x2019: // ’
    case 0x2018: // ‘
      return APOSTROPHE;
    case 0x2026: // …
      return SENTENCE;
    case 0x00a0: // no-break space
    case 0x2013: // –
    case 0x2014: // —
    case 0x201c: // “
    case 0x201d: // ”
    case 0x00ab: // «
    case 0x00bb: // »
      return SILENT;
    default:
      return LETTER;
  }
}

function charClass(text: string, i: number): CharClass {
  const code = text.charCodeAt(i);
  return code < 128 ? (ASCII_CLASS[code]! as CharClass) : nonAsciiClass(code);
}

/** Offset of word k's start from the Say's start, pauses aside. */
function wordOffsetMs(k: number): Ms {
  return Math.round((k * MS_PER_MINUTE) / SAY_WORDS_PER_MINUTE);
}

/**
 * Receives each spoken token: its characters [start, end) in the text, its kind, and its
 * offsets. Returns true to stop the scan.
 */
type TokenSink = (
  start: number,
  end: number,
  kind: SpokenTokenKind,
  startMs: Ms,
  endMs: Ms,
) => boolean;

/** One pass over the text: calls `sink` per spoken token; returns one loop's duration. */
function scanSpeech(text: string, sink: TokenSink | null): Ms {
  const n = text.length;
  let words = 0;
  let pausesMs = 0;
  let pendingPauseMs = 0;
  let i = 0;
  while (i < n) {
    const cls = charClass(text, i);
    let end = i + 1;
    let kind: SpokenTokenKind;
    if (cls === LETTER) {
      end = endOfWord(text, end);
      kind = 'word';
    } else if (cls === DIGIT) {
      kind = 'digit';
    } else if (cls === SYMBOL) {
      kind = 'symbol';
    } else {
      if (cls === COMMA && pendingPauseMs < COMMA_PAUSE_MS) pendingPauseMs = COMMA_PAUSE_MS;
      else if (cls === SENTENCE) pendingPauseMs = SENTENCE_PAUSE_MS;
      i = end;
      continue;
    }
    if (words > 0) pausesMs += pendingPauseMs;
    pendingPauseMs = 0;
    const startMs = pausesMs + wordOffsetMs(words);
    words++;
    if (sink !== null && sink(i, end, kind, startMs, pausesMs + wordOffsetMs(words))) {
      return pausesMs + wordOffsetMs(words);
    }
    i = end;
  }
  return pausesMs + wordOffsetMs(words);
}

/** The end of a word that starts before `i`: letters, and apostrophes between two letters. */
function endOfWord(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const cls = charClass(text, i);
    if (cls === LETTER) i++;
    else if (cls === APOSTROPHE && i + 1 < n && charClass(text, i + 1) === LETTER) i += 2;
    else break;
  }
  return i;
}

/** How long one loop of a `<Say>` of `text` lasts, in whole ms (see the module's rules). */
export function sayDurationMs(text: string): Ms {
  return scanSpeech(text, null);
}

/**
 * A `<Say>` of `text` laid out in time: each spoken token with its start and end (ms from the
 * Say's start, one loop), and the loop's duration. Allocates one object per token: plan a
 * document's static text once and keep the plan.
 */
export function speechPlan(text: string): SpeechPlan {
  const tokens: SpokenToken[] = [];
  const durationMs = scanSpeech(text, (start, end, kind, startMs, endMs) => {
    tokens.push({ text: text.slice(start, end), kind, startMs, endMs });
    return false;
  });
  return { tokens, durationMs };
}

/**
 * Where, in one loop of a `<Say>` of `text`, the listener hears `code` (a string of digits):
 * from the start of its first digit to the end of its last, or null when the Say does not read
 * it.
 *
 * The rule: the Say's spoken digits are read as runs. A run is a stretch of digits with no other
 * spoken word between them; spaces, punctuation (and the pauses it brings) and hyphens between
 * digits do not break a run, a word or a spoken symbol does. The Say reads the code when some
 * run contains the code's digits consecutively: "123456", "1 2 3, 4 5 6" and "1-2-3-4-5-6" all
 * read 123456, and so does "your code is 1234567" (the code is inside the run 1234567); "123 and
 * 456" does not (the word "and" splits the run). The first place the code appears is returned.
 *
 * One pass; allocates two arrays of the code's length.
 */
export function codeSpan(text: string, code: string): { startMs: Ms; endMs: Ms } | null {
  return scanCode(text, code, true)[0] ?? null;
}

/**
 * Every place one loop of a `<Say>` of `text` reads `code`, in order ("Your code is 1 2 3 4 5 6.
 * Once again, 1 2 3 4 5 6." reads it twice), by codeSpan's rule; places do not overlap (a run
 * that holds the code twice end to end reads it twice).
 */
export function codeSpans(text: string, code: string): { startMs: Ms; endMs: Ms }[] {
  return scanCode(text, code, false);
}

function scanCode(text: string, code: string, firstOnly: boolean): { startMs: Ms; endMs: Ms }[] {
  assertCode(code);
  const length = code.length;
  // The last `length` digits of the current run, as a ring: digit char codes and start times.
  const digits = new Uint16Array(length);
  const starts = new Float64Array(length);
  let runLength = 0;
  const found: { startMs: Ms; endMs: Ms }[] = [];
  scanSpeech(text, (start, _end, kind, startMs, endMs) => {
    if (kind !== 'digit') {
      runLength = 0;
      return false;
    }
    const slot = runLength % length;
    digits[slot] = text.charCodeAt(start);
    starts[slot] = startMs;
    runLength++;
    if (runLength >= length && ringHoldsCode(digits, runLength, code)) {
      found.push({ startMs: starts[runLength % length]!, endMs });
      // The next place starts after this one's last digit.
      runLength = 0;
      return firstOnly;
    }
    return false;
  });
  return found;
}

/** Whether the ring's last `code.length` digits (oldest first) are the code. */
function ringHoldsCode(digits: Uint16Array, runLength: number, code: string): boolean {
  const length = code.length;
  for (let k = 0; k < length; k++) {
    if (digits[(runLength + k) % length] !== code.charCodeAt(k)) return false;
  }
  return true;
}

function assertCode(code: string): void {
  if (code.length === 0) {
    throw new RangeError('codeSpan: code is empty; expected one or more digits 0-9.');
  }
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      throw new RangeError(
        `codeSpan: code ${JSON.stringify(code)} has ${JSON.stringify(code[i])} at index ${i}; expected digits 0-9 only.`,
      );
    }
  }
}

const KEY_VERBS: ReadonlySet<string> = new Set(['press', 'enter', 'dial', 'push', 'hit', 'type']);
/** Words allowed between the verb and the key: "press the 1 key", "press the number 1". */
const KEY_FILLERS: ReadonlySet<string> = new Set(['the', 'number']);
/** A key a prompt can name: a digit, `#`, `*`, or `'any'` ("press any key"). */
export type NamedKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '#' | '*' | 'any';

const DIGIT_KEYS: readonly NamedKey[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const KEY_WORDS: ReadonlyMap<string, NamedKey> = new Map<string, NamedKey>([
  ['zero', '0'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
  ['pound', '#'],
  ['hash', '#'],
  ['star', '*'],
  ['asterisk', '*'],
  ['any', 'any'],
]);

/**
 * The key a person understands a prompt to ask for, or `'any'`, or null when it names none.
 *
 * Understood phrasing (case does not matter):
 *
 * - a verb: **press**, **enter**, **dial**, **push**, **hit** or **type**;
 * - then, optionally, **the** and/or **number**;
 * - then the key: a single digit (`1`; a longer number such as `12` names no single key), a
 *   number word **zero** … **nine**, **pound** or **hash** or `#` (→ `#`), **star** or
 *   **asterisk** or `*` (→ `*`), or **any** (→ `'any'`, as in "press any key"). A following
 *   "key", "button" or "sign" needs no special handling: the key is already named.
 *
 * So "press 7", "Press the pound key", "press hash", "press the # key", "press star", "press *",
 * "press zero", "dial 1", "hit the number 4" and "press any key" each name a key. Punctuation and
 * spaces between the words are ignored. When several are named ("press 1 for sales or press 2
 * for support"), the first counts; a bare "or 2" does not name a key. "Your code is 1 2 3" (no
 * verb), "press" alone, "press the button" and "enter your code" name none.
 */
export function keyNamed(text: string): NamedKey | null {
  const n = text.length;
  let afterVerb = false;
  let i = 0;
  while (i < n) {
    const cls = charClass(text, i);
    if (cls === SYMBOL) {
      const symbol = text[i];
      if (afterVerb && (symbol === '#' || symbol === '*')) return symbol;
      afterVerb = false;
      i++;
      continue;
    }
    if (cls === DIGIT) {
      let end = i + 1;
      while (end < n && charClass(text, end) === DIGIT) end++;
      if (afterVerb && end === i + 1) return DIGIT_KEYS[text.charCodeAt(i) - 0x30]!;
      afterVerb = false;
      i = end;
      continue;
    }
    if (cls !== LETTER) {
      i++;
      continue;
    }
    const end = endOfWord(text, i + 1);
    const word = text.slice(i, end).toLowerCase();
    i = end;
    if (afterVerb) {
      const key = KEY_WORDS.get(word);
      if (key !== undefined) return key;
      if (KEY_FILLERS.has(word)) continue;
    }
    afterVerb = KEY_VERBS.has(word);
  }
  return null;
}

/**
 * How long one DTMF tone of `<Play digits>` lasts. Twilio documents no tone length
 * (https://www.twilio.com/docs/voice/twiml/play); this is Asterisk's default for a digit sent
 * with no duration given, AST_DEFAULT_EMULATE_DTMF_DURATION, 100 ms (asterisk/asterisk,
 * main/channel.c).
 */
export const PLAY_DIGIT_TONE_MS: Ms = 100;

/**
 * The silence between two tones when no `w` stands between them: Asterisk's SendDTMF default
 * interval, 250 ms (asterisk/asterisk, apps/app_senddtmf.c: `dinterval <= 0 ? 250 :
 * dinterval`). Twilio documents none.
 */
export const PLAY_DIGIT_GAP_MS: Ms = 250;

/**
 * A `w` in `digits`: "Include w to introduce a 0.5s pause between DTMF tones … 1w2 will tell
 * Twilio to pause 0.5s before playing DTMF tone 2. To include a one-second pause, use ww"
 * (https://www.twilio.com/docs/voice/twiml/play).
 */
export const PLAY_DIGIT_WAIT_MS: Ms = 500;

/** The keys `<Play digits>` plays (besides `w`). */
const PLAYABLE_KEYS = '0123456789*#ABCD';

/** One tone of a `<Play digits>`. */
export interface PlayedTone {
  readonly digit: string;
  readonly startMs: Ms;
  readonly endMs: Ms;
}

/** A `<Play digits>` laid out in time (one loop). */
export interface DigitsPlan {
  readonly tones: readonly PlayedTone[];
  readonly durationMs: Ms;
}

/**
 * When each key of `<Play digits="…">` sounds, from the Play's start (one loop). Each key is a
 * PLAY_DIGIT_TONE_MS tone. Between two keys the line is silent for PLAY_DIGIT_GAP_MS, unless `w`s
 * stand between them: then the silence is 500 ms per `w`, in place of the gap, so "1w2" pauses
 * 0.5 s and "1ww2" 1 s between the tones, as Twilio's page words it. Leading `w`s delay the
 * first tone ("www3" pauses 1.5 s, then plays 3); trailing `w`s lengthen the Play. The Play ends
 * when its last tone or wait does.
 *
 * Keys: 0-9, `*`, `#`, A-D, and `w`; anything else is an error naming its position.
 */
export function playDigitsPlan(digits: string): DigitsPlan {
  const tones: PlayedTone[] = [];
  let t = 0;
  let waitsSinceTone = 0;
  for (let i = 0; i < digits.length; i++) {
    const key = digits[i]!;
    if (key === 'w') {
      t += PLAY_DIGIT_WAIT_MS;
      waitsSinceTone++;
      continue;
    }
    if (!PLAYABLE_KEYS.includes(key)) {
      throw new RangeError(
        `playDigitsPlan: digits ${JSON.stringify(digits)} has ${JSON.stringify(key)} at index ${i}; expected 0-9, *, #, A-D or w.`,
      );
    }
    if (tones.length > 0 && waitsSinceTone === 0) t += PLAY_DIGIT_GAP_MS;
    tones.push({ digit: key, startMs: t, endMs: t + PLAY_DIGIT_TONE_MS });
    t += PLAY_DIGIT_TONE_MS;
    waitsSinceTone = 0;
  }
  return { tones, durationMs: t };
}
