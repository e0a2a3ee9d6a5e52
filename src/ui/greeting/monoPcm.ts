/**
 * Turning what a browser decodes (any rate, any number of channels) into the signal layer's
 * input: 8 kHz mono, full scale ±1. The browser's own decoder normally resamples (it decodes
 * straight into an 8 kHz context); `resamplePcm` is the fallback where it cannot.
 */
import type { SampleRate } from '../audio/units.ts';

/** The channels averaged sample by sample (so a mono file and its stereo copy read the same). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (first === undefined) throw new RangeError('mixToMono: no channels; pass at least one.');
  if (channels.length === 1) return first.slice();
  const length = Math.min(...channels.map((channel) => channel.length));
  const mono = new Float32Array(length);
  const weight = 1 / channels.length;
  for (const channel of channels) {
    for (let n = 0; n < length; n++) mono[n]! += channel[n]! * weight;
  }
  return mono;
}

/** Zero crossings of the sinc on each side of the centre: about 70 dB of stop band with Blackman. */
const ZERO_CROSSINGS = 12;
/** The pass band ends a little below the lower Nyquist frequency so the transition band fits under it. */
const CUTOFF_FRACTION = 0.92;

/**
 * Band-limited resampling with a Blackman-windowed sinc. Going down, the kernel is the low-pass
 * of the output rate, so nothing above its Nyquist frequency (4 kHz for 8 kHz) folds back into the
 * band where DTMF and app_amd listen.
 */
export function resamplePcm(
  samples: Float32Array,
  fromHz: SampleRate,
  toHz: SampleRate,
): Float32Array {
  for (const [name, rate] of [
    ['fromHz', fromHz],
    ['toHz', toHz],
  ] as const) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new RangeError(`resamplePcm: ${name} is ${rate}; pass a positive sample rate in Hz.`);
    }
  }
  if (fromHz === toHz) return samples.slice();
  const ratio = toHz / fromHz;
  const outLength = Math.round(samples.length * ratio);
  const out = new Float32Array(outLength);
  // Cutoff in cycles per input sample, and the kernel's half width in input samples.
  const cutoff = 0.5 * Math.min(1, ratio) * CUTOFF_FRACTION;
  const halfWidth = ZERO_CROSSINGS / (2 * cutoff);
  for (let m = 0; m < outLength; m++) {
    const centre = m / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const last = Math.min(samples.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    for (let k = first; k <= last; k++) {
      const x = k - centre;
      sum += samples[k]! * lowPassTap(x, cutoff) * blackman(x / halfWidth);
    }
    out[m] = sum;
  }
  return out;
}

/** The ideal low-pass's impulse response at `x` input samples from the centre. */
function lowPassTap(x: number, cutoff: number): number {
  if (x === 0) return 2 * cutoff;
  return Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
}

/** Blackman window over [-1, 1]. */
function blackman(u: number): number {
  if (u <= -1 || u >= 1) return 0;
  const phase = Math.PI * (u + 1);
  return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
}
