/**
 * A whole call as one 8 kHz mono recording, as a tap on the line would hear it: the call's sound
 * cues (src/sim/callSound.ts) mixed over line noise. Tones are their sines, speech is the
 * speech-like signal of the signal level, recordings are themselves; nothing here decides
 * anything.
 */
import {
  NoiseTable,
  lineNoiseRms,
  msToSamples,
  speechLike,
  dbfsToAmplitude,
  SAMPLE_RATE_HZ,
} from '../audio/index.ts';
import type { Ms } from '../core/distributions.ts';
import { createRng, hashString, type Rng } from '../core/rng.ts';
import {
  callSoundCues,
  callSoundSettings,
  type CallSoundCue,
  type LineLevels,
  type Sine,
} from './callSound.ts';
import type { CallTrace } from './callTrace.ts';
import type { CompiledScenario } from './compile.ts';

export interface CallAudioOptions {
  /** Seed of the speech and noise; the same seed gives the same samples. Default 1. */
  seed?: number;
}

/** The call's cues (from the scenario's line levels and recordings) rendered to PCM. */
export function renderCallAudio(
  trace: CallTrace,
  compiled: CompiledScenario,
  options: CallAudioOptions = {},
): Float32Array {
  const settings = callSoundSettings(compiled);
  return renderCallSound(callSoundCues(trace, settings), {
    durationMs: trace.endMs,
    noise: settings.levels,
    seed: options.seed ?? 1,
    callNumber: trace.callNumber,
  });
}

export interface CallSoundRenderOptions {
  /** The recording's length: the call's. */
  readonly durationMs: Ms;
  /** White line noise `snrDb` below speech at `speechLevelDbfs`, under everything. */
  readonly noise: Pick<LineLevels, 'speechLevelDbfs' | 'snrDb'>;
  /** The same seed and call give the same samples. */
  readonly seed: number;
  /** 1-based call of the trial: each call's speech and noise are its own. */
  readonly callNumber: number;
}

/** Each cue mixed in from its start and cut at its end, in list order, then the line noise. */
export function renderCallSound(
  cues: readonly CallSoundCue[],
  options: CallSoundRenderOptions,
): Float32Array {
  const rng = createRng(options.seed, hashString('call audio'), options.callNumber);
  const out = new Float32Array(msToSamples(options.durationMs));
  for (const cue of cues) {
    const samples = cueSamples(cue, rng);
    const at = msToSamples(cue.startMs);
    const end = Math.min(out.length, msToSamples(cue.endMs));
    for (let n = 0; n < samples.length && at + n < end; n++) out[at + n]! += samples[n]!;
  }
  const noise = new NoiseTable(createRng(options.seed, hashString('call noise')));
  const { speechLevelDbfs, snrDb } = options.noise;
  return noise.addTo(out, lineNoiseRms(speechLevelDbfs, snrDb), rng);
}

function cueSamples(cue: CallSoundCue, rng: Rng): Float32Array {
  const durationMs = cue.endMs - cue.startMs;
  switch (cue.kind) {
    case 'tone':
      return sineSum(cue.sines, durationMs);
    case 'speech':
      return speechLike({ durationMs, rng, levelDbfs: cue.levelDbfs });
    case 'recording':
      return cue.samples;
  }
}

function sineSum(sines: readonly Sine[], durationMs: Ms): Float32Array {
  const samples = new Float32Array(msToSamples(durationMs));
  for (const { hz, levelDbfs } of sines) {
    const amplitude = dbfsToAmplitude(levelDbfs);
    const step = (2 * Math.PI * hz) / SAMPLE_RATE_HZ;
    for (let n = 0; n < samples.length; n++) samples[n]! += amplitude * Math.sin(step * n);
  }
  return samples;
}
