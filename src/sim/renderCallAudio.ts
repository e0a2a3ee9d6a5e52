/**
 * A whole call as one 8 kHz mono recording, as a tap on the line would hear it: ringback while
 * it rings, then both sides mixed — the box's greeting (recordings as themselves), its beep, the
 * person's "Hello?" and key presses, the service's prompts and readouts — over line noise.
 * Speech is the speech-like signal of the signal level; nothing here decides anything.
 */
import {
  NoiseTable,
  lineNoiseRms,
  msToSamples,
  renderDtmfTone,
  speechLike,
  dbfsToAmplitude,
  SAMPLE_RATE_HZ,
} from '../audio/index.ts';
import { createRng, hashString } from '../core/rng.ts';
import type { CallTrace } from './callTrace.ts';
import type { CompiledScenario } from './compile.ts';

export interface CallAudioOptions {
  /** Seed of the speech and noise; the same seed gives the same samples. Default 1. */
  seed?: number;
}

/** North American ringback: 440 + 480 Hz, 2 s on, 4 s off. */
const RINGBACK_HZ = [440, 480] as const;
const RINGBACK_ON_MS = 2000;
const RINGBACK_PERIOD_MS = 6000;
const RINGBACK_LEVEL_DBFS = -19;
const BEEP_HZ = 1000;
const BEEP_LEVEL_DBFS = -10;
/** The service's recorded voice sits a little above the callee's side. */
const SERVICE_GAIN_DB = 3;

export function renderCallAudio(
  trace: CallTrace,
  compiled: CompiledScenario,
  options: CallAudioOptions = {},
): Float32Array {
  const signal = compiled.signalLevels;
  const rng = createRng(options.seed ?? 1, hashString('call audio'), trace.callNumber);
  const out = new Float32Array(msToSamples(trace.endMs));
  const mix = (samples: Float32Array, atMs: number, untilMs = trace.endMs) => {
    const at = msToSamples(atMs);
    const end = Math.min(out.length, msToSamples(untilMs));
    for (let n = 0; n < samples.length && at + n < end; n++) out[at + n]! += samples[n]!;
  };
  const speech = (startMs: number, endMs: number, gainDb = 0) =>
    speechLike({
      durationMs: Math.max(0, endMs - startMs),
      rng,
      levelDbfs: signal.speechLevelDbfs + gainDb,
    });
  const tone = (hz: readonly number[], durationMs: number, levelDbfs: number) => {
    const samples = new Float32Array(msToSamples(durationMs));
    const amplitude = dbfsToAmplitude(levelDbfs);
    for (let n = 0; n < samples.length; n++) {
      for (const f of hz)
        samples[n]! += amplitude * Math.sin((2 * Math.PI * f * n) / SAMPLE_RATE_HZ);
    }
    return samples;
  };

  for (const span of trace.line) {
    if (span.phase !== 'ringing') continue;
    for (let t = span.startMs; t < span.endMs; t += RINGBACK_PERIOD_MS) {
      const onMs = Math.min(RINGBACK_ON_MS, span.endMs - t);
      mix(tone(RINGBACK_HZ, onMs, RINGBACK_LEVEL_DBFS), t, span.endMs);
    }
  }
  const answeredAt = trace.answeredAtMs ?? 0;
  const recordings = trace.answeredBy === 'voicemail' ? compiled.voicemail.recordings : [];
  const inRecording = (atMs: number) =>
    recordings.some(
      (r) =>
        atMs >= answeredAt + r.startMs &&
        atMs < answeredAt + r.startMs + (r.samples.length * 1000) / SAMPLE_RATE_HZ,
    );
  for (const recording of recordings) mix(recording.samples, answeredAt + recording.startMs);
  for (const span of trace.greeting) {
    if (span.kind === 'speech' && !inRecording(span.startMs)) {
      mix(speech(span.startMs, span.endMs), span.startMs, span.endMs);
    }
  }
  for (const key of trace.tones) {
    if (key.from === 'voicemail' && inRecording(key.startMs)) continue;
    const samples = renderDtmfTone({
      digit: key.digit,
      durationMs: key.endMs - key.startMs,
      levelDbfs: signal.toneLevelDbfs,
      twistDb: signal.twistDb,
    });
    mix(samples, key.startMs, key.endMs);
  }
  if (trace.beep) {
    mix(
      tone([BEEP_HZ], trace.beep.endMs - trace.beep.startMs, BEEP_LEVEL_DBFS),
      trace.beep.startMs,
    );
  }
  if (trace.personHello) {
    mix(speech(trace.personHello.startMs, trace.personHello.endMs), trace.personHello.startMs);
  }
  for (const prompt of trace.prompts) {
    mix(speech(prompt.startMs, prompt.endMs, SERVICE_GAIN_DB), prompt.startMs, prompt.endMs);
  }
  for (const readout of trace.readouts) {
    mix(speech(readout.startMs, readout.endMs, SERVICE_GAIN_DB), readout.startMs, readout.endMs);
  }
  const noise = new NoiseTable(createRng(options.seed ?? 1, hashString('call noise')));
  return noise.addTo(out, lineNoiseRms(signal.speechLevelDbfs, signal.snrDb), rng);
}
