import { greetingTotals, type GreetingSegment } from '../../scenario/index.ts';

/**
 * Seconds as a listener says them: at least one decimal and at most three, trailing zeros past
 * the first dropped (0.4 → "0.4 s", 1 → "1.0 s", 0.229 → "0.229 s").
 */
export function secondsWords(seconds: number): string {
  const fixed = seconds.toFixed(3).replace(/0{1,2}$/, '');
  return `${fixed} s`;
}

/** The keys a DTMF segment plays: "the key #", "the keys 0123456789". */
function keysWords(keys: string): string {
  return keys.length === 1 ? `the key ${keys}` : `the keys ${keys}`;
}

/** A DTMF segment's tone settings in parentheses: lengths, then any level and twist. */
function toneWords(segment: Extract<GreetingSegment, { dtmf: string }>): string {
  const parts = [`${segment.toneMs} ms tone`, `${segment.gapMs} ms gap`];
  if (segment.levelDbfs !== undefined) parts.push(`${segment.levelDbfs} dBFS`);
  if (segment.twistDb !== undefined) parts.push(`twist ${segment.twistDb} dB`);
  return `(${parts.join(', ')})`;
}

/**
 * One greeting segment in words: "0.4 s of speech", "1.0 s of silence", "the key # (120 ms
 * tone, 80 ms gap) ×3", "the recording hello.wav".
 */
export function segmentWords(segment: GreetingSegment): string {
  if ('speech' in segment) return `${secondsWords(segment.speech)} of speech`;
  if ('silence' in segment) return `${secondsWords(segment.silence)} of silence`;
  if ('audio' in segment) return `the recording ${segment.audio}`;
  const repeat = segment.repeat > 1 ? ` ×${segment.repeat}` : '';
  return `${keysWords(segment.dtmf)} ${toneWords(segment)}${repeat}`;
}

/** A whole greeting in words, its segments in order, comma-separated. */
export function greetingWords(greeting: readonly GreetingSegment[]): string {
  if (greeting.length === 0) return 'nothing (an empty greeting: the beep at once)';
  return greeting.map(segmentWords).join(', ');
}

/** A greeting's length as the engine lays it out, in words ("2.3 s"); recordings count as 0. */
export function greetingLengthWords(greeting: readonly GreetingSegment[]): string {
  return secondsWords(greetingTotals(greeting).ms / 1000);
}

/**
 * A greeting as scenario JSON (the value of `voicemail.greeting`), one segment a line:
 * `[\n  { "speech": 0.4 },\n  { "dtmf": "1", "toneMs": 120, "gapMs": 80, "repeat": 1 }\n]`.
 */
export function greetingJson(greeting: readonly GreetingSegment[]): string {
  if (greeting.length === 0) return '[]';
  const line = (segment: GreetingSegment) =>
    `  { ${Object.entries(segment)
      .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(', ')} }`;
  return `[\n${greeting.map(line).join(',\n')}\n]`;
}
