/** One column of a drawn waveform: the lowest and highest sample it covers. */
export interface PeakColumn {
  min: number;
  max: number;
}

/**
 * The waveform reduced to `columns` min/max pairs, so a long recording draws as fast as a short
 * one (a minute at 8 kHz is 480,000 samples; a drawing needs a few hundred columns).
 * Column c covers samples [c·n/columns, (c+1)·n/columns).
 */
export function waveformPeaks(samples: Float32Array, columns: number): PeakColumn[] {
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(
      `waveformPeaks: columns is ${columns}; pass a whole number of at least 1.`,
    );
  }
  const peaks: PeakColumn[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * samples.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * samples.length) / columns));
    let min = 0;
    let max = 0;
    for (let n = from; n < to && n < samples.length; n++) {
      const value = samples[n]!;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    peaks.push({ min, max });
  }
  return peaks;
}
