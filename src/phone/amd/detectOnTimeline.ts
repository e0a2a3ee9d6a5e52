/**
 * Event-level AMD: the answerer's sound as voiced intervals, cut into app_amd's 20 ms frames and
 * fed to the same AmdDetector the signal level uses.
 */
import type { Ms } from '../../core/units.ts';
import type { AmdParameters } from '../../scenario/index.ts';
import { AmdDetector } from './AmdDetector.ts';
import { AMD_FRAME_MS, AMD_VOICED_COVERAGE_MS } from './amdFrame.ts';
import type { AmdResult } from './amdResult.ts';

/** A stretch of sound the DSP hears (speech or DTMF), in ms after the answer; [startMs, endMs). */
export interface VoicedInterval {
  readonly startMs: Ms;
  readonly endMs: Ms;
}

/**
 * Runs AMD from the moment of answer over `voiced`: sorted, non-overlapping intervals (touching
 * is fine; sound before 0 is ignored; everything not covered is silence). Frame k covers
 * [20k, 20k + 20) and is voiced when the intervals cover at least 10 ms of it (see amdFrame.ts).
 * Stops at the verdict, so at most totalAnalysisTimeMs / 20 frames are looked at; one cursor
 * walks the intervals and nothing is allocated per frame.
 */
export function detectOnTimeline(
  voiced: ReadonlyArray<VoicedInterval>,
  params: AmdParameters,
): AmdResult {
  assertVoicedIntervals(voiced);
  const detector = new AmdDetector(params);
  let cursor = 0;
  for (let frameStartMs = 0; ; frameStartMs += AMD_FRAME_MS) {
    const frameEndMs = frameStartMs + AMD_FRAME_MS;
    while (cursor < voiced.length && voiced[cursor]!.endMs <= frameStartMs) cursor++;
    let coveredMs = 0;
    for (let i = cursor; i < voiced.length; i++) {
      const interval = voiced[i]!;
      if (interval.startMs >= frameEndMs) break;
      coveredMs += Math.min(interval.endMs, frameEndMs) - Math.max(interval.startMs, frameStartMs);
    }
    const result = detector.feed(coveredMs >= AMD_VOICED_COVERAGE_MS, AMD_FRAME_MS);
    if (result !== null) return result;
  }
}

function assertVoicedIntervals(voiced: ReadonlyArray<VoicedInterval>): void {
  let previousEndMs = -Infinity;
  for (let i = 0; i < voiced.length; i++) {
    const { startMs, endMs } = voiced[i]!;
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
      throw new RangeError(
        `detectOnTimeline: voiced[${i}] is [${startMs}, ${endMs}); an interval needs finite startMs <= endMs.`,
      );
    }
    if (startMs < previousEndMs) {
      throw new RangeError(
        `detectOnTimeline: voiced[${i}] starts at ${startMs} ms, before voiced[${i - 1}] ends at ${previousEndMs} ms; pass sorted, non-overlapping intervals (merge overlapping ones first).`,
      );
    }
    previousEndMs = endMs;
  }
}
