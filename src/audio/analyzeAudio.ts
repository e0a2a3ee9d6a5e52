/**
 * One pass of both detectors over a recording: what `sim analyze <file.wav> --json` prints
 * (issue 4): { durationMs, dtmf: [{ digit, startMs, endMs }], amd: { verdict, cause, decisionMs } }.
 */
import type { Ms } from '../core/units.ts';
import type { AmdParameters } from '../scenario/index.ts';
import type { AmdResult } from '../phone/amd/index.ts';
import { amdOnPcm } from './amdOnPcm.ts';
import type { DtmfKeyPress } from './dtmfDetector.ts';
import { detectDtmf } from './dtmfDetector.ts';
import { samplesToMs } from './sampleRate.ts';

export interface AudioAnalysis {
  durationMs: Ms;
  dtmf: DtmfKeyPress[];
  amd: AmdResult;
}

/** `samples`: 8 kHz mono, full scale ±1, from the moment of answer. */
export function analyzeAudio(samples: Float32Array, amd: AmdParameters): AudioAnalysis {
  return {
    durationMs: samplesToMs(samples.length),
    dtmf: detectDtmf(samples),
    amd: amdOnPcm(samples, amd),
  };
}
