import { describe, expect, it } from 'vitest';
import {
  codeSpans,
  COMMA_PAUSE_MS,
  PLAY_DIGIT_GAP_MS,
  PLAY_DIGIT_TONE_MS,
  PLAY_DIGIT_WAIT_MS,
  SAY_WORDS_PER_MINUTE,
  SENTENCE_PAUSE_MS,
  codeSpan,
  keyNamed,
  playDigitsPlan,
  sayDurationMs,
  speechPlan,
} from './speech.ts';

/** Offset of word k at the Say rate, pauses aside: round(k × 60000 / 180) = round(k × 1000 / 3). */
const word = (k: number) => Math.round((k * 60_000) / SAY_WORDS_PER_MINUTE);

describe('the Say rate and pauses', () => {
  it('speaks 180 words a minute, so three words take exactly one second', () => {
    expect(SAY_WORDS_PER_MINUTE).toBe(180);
    expect(sayDurationMs('one two three')).toBe(1000);
    expect(sayDurationMs('a b c d e f g h i')).toBe(3000);
  });

  it('rounds each word boundary from the start, so offsets are whole ms that add up', () => {
    expect(speechPlan('hello there').tokens).toEqual([
      { text: 'hello', kind: 'word', startMs: 0, endMs: 333 },
      { text: 'there', kind: 'word', startMs: 333, endMs: 667 },
    ]);
    expect(sayDurationMs('hello there')).toBe(667);
  });

  it('speaks each digit as a word of its own, with or without spaces', () => {
    expect(sayDurationMs('123456')).toBe(2000);
    expect(sayDurationMs('1 2 3 4 5 6')).toBe(2000);
    expect(speechPlan('2FA').tokens.map((t) => [t.text, t.kind])).toEqual([
      ['2', 'digit'],
      ['FA', 'word'],
    ]);
  });

  it('pauses 500 ms at a comma and 1000 ms at a full stop, between words only', () => {
    expect(COMMA_PAUSE_MS).toBe(500);
    expect(SENTENCE_PAUSE_MS).toBe(1000);
    expect(sayDurationMs('yes, no')).toBe(word(2) + 500);
    expect(sayDurationMs('yes. no')).toBe(word(2) + 1000);
    expect(sayDurationMs('yes; no: maybe')).toBe(word(3) + 1000);
    expect(sayDurationMs('yes! no? maybe… so')).toBe(word(4) + 3000);
  });

  it('pauses once, for the strongest mark, when several stand between two words', () => {
    expect(sayDurationMs('wait, . now')).toBe(word(2) + 1000);
    expect(sayDurationMs('wait... now')).toBe(word(2) + 1000);
    expect(sayDurationMs('wait,, now')).toBe(word(2) + 500);
  });

  it('adds nothing for punctuation before the first word or after the last', () => {
    expect(sayDurationMs('...Hello.')).toBe(word(1));
    expect(sayDurationMs('  , Hello ,  ')).toBe(word(1));
  });

  it('keeps an apostrophe between letters inside the word', () => {
    expect(speechPlan("don't stop").tokens.map((t) => t.text)).toEqual(["don't", 'stop']);
    expect(speechPlan('it’s').tokens.map((t) => t.text)).toEqual(['it’s']);
    expect(sayDurationMs("'quoted'")).toBe(word(1));
  });

  it('reads # * + @ & % $ = as words and leaves hyphens, slashes and brackets silent', () => {
    expect(speechPlan('press #').tokens.map((t) => [t.text, t.kind])).toEqual([
      ['press', 'word'],
      ['#', 'symbol'],
    ]);
    expect(sayDurationMs('#*+@&%$=')).toBe(word(8));
    expect(sayDurationMs('1-2/3 (4) [5] "6"')).toBe(word(6));
  });

  it('counts letters beyond ASCII as letters and dashes and no-break spaces as silence', () => {
    expect(speechPlan('café — déjà\u00a0vu').tokens.map((t) => t.text)).toEqual([
      'café',
      'déjà',
      'vu',
    ]);
  });

  it('times an empty or silent text at zero', () => {
    expect(sayDurationMs('')).toBe(0);
    expect(speechPlan(' , . - ')).toEqual({ tokens: [], durationMs: 0 });
  });

  it('lays the tokens of a sentence end to end with its pauses', () => {
    const plan = speechPlan('Your code is 1 2 3, 4 5 6.');
    expect(plan.tokens.map((t) => [t.text, t.startMs, t.endMs])).toEqual([
      ['Your', 0, word(1)],
      ['code', word(1), word(2)],
      ['is', word(2), word(3)],
      ['1', word(3), word(4)],
      ['2', word(4), word(5)],
      ['3', word(5), word(6)],
      ['4', 500 + word(6), 500 + word(7)],
      ['5', 500 + word(7), 500 + word(8)],
      ['6', 500 + word(8), 500 + word(9)],
    ]);
    expect(plan.durationMs).toBe(3500);
    expect(sayDurationMs('Your code is 1 2 3, 4 5 6.')).toBe(plan.durationMs);
  });
});

describe('codeSpan', () => {
  it('finds a code written as one number, from its first digit to its last', () => {
    expect(codeSpan('Your code is 123456', '123456')).toEqual({ startMs: 1000, endMs: 3000 });
  });

  it('finds a code spelt with spaces, commas or hyphens between the digits, pauses included', () => {
    expect(codeSpan('Your code is 1 2 3, 4 5 6', '123456')).toEqual({
      startMs: 1000,
      endMs: 3500,
    });
    expect(codeSpan('1-2-3-4-5-6', '123456')).toEqual({ startMs: 0, endMs: 2000 });
    expect(codeSpan('1. 2. 3.', '123')).toEqual({ startMs: 0, endMs: word(3) + 2000 });
  });

  it('finds a code inside a longer run of digits', () => {
    expect(codeSpan('your code is 1234567', '234567')).toEqual({
      startMs: word(4),
      endMs: word(10),
    });
    expect(codeSpan('your code is 1234567', '123456')).toEqual({
      startMs: word(3),
      endMs: word(9),
    });
  });

  it('does not join digits across a spoken word or symbol', () => {
    expect(codeSpan('123 and 456', '123456')).toBeNull();
    expect(codeSpan('123#456', '123456')).toBeNull();
    expect(codeSpan('12 34', '1234')).toEqual({ startMs: 0, endMs: word(4) });
  });

  it('returns the first reading when the Say repeats the code', () => {
    expect(codeSpan('42. again, 42', '42')).toEqual({ startMs: 0, endMs: word(2) });
  });

  it('finds a code that overlaps a false start in the same run', () => {
    // 1 1 1 2 1: the code 1121 starts at the second digit.
    expect(codeSpan('11121', '1121')).toEqual({ startMs: word(1), endMs: word(5) });
  });

  it('returns null when the digits are not all there, or out of order', () => {
    expect(codeSpan('Your code is 12345', '123456')).toBeNull();
    expect(codeSpan('654321', '123456')).toBeNull();
    expect(codeSpan('no digits here', '1')).toBeNull();
  });

  it('rejects a code that is empty or not all digits', () => {
    expect(() => codeSpan('123', '')).toThrow(/code is empty; expected one or more digits 0-9/);
    expect(() => codeSpan('123', '12a')).toThrow(
      /code "12a" has "a" at index 2; expected digits 0-9 only/,
    );
  });
});

describe('keyNamed', () => {
  it.each([
    ['press 7', '7'],
    ['Press the pound key', '#'],
    ['press pound', '#'],
    ['press hash', '#'],
    ['press the # key', '#'],
    ['press #', '#'],
    ['press star', '*'],
    ['press the star key', '*'],
    ['press *', '*'],
    ['press asterisk', '*'],
    ['press zero', '0'],
    ['press one', '1'],
    ['press two', '2'],
    ['press three', '3'],
    ['press four', '4'],
    ['press five', '5'],
    ['press six', '6'],
    ['press seven', '7'],
    ['press eight', '8'],
    ['press nine', '9'],
    ['press any key', 'any'],
    ['enter 1', '1'],
    ['dial 1', '1'],
    ['push 1', '1'],
    ['hit 1', '1'],
    ['type 1', '1'],
    ['hit the number 4', '4'],
    ['PRESS THE NUMBER NINE', '9'],
    ['To hear it again, press, 1.', '1'],
  ])('understands %j as %j', (text, key) => {
    expect(keyNamed(text)).toBe(key);
  });

  it('takes the first key when several are named', () => {
    expect(keyNamed('press 1 for sales or 2 for support')).toBe('1');
    expect(keyNamed('For sales press 3, for support press 4')).toBe('3');
  });

  it.each([
    'your code is 1 2 3',
    'press',
    'press the',
    'press the button',
    'enter your code',
    'press 12 for more',
    'Press. Then 5.',
    'or 2',
    '',
  ])('hears no key in %j', (text) => {
    expect(keyNamed(text)).toBeNull();
  });

  it('finds a later phrase after one that names no key', () => {
    expect(keyNamed('enter your code, or press 0 for help')).toBe('0');
  });
});

describe('playDigitsPlan', () => {
  it('plays each key as a 100 ms tone with 250 ms between keys', () => {
    expect([PLAY_DIGIT_TONE_MS, PLAY_DIGIT_GAP_MS, PLAY_DIGIT_WAIT_MS]).toEqual([100, 250, 500]);
    expect(playDigitsPlan('12#')).toEqual({
      tones: [
        { digit: '1', startMs: 0, endMs: 100 },
        { digit: '2', startMs: 350, endMs: 450 },
        { digit: '#', startMs: 700, endMs: 800 },
      ],
      durationMs: 800,
    });
  });

  it('puts 0.5 s of silence per w between two tones, in place of the gap', () => {
    expect(playDigitsPlan('1w2').tones[1]).toEqual({ digit: '2', startMs: 600, endMs: 700 });
    expect(playDigitsPlan('1ww2').tones[1]).toEqual({ digit: '2', startMs: 1100, endMs: 1200 });
  });

  it('delays the first tone by leading ws and lengthens the Play by trailing ones', () => {
    expect(playDigitsPlan('www3')).toEqual({
      tones: [{ digit: '3', startMs: 1500, endMs: 1600 }],
      durationMs: 1600,
    });
    expect(playDigitsPlan('3w').durationMs).toBe(600);
    expect(playDigitsPlan('')).toEqual({ tones: [], durationMs: 0 });
  });

  it('plays *, # and A-D', () => {
    expect(playDigitsPlan('*#ABCD').tones.map((t) => t.digit)).toEqual([
      '*',
      '#',
      'A',
      'B',
      'C',
      'D',
    ]);
  });

  it('rejects a key it cannot play, naming where', () => {
    expect(() => playDigitsPlan('12x4')).toThrow(
      /digits "12x4" has "x" at index 2; expected 0-9, \*, #, A-D or w/,
    );
  });
});

describe('codeSpans', () => {
  it('finds every place a Say reads the code, in order', () => {
    // your(0) code(1) is(2) 1-6 (3–8) . once(9) again(10) , 1-6 (11–16)
    const text = 'Your code is 123456. Once again, 123456.';
    expect(codeSpans(text, '123456')).toEqual([
      { startMs: 1000, endMs: 3000 },
      { startMs: 1000 + 2000 + 1000 + 667 + 500, endMs: 1000 + 2000 + 1000 + 667 + 500 + 2000 },
    ]);
    expect(codeSpan(text, '123456')).toEqual(codeSpans(text, '123456')[0]);
  });

  it('reads a run that holds the code twice end to end twice, never overlapping', () => {
    expect(codeSpans('1212 12', '12')).toHaveLength(3);
    expect(codeSpans('121', '121')).toHaveLength(1);
    expect(codeSpans('no digits here', '12')).toEqual([]);
  });
});
