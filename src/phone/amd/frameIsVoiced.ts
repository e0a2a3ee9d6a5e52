/**
 * The DSP's silence test (main/dsp.c, __ast_dsp_silence_noise): a frame is silent when the
 * average absolute sample, truncated to an integer, is below the threshold. With an integer
 * threshold that is the same as `sum |s| >= threshold * length`, which avoids the division.
 *
 * `samples` are on the 16-bit scale: an Int16Array, or floats already multiplied by 32768.
 */
export function frameIsVoiced(samples: Int16Array | Float32Array, threshold: number): boolean {
  if (samples.length === 0) {
    throw new RangeError(
      'frameIsVoiced: the frame has no samples; pass 160 samples for 20 ms at 8 kHz.',
    );
  }
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new RangeError(
      `frameIsVoiced: threshold ${threshold} is not a non-negative integer on the 16-bit scale (app_amd's default is 256).`,
    );
  }
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    sum += Math.abs(samples[i] ?? 0);
  }
  return sum >= threshold * samples.length;
}
