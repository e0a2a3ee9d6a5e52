/** Builders for the DTMF tests: key presses laid end to end after a lead-in of silence. */
import type { DtmfToneOptions } from './dtmfTones.ts';
import { renderDtmfTone } from './dtmfTones.ts';
import { msToSamples } from './sampleRate.ts';

/** Offsets (samples) every figure is checked at, to show block alignment does not matter. */
export const ALIGNMENT_OFFSETS = [0, 7, 19, 25, 38, 51, 63, 76, 90, 100] as const;

export type Burst = DtmfToneOptions | { pauseMs: number };

/** Lead-in of `offsetSamples` + 20 ms of silence, the bursts, then 100 ms of silence. */
export function signalOf(offsetSamples: number, bursts: readonly Burst[]): Float32Array {
  const parts = bursts.map((burst) =>
    'pauseMs' in burst ? new Float32Array(msToSamples(burst.pauseMs)) : renderDtmfTone(burst),
  );
  const lead = offsetSamples + msToSamples(20);
  const length = lead + parts.reduce((sum, part) => sum + part.length, 0) + msToSamples(100);
  const out = new Float32Array(length);
  let at = lead;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
