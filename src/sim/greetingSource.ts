/**
 * A greeting as written (segments, some of them recordings) turned into what both levels need:
 * the symbolic segments the event level lays out, and where each recording sits in time.
 */
import type { Ms } from '../core/units.ts';
import { greetingSegmentsFromAudio, samplesToMs } from '../audio/index.ts';
import type { SymbolicGreetingSegment } from '../phone/greetingTimeline.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import {
  audioNotLoadedIssue,
  greetingAudioSegments,
  greetingBoundIssues,
  runBoundIssues,
  ScenarioError,
  type GreetingSegment,
  type Scenario,
  type ScenarioIssue,
} from '../scenario/index.ts';

/** Audio files a scenario refers to, by the path written in it: 8 kHz mono PCM, full scale ±1. */
export type ScenarioAssets = Readonly<Record<string, Float32Array>>;

export interface GreetingRecording {
  readonly path: string;
  readonly startMs: Ms;
  readonly samples: Float32Array;
}

export interface ExpandedGreeting {
  readonly segments: readonly SymbolicGreetingSegment[];
  readonly recordings: readonly GreetingRecording[];
}

/**
 * The greeting's bounds (scenario/greetingBounds.ts) with each recording's length counted, once
 * the files are loaded; a file not loaded counts as 0 (expandGreeting refuses it).
 */
export function recordedGreetingIssues(
  greeting: readonly GreetingSegment[],
  assets: ScenarioAssets,
): ScenarioIssue[] {
  return greetingBoundIssues(greeting, recordingLengths(assets));
}

/**
 * The greeting's bounds, then the run's size (scenario/runBounds.ts: at fidelity "signal" every
 * call decodes the greeting, so a recording's length adds to a run's cost), with each
 * recording's length counted once the files are loaded.
 */
export function recordedScenarioIssues(
  scenario: Scenario,
  assets: ScenarioAssets,
): ScenarioIssue[] {
  const greetingIssues = recordedGreetingIssues(scenario.voicemail.greeting, assets);
  if (greetingIssues.length > 0) return greetingIssues;
  return runBoundIssues(scenario, recordingLengths(assets));
}

/** Each recording's length in ms, by the path written in the scenario (0 for one not loaded). */
export function recordingLengths(assets: ScenarioAssets): (file: string) => Ms {
  return (file) => samplesToMs(assets[file]?.length ?? 0);
}

/**
 * Replaces each recording by the segments its analysis finds (DTMF keys, app_amd's voiced and
 * silent frames at `silenceThreshold`). Throws ScenarioError naming the segment whose file was
 * not loaded, or a greeting the recordings make longer than its bound.
 */
export function expandGreeting(
  greeting: readonly GreetingSegment[],
  assets: ScenarioAssets,
  silenceThreshold: number,
): ExpandedGreeting {
  const audio = greetingAudioSegments(greeting);
  const missing = audio.find((segment) => !assets[segment.file]);
  if (missing) throw new ScenarioError([audioNotLoadedIssue(missing)]);
  if (audio.length > 0) {
    const tooLong = recordedGreetingIssues(greeting, assets);
    if (tooLong.length > 0) throw new ScenarioError(tooLong);
  }
  const segments: SymbolicGreetingSegment[] = [];
  const recordings: GreetingRecording[] = [];
  greeting.forEach((segment) => {
    if (!('audio' in segment)) {
      segments.push(segment);
      return;
    }
    const samples = assets[segment.audio]!;
    recordings.push({ path: segment.audio, startMs: greetingTimeline(segments).endMs, samples });
    segments.push(...greetingSegmentsFromAudio(samples, silenceThreshold));
  });
  return { segments, recordings };
}
