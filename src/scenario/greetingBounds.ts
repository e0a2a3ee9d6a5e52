/**
 * Bounds on a voicemail greeting as a whole. The schema bounds each field of a segment; these
 * bound what the segments add up to, which is what costs memory and time: the engine lays out
 * every tone of the greeting as an object (phone/greetingTimeline.ts), and at fidelity "signal"
 * renders the whole greeting to 8 kHz PCM (4 bytes a sample: 115 MB an hour).
 */
import { secondsToMs } from '../core/distributions.ts';
import type { GreetingSegment } from './schema.ts';
import type { ScenarioIssue } from './validate.ts';
import { describeValue, jsonPath, type PathKey } from './jsonPath.ts';

/** Segments in one greeting: a real greeting has a handful; a recording is one segment. */
export const MAX_GREETING_SEGMENTS = 200;
/**
 * A greeting's length in all, at either fidelity (a scenario valid at event level stays valid
 * at signal level). A real voicemail greeting lasts seconds to a couple of minutes; an hour of
 * it at signal level is 115 MB of samples.
 */
export const MAX_GREETING_SECONDS = 3600;
/**
 * DTMF tones in one greeting, each key counted once per `repeat`. A greeting that attacks a
 * prompt plays tens of tones; 2·10^7 of them (200 segments × 100 keys × repeat 1000) took
 * 3.7 GB, so 10,000 cost about 2 MB and stay within the hour at the default 200 ms a tone.
 */
export const MAX_GREETING_TONES = 10_000;

const MAX_GREETING_MS = MAX_GREETING_SECONDS * 1000;

/**
 * Length in ms of each `{ "audio" }` recording, by the file it names. A file is not read when a
 * scenario is validated, so a recording counts as 0 until its length is known (the CLI checks
 * again once it has read the files).
 */
export type RecordingMs = (file: string) => number;

const UNREAD: RecordingMs = () => 0;

/** Whole-greeting bounds broken by `greeting` (at `$.voicemail.greeting`), each at its JSON path. */
export function greetingBoundIssues(
  greeting: readonly GreetingSegment[],
  recordingMs: RecordingMs = UNREAD,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const at = (keys: PathKey[], expected: string, found: string) =>
    issues.push({ path: jsonPath(['voicemail', 'greeting', ...keys]), expected, found });
  let tones = 0;
  let ms = 0;
  let segmentOverTones = false;
  let segmentOverLength = false;
  greeting.forEach((segment, i) => {
    const segmentTones = 'dtmf' in segment ? segment.dtmf.length * segment.repeat : 0;
    const segmentMs = lengthMs(segment, recordingMs);
    tones += segmentTones;
    ms += segmentMs;
    if ('dtmf' in segment && segmentTones > MAX_GREETING_TONES) {
      segmentOverTones = true;
      segmentOverLength ||= segmentMs > MAX_GREETING_MS;
      const fits = Math.floor(MAX_GREETING_TONES / segment.dtmf.length);
      at(
        [i, 'repeat'],
        `at most ${fits} repeats of these ${segment.dtmf.length} keys (a greeting plays at most ${MAX_GREETING_TONES} DTMF tones in all)`,
        `${describeValue(segment.repeat)} (${segmentTones} tones)`,
      );
    } else if ('dtmf' in segment && segmentMs > MAX_GREETING_MS) {
      // The schema's bounds (≤ 100 keys of ≤ 20 s each) make one play shorter than the hour.
      segmentOverLength = true;
      const playMs = segment.dtmf.length * (segment.toneMs + segment.gapMs);
      at(
        [i, 'repeat'],
        `at most ${Math.floor(MAX_GREETING_MS / playMs)} repeats of these ${segment.dtmf.length} keys at ${segment.toneMs + segment.gapMs} ms each (a greeting lasts at most ${MAX_GREETING_SECONDS} s in all)`,
        `${describeValue(segment.repeat)} (${segmentMs / 1000} s)`,
      );
    } else if ('audio' in segment && segmentMs > MAX_GREETING_MS) {
      segmentOverLength = true;
      at(
        [i, 'audio'],
        `a recording of at most ${MAX_GREETING_SECONDS} s (a greeting lasts at most ${MAX_GREETING_SECONDS} s in all)`,
        `${JSON.stringify(segment.audio)} (${segmentMs / 1000} s)`,
      );
    }
  });
  if (!segmentOverTones && tones > MAX_GREETING_TONES) {
    at(
      [],
      `at most ${MAX_GREETING_TONES} DTMF tones in all (keys × repeat, summed over the segments)`,
      `${tones} tones`,
    );
  }
  if (!segmentOverLength && ms > MAX_GREETING_MS) {
    at(
      [],
      `a greeting of at most ${MAX_GREETING_SECONDS} s in all (an hour)`,
      `a greeting of ${ms / 1000} s`,
    );
  }
  return issues;
}

/** A greeting's DTMF tones (keys × repeat) and its length in ms, recordings as `recordingMs` says. */
export function greetingTotals(
  greeting: readonly GreetingSegment[],
  recordingMs: RecordingMs = UNREAD,
): { readonly tones: number; readonly ms: number } {
  let tones = 0;
  let ms = 0;
  for (const segment of greeting) {
    if ('dtmf' in segment) tones += segment.dtmf.length * segment.repeat;
    ms += lengthMs(segment, recordingMs);
  }
  return { tones, ms };
}

/** A segment's length in whole ms, as the engine lays it out (phone/greetingTimeline.ts). */
function lengthMs(segment: GreetingSegment, recordingMs: RecordingMs): number {
  if ('speech' in segment) return secondsToMs(segment.speech);
  if ('silence' in segment) return secondsToMs(segment.silence);
  if ('audio' in segment) return recordingMs(segment.audio);
  return segment.dtmf.length * segment.repeat * (segment.toneMs + segment.gapMs);
}
