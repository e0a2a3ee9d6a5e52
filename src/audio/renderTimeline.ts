/**
 * Renders a greeting timeline to 8 kHz PCM: speech segments as speech-like sound, DTMF as Q.23
 * tone pairs, silence as silence, recorded pieces as themselves, then the voicemail beep, all
 * over white line noise (or none, for the recording itself).
 */
import type { Ms } from '../core/units.ts';
import type { Rng } from '../core/rng.ts';
import type { GreetingTimeline } from '../phone/greetingTimeline.ts';
import { VOICEMAIL_BEEP } from './callProgressTones.ts';
import { renderDtmfTone } from './dtmfTones.ts';
import { addWhiteNoise, noiseRmsForSnr } from './lineNoise.ts';
import { SAMPLE_RATE_HZ, dbfsToAmplitude, msToSamples } from './sampleRate.ts';
import { speechLike } from './speechLike.ts';

export interface RenderTimelineOptions {
  rng: Rng;
  /** RMS level of speech, dBFS. Default -20. */
  speechLevelDbfs?: number;
  /** Level of each DTMF tone, dBFS, unless the tone sets its own. Default -10. */
  toneLevelDbfs?: number;
  /** DTMF twist (low minus high tone), dB, unless the tone sets its own. Default 0. */
  twistDb?: number;
  /** Speech power over line-noise power, dB; null for no noise. Default 40. */
  snrDb?: number | null;
  /** Recorded audio placed on the timeline; segments and tones starting inside one are not drawn. */
  recordings?: ReadonlyArray<{ startMs: Ms; samples: Float32Array }>;
  /** The beep after the greeting. Default: VOICEMAIL_BEEP's frequency. */
  beepHz?: number;
  beepMs?: Ms;
  /** Beep level, dBFS. Default: VOICEMAIL_BEEP's level. */
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
    twistDb = 0,
    snrDb = 40,
    recordings = [],
    beepHz = VOICEMAIL_BEEP.frequenciesHz[0]!,
    beepMs = 500,
    beepLevelDbfs = VOICEMAIL_BEEP.levelDbfs,
  } = options;
  if (snrDb !== null && !Number.isFinite(snrDb)) {
    throw new RangeError(`renderTimeline: snrDb is ${snrDb}; pass a finite number of dB.`);
  }
  const beepStart = msToSamples(timeline.endMs);
  const out = new Float32Array(beepStart + msToSamples(beepMs));
  const recorded = (ms: number) =>
    recordings.some(
      (r) => ms >= r.startMs && msToSamples(ms) < msToSamples(r.startMs) + r.samples.length,
    );
  for (const segment of timeline.segments) {
    if (segment.kind !== 'speech' || recorded(segment.startMs)) continue;
    const speech = speechLike({
      durationMs: segment.endMs - segment.startMs,
      rng,
      levelDbfs: speechLevelDbfs,
    });
    out.set(speech, msToSamples(segment.startMs));
  }
  for (const tone of timeline.tones) {
    if (recorded(tone.startMs)) continue;
    const samples = renderDtmfTone({
      digit: tone.digit,
      durationMs: tone.endMs - tone.startMs,
      levelDbfs: tone.levelDbfs ?? toneLevelDbfs,
      twistDb: tone.twistDb ?? twistDb,
    });
    out.set(samples, msToSamples(tone.startMs));
  }
  for (const recording of recordings) {
    const at = msToSamples(recording.startMs);
    out.set(
      recording.samples.subarray(
        0,
        Math.max(0, Math.min(recording.samples.length, beepStart - at)),
      ),
      at,
    );
  }
  const beepAmplitude = dbfsToAmplitude(beepLevelDbfs);
  const beepStep = (2 * Math.PI * beepHz) / SAMPLE_RATE_HZ;
  for (let n = beepStart; n < out.length; n++) {
    out[n] = beepAmplitude * Math.sin(beepStep * (n - beepStart));
  }
  if (snrDb === null) return out;
  return addWhiteNoise(out, lineNoiseRms(speechLevelDbfs, snrDb), rng);
}

/** The line noise's RMS for speech at `speechLevelDbfs` and a given SNR. */
export function lineNoiseRms(speechLevelDbfs: number, snrDb: number): number {
  // speechLike's level is an RMS in the same convention as a sine's dBFS: amplitude / √2.
  const speechPower = dbfsToAmplitude(speechLevelDbfs) ** 2 / 2;
  return noiseRmsForSnr(speechPower, snrDb);
}
