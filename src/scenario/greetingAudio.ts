/**
 * `{ "audio": "file.wav" }` greeting segments: a recording in a WAV file named relative to the
 * scenario file. The format accepts one anywhere; what happens to it depends on who runs it:
 * - the CLI reads the file next to the scenario, and refuses one it cannot read or decode
 *   (`unreadableAudioIssue`), then checks the greeting's length with the recordings counted
 *   (`greetingBoundIssues` in greetingBounds.ts);
 * - the app has no files next to a scenario, so it refuses the segment and points to the
 *   Greeting view, which turns a recording into symbolic segments (`audioInAppIssue`);
 * - the engine plays the samples it was given, and refuses a segment whose file was not loaded
 *   with the scenario (`audioNotLoadedIssue`): the control plane's phones, which take no files,
 *   meet this.
 */
import type { GreetingSegment } from './schema.ts';
import type { ScenarioIssue } from './validate.ts';
import { jsonPath } from './jsonPath.ts';

/** One `{ "audio" }` segment of a greeting: the file as written, and where it is written. */
export interface GreetingAudioSegment {
  readonly index: number;
  readonly file: string;
  /** JSONPath of the file name, `$.voicemail.greeting[i].audio`. */
  readonly path: string;
}

/** The greeting's `{ "audio" }` segments, in order (a file named twice is listed twice). */
export function greetingAudioSegments(
  greeting: readonly GreetingSegment[],
): GreetingAudioSegment[] {
  return greeting.flatMap((segment, index) =>
    'audio' in segment
      ? [{ index, file: segment.audio, path: jsonPath(['voicemail', 'greeting', index, 'audio']) }]
      : [],
  );
}

/** The CLI could not read or decode the file; `why` says what happened. */
export function unreadableAudioIssue(segment: GreetingAudioSegment, why: string): ScenarioIssue {
  return {
    path: segment.path,
    expected: 'a readable WAV file (relative to the scenario file)',
    found: `${JSON.stringify(segment.file)} (${why})`,
  };
}

/** The app cannot run a recording named in the scenario. */
export function audioInAppIssue(segment: GreetingAudioSegment): ScenarioIssue {
  return {
    path: segment.path,
    expected:
      'speech, silence or dtmf segments in the app (a recording runs in the CLI, read next to the scenario file; here, open it in the Greeting view and use it as the greeting)',
    found: JSON.stringify(segment.file),
  };
}

/** The engine was given no samples for the file. */
export function audioNotLoadedIssue(segment: GreetingAudioSegment): ScenarioIssue {
  return {
    path: segment.path,
    expected:
      'an audio file loaded with the scenario (the CLI reads it relative to the scenario file; in the app, load it in the Greeting view)',
    found: `${JSON.stringify(segment.file)}, not loaded`,
  };
}
