/**
 * Signal-level AMD: 8 kHz PCM cut into app_amd's 20 ms frames, each classified by the DSP's
 * silence test and fed to the same AmdDetector the event level uses.
 */
import type { AmdParameters } from '../scenario/index.ts';
import { AMD_FRAME_MS, AmdDetector, frameIsVoiced } from '../phone/amd/index.ts';
import type { AmdResult } from '../phone/amd/index.ts';
import { msToSamples } from './sampleRate.ts';

const FRAME_SAMPLES = msToSamples(AMD_FRAME_MS);
/** frameIsVoiced reads the 16-bit scale; PCM here is full scale ±1. */
const SIXTEEN_BIT_SCALE = 32768;

/**
 * The verdict on `samples` (from the moment of answer). Audio that ends before a verdict is
 * followed by silence, as a line goes quiet, until app_amd decides.
 */
export function amdOnPcm(samples: Float32Array, params: AmdParameters): AmdResult {
  const detector = new AmdDetector(params);
  const frame = new Float32Array(FRAME_SAMPLES);
  for (let start = 0; ; start += FRAME_SAMPLES) {
    frame.fill(0);
    if (start < samples.length) frame.set(samples.subarray(start, start + FRAME_SAMPLES));
    for (let n = 0; n < FRAME_SAMPLES; n++) frame[n]! *= SIXTEEN_BIT_SCALE;
    const result = detector.feed(frameIsVoiced(frame, params.silenceThreshold), AMD_FRAME_MS);
    if (result !== null) return result;
  }
}

/** Per 20 ms frame, whether the DSP hears voice; for displays and tests. */
export function voicedFrames(samples: Float32Array, silenceThreshold: number): boolean[] {
  const frames: boolean[] = [];
  const frame = new Float32Array(FRAME_SAMPLES);
  for (let start = 0; start + FRAME_SAMPLES <= samples.length; start += FRAME_SAMPLES) {
    for (let n = 0; n < FRAME_SAMPLES; n++) frame[n] = samples[start + n]! * SIXTEEN_BIT_SCALE;
    frames.push(frameIsVoiced(frame, silenceThreshold));
  }
  return frames;
}
