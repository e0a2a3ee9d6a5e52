/**
 * What the Greeting view shows of a recording, from one pass of the signal layer: the detector's
 * keys, app_amd's verdict, and the speech / silence / tone regions with the scenario segments
 * they become.
 */
import { analyzeAudio, audioRegions, segmentsFromRegions } from '../../audio/index.ts';
import type { AudioRegion, DtmfKeyPress } from '../../audio/index.ts';
import type { AmdResult } from '../../phone/amd/index.ts';
import type { SymbolicGreetingSegment } from '../../phone/greetingTimeline.ts';
import type { AmdParameters } from '../../scenario/index.ts';

export interface GreetingAnalysis {
  durationMs: number;
  keys: DtmfKeyPress[];
  amd: AmdResult;
  /** Cover the recording end to end. */
  regions: AudioRegion[];
  /** The regions as the scenario format's greeting segments ("Use as the voicemail greeting"). */
  segments: SymbolicGreetingSegment[];
}

/** `samples`: 8 kHz mono, full scale ±1, from the moment the box picks up. */
export function analyzeGreeting(samples: Float32Array, amd: AmdParameters): GreetingAnalysis {
  const { durationMs, dtmf, amd: verdict } = analyzeAudio(samples, amd);
  // The detector's keys are reused: the regions and the list of digits agree by construction.
  const regions = audioRegions(samples, amd.silenceThreshold, dtmf);
  return { durationMs, keys: dtmf, amd: verdict, regions, segments: segmentsFromRegions(regions) };
}

export interface RegionTotals {
  speechMs: number;
  silenceMs: number;
  toneMs: number;
}

export function regionTotals(regions: readonly AudioRegion[]): RegionTotals {
  const totals: RegionTotals = { speechMs: 0, silenceMs: 0, toneMs: 0 };
  for (const region of regions) {
    const ms = region.endMs - region.startMs;
    if (region.kind === 'speech') totals.speechMs += ms;
    else if (region.kind === 'silence') totals.silenceMs += ms;
    else totals.toneMs += ms;
  }
  return totals;
}

/** Why app_amd decided as it did, in the words of its rule and the parameter that fired. */
export function amdCauseExplanation(amd: AmdResult, params: AmdParameters): string {
  switch (amd.cause) {
    case 'INITIALSILENCE':
      return `no word in the first ${params.initialSilenceMs} ms (initialSilenceMs): a machine`;
    case 'LONGGREETING':
      return `more than ${params.greetingMs} ms of voice in the greeting (greetingMs): a machine reading a message`;
    case 'MAXWORDS':
      return `more than ${params.maximumNumberOfWords} words (maximumNumberOfWords): a machine`;
    case 'MAXWORDLENGTH':
      return `one word longer than ${params.maximumWordLengthMs} ms (maximumWordLengthMs): a machine`;
    case 'HUMAN':
      return `a short greeting, then ${params.afterGreetingSilenceMs} ms of silence (afterGreetingSilenceMs): a person waiting for an answer`;
    case 'TOOLONG':
      return `no decision within ${params.totalAnalysisTimeMs} ms (totalAnalysisTimeMs)`;
  }
}

/** "1.52 s": times in this view are shown to the ms the analysis works in. */
export function formatMs(ms: number, decimals = 2): string {
  return `${(ms / 1000).toFixed(decimals)} s`;
}

export function regionLabel(region: AudioRegion): string {
  return region.kind === 'dtmf' ? `DTMF ${region.digit}` : region.kind;
}
