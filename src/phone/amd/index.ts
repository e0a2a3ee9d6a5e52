export { AmdDetector } from './AmdDetector.ts';
export { detectOnTimeline } from './detectOnTimeline.ts';
export { frameIsVoiced } from './frameIsVoiced.ts';
export { AMD_FRAME_MS, AMD_VOICED_COVERAGE_MS } from './amdFrame.ts';
export type { AmdTimingParameters } from './AmdDetector.ts';
export type { VoicedInterval } from './detectOnTimeline.ts';
export type { AmdCause, AmdResult, AmdSnapshot, AmdVerdict, AmdWordState } from './amdResult.ts';
