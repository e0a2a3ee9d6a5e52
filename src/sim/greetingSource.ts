/**
 * A greeting as written (segments, some of them recordings) turned into what both levels need:
 * the symbolic segments the event level lays out, and where each recording sits in time.
 */
import { greetingSegmentsFromAudio } from '../audio/index.ts';
import type { SymbolicGreetingSegment } from '../phone/greetingTimeline.ts';
import { greetingTimeline } from '../phone/greetingTimeline.ts';
import { ScenarioError, type GreetingSegment } from '../scenario/index.ts';

/** Audio files a scenario refers to, by the path written in it: 8 kHz mono PCM, full scale ±1. */
export type ScenarioAssets = Readonly<Record<string, Float32Array>>;

export interface GreetingRecording {
  readonly path: string;
  readonly startMs: number;
  readonly samples: Float32Array;
}

export interface ExpandedGreeting {
  readonly segments: readonly SymbolicGreetingSegment[];
  readonly recordings: readonly GreetingRecording[];
}

/**
 * Replaces each recording by the segments its analysis finds (DTMF keys, app_amd's voiced and
 * silent frames at `silenceThreshold`). Throws ScenarioError naming the segment whose file was
 * not loaded.
 */
export function expandGreeting(
  greeting: readonly GreetingSegment[],
  assets: ScenarioAssets,
  silenceThreshold: number,
): ExpandedGreeting {
  const segments: SymbolicGreetingSegment[] = [];
  const recordings: GreetingRecording[] = [];
  greeting.forEach((segment, i) => {
    if (!('audio' in segment)) {
      segments.push(segment);
      return;
    }
    const samples = assets[segment.audio];
    if (!samples) {
      throw new ScenarioError([
        {
          path: `$.voicemail.greeting[${i}].audio`,
          expected:
            'an audio file loaded with the scenario (the CLI reads it relative to the scenario file; in the app, load it in the Greeting view)',
          found: `${JSON.stringify(segment.audio)}, not loaded`,
        },
      ]);
    }
    recordings.push({ path: segment.audio, startMs: greetingTimeline(segments).endMs, samples });
    segments.push(...greetingSegmentsFromAudio(samples, silenceThreshold));
  });
  return { segments, recordings };
}
