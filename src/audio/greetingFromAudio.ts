/**
 * A recorded greeting as the event level sees it: the DTMF detector's key presses and app_amd's
 * voiced/silent 20 ms frames, laid out as the scenario format's segments. The same analysis
 * decides both levels, so a greeting file and its segments run the same model.
 */
import type { Ms } from '../core/units.ts';
import type { SymbolicGreetingSegment } from '../phone/greetingTimeline.ts';
import { AMD_FRAME_MS } from '../phone/amd/index.ts';
import { voicedFrames } from './amdOnPcm.ts';
import { detectDtmf, type DtmfKeyPress } from './dtmfDetector.ts';
import { samplesToMs } from './sampleRate.ts';

/** A stretch of a recording, in ms from its start. */
export interface AudioRegion {
  kind: 'speech' | 'silence' | 'dtmf';
  startMs: Ms;
  endMs: Ms;
  /** The key, for 'dtmf' regions. */
  digit?: string;
}

/**
 * Speech, silence and tone regions covering the recording end to end, in whole ms. Tones win
 * over the frames they overlap (a tone is voice to app_amd too, but it is heard as a key).
 */
export function audioRegions(
  samples: Float32Array,
  silenceThreshold: number,
  keys: readonly DtmfKeyPress[] = detectDtmf(samples),
): AudioRegion[] {
  const durationMs = Math.round(samplesToMs(samples.length));
  const voiced = voicedFrames(samples, silenceThreshold);
  const regions: AudioRegion[] = [];
  const push = (kind: AudioRegion['kind'], startMs: number, endMs: number, digit?: string) => {
    if (endMs <= startMs) return;
    const last = regions[regions.length - 1];
    if (kind !== 'dtmf' && last && last.kind === kind) {
      last.endMs = endMs;
      return;
    }
    regions.push(digit === undefined ? { kind, startMs, endMs } : { kind, startMs, endMs, digit });
  };
  /** Frames between two instants, cut at the instants (a trailing partial frame is silence). */
  const framesBetween = (fromMs: number, toMs: number) => {
    let t = fromMs;
    while (t < toMs) {
      const frame = Math.floor(t / AMD_FRAME_MS);
      const frameEnd = Math.min(toMs, (frame + 1) * AMD_FRAME_MS);
      push(voiced[frame] ? 'speech' : 'silence', t, frameEnd);
      t = frameEnd;
    }
  };
  let cursor = 0;
  for (const key of keys) {
    const startMs = Math.max(cursor, Math.round(key.startMs));
    const endMs = Math.min(durationMs, Math.round(key.endMs));
    if (endMs <= startMs) continue;
    framesBetween(cursor, startMs);
    push('dtmf', startMs, endMs, key.digit);
    cursor = endMs;
  }
  framesBetween(cursor, durationMs);
  return absorbToneEdges(regions);
}

/**
 * The detector's estimate of a tone's edges is a few ms off the frames': a sliver of "speech"
 * (under one frame) touching a tone is the tone's own edge, so the tone takes it.
 */
function absorbToneEdges(regions: AudioRegion[]): AudioRegion[] {
  const out: AudioRegion[] = [];
  for (let i = 0; i < regions.length; i++) {
    const region = { ...regions[i]! };
    const sliver = region.kind === 'speech' && region.endMs - region.startMs < AMD_FRAME_MS;
    const previous = out[out.length - 1];
    const next = regions[i + 1];
    if (sliver && previous?.kind === 'dtmf') {
      previous.endMs = region.endMs;
      continue;
    }
    if (sliver && next?.kind === 'dtmf') {
      regions[i + 1] = { ...next, startMs: region.startMs };
      continue;
    }
    if (previous && region.kind !== 'dtmf' && previous.kind === region.kind) {
      previous.endMs = region.endMs;
      continue;
    }
    out.push(region);
  }
  return out;
}

/** The regions as scenario segments: `{ speech }`, `{ silence }`, `{ dtmf, toneMs, gapMs: 0 }`. */
export function segmentsFromRegions(regions: readonly AudioRegion[]): SymbolicGreetingSegment[] {
  return regions.map((region): SymbolicGreetingSegment => {
    const ms = region.endMs - region.startMs;
    if (region.kind === 'dtmf') {
      return { dtmf: region.digit!, toneMs: ms, gapMs: 0, repeat: 1 };
    }
    return region.kind === 'speech' ? { speech: ms / 1000 } : { silence: ms / 1000 };
  });
}

/** A recording as greeting segments, for the event level and for "use as greeting". */
export function greetingSegmentsFromAudio(
  samples: Float32Array,
  silenceThreshold: number,
): SymbolicGreetingSegment[] {
  return segmentsFromRegions(audioRegions(samples, silenceThreshold));
}
