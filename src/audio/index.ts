export { SAMPLE_RATE_HZ, msToSamples, samplesToMs, dbfsToAmplitude } from './sampleRate.ts';
export {
  DTMF_ROW_HZ,
  DTMF_COLUMN_HZ,
  DTMF_KEYPAD,
  dtmfFrequencies,
  renderDtmfTone,
} from './dtmfTones.ts';
export { RINGBACK, VOICEMAIL_BEEP } from './callProgressTones.ts';
export { GoertzelBank } from './goertzel.ts';
export { DtmfDetector, detectDtmf } from './dtmfDetector.ts';
export { addWhiteNoise, noiseRmsForSnr, meanPower, normaliseRms } from './lineNoise.ts';
export { NoiseTable } from './noiseTable.ts';
export { speechLike } from './speechLike.ts';
export { musicLike } from './musicLike.ts';
export { noisyGreeting } from './noisyGreeting.ts';
export { amdOnPcm, voicedFrames } from './amdOnPcm.ts';
export { renderTimeline, lineNoiseRms } from './renderTimeline.ts';
export { decodeWav, encodeWav } from './wavCodec.ts';
export { analyzeAudio } from './analyzeAudio.ts';
export {
  audioRegions,
  segmentsFromRegions,
  greetingSegmentsFromAudio,
} from './greetingFromAudio.ts';
export type { SteadyTone, CadencedTone } from './callProgressTones.ts';
export type { DtmfPair, DtmfToneOptions } from './dtmfTones.ts';
export type { DtmfKeyPress, DtmfDetectorOptions } from './dtmfDetector.ts';
export type { SpeechLikeOptions } from './speechLike.ts';
export type { MusicLikeOptions } from './musicLike.ts';
export type { NoisyGreetingOptions } from './noisyGreeting.ts';
export type { RenderTimelineOptions } from './renderTimeline.ts';
export type { DecodedWav } from './wavCodec.ts';
export type { AudioAnalysis } from './analyzeAudio.ts';
export type { AudioRegion } from './greetingFromAudio.ts';
export { voicedSpansFromPcm, beepSpanFromPcm } from './voicedSpans.ts';
export type { BeepDetectOptions } from './voicedSpans.ts';
