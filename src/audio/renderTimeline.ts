/**
 * Renders a greeting timeline to 8 kHz PCM: speech segments as speech-like sound, DTMF as Q.23
 * tone pairs, silence as silence, then the voicemail beep, all over white line noise.
 */
import type { Rng } from '../core/rng.ts';
import type { GreetingTimeline } from '../phone/greetingTimeline.ts';
import { renderDtmfTone } from './dtmfTones.ts';
import { addWhiteNoise, noiseRmsForSnr } from './lineNoise.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { speechLike } from './speechLike.ts';

export interface RenderTimelineOptions {
  rng: Rng;
  /** RMS level of speech, dBFS. Default -20. */
  speechLevelDbfs?: number;
  /** Level of each DTMF tone, dBFS. Default -10. */
  toneLevelDbfs?: number;
  /** Speech power over line-noise power, dB. Default 40. */
  snrDb?: number;
  /** The beep after the greeting; voicemail systems commonly use about 1 kHz. */
  beepHz?: number;
  beepMs?: number;
  /** Beep level, dBFS. Default -10. */
  beepLevelDbfs?: number;
}

export function renderTimeline(
  timeline: GreetingTimeline,
  options: RenderTimelineOptions,
): Float32Array {
  const {
    rng,
    speechLevelDbfs = -20,
    toneLevelDbfs = -10,
    snrDb = 40,
    beepHz = 1000,
    beepMs = 500,
    beepLevelDbfs = -10,
  } = options;
  if (!Number.isFinite(snrDb)) {
    throw new RangeError(`renderTimeline: snrDb is ${snrDb}; pass a finite number of dB.`);
  }
  const beepStart = msToSamples(timeline.endMs);
  const out = new Float32Array(beepStart + msToSamples(beepMs));
  for (const segment of timeline.segments) {
    if (segment.kind !== 'speech') continue;
    const speech = speechLike({
      durationMs: segment.endMs - segment.startMs,
      rng,
      levelDbfs: speechLevelDbfs,
    });
    out.set(speech, msToSamples(segment.startMs));
  }
  for (const tone of timeline.tones) {
    const samples = renderDtmfTone({
      digit: tone.digit,
      durationMs: tone.endMs - tone.startMs,
      levelDbfs: toneLevelDbfs,
    });
    out.set(samples, msToSamples(tone.startMs));
  }
  const beepAmplitude = dbfsToAmplitude(beepLevelDbfs);
  const beepStep = (2 * Math.PI * beepHz) / SAMPLE_RATE_HZ;
  for (let n = beepStart; n < out.length; n++) {
    out[n] = beepAmplitude * Math.sin(beepStep * (n - beepStart));
  }
  // speechLike's level is an RMS in the same convention as a sine's dBFS: amplitude / √2.
  const speechPower = dbfsToAmplitude(speechLevelDbfs) ** 2 / 2;
  return addWhiteNoise(out, noiseRmsForSnr(speechPower, snrDb), rng);
}
