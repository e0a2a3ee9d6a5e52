/** Tick spacing for a time axis: the smallest "nice" step that keeps labels `minGapPx` apart. */
const NICE_STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

export interface AxisTick {
  readonly ms: number;
  readonly label: string;
}

export function axisTicks(spanMs: number, pxPerSecond: number, minGapPx = 56): AxisTick[] {
  const stepS = NICE_STEPS_S.find((s) => s * pxPerSecond >= minGapPx) ?? NICE_STEPS_S.at(-1)!;
  const stepMs = Math.round(stepS * 1000);
  const ticks: AxisTick[] = [];
  for (let ms = 0; ms <= spanMs; ms += stepMs) {
    ticks.push({ ms, label: `${stepS < 1 ? (ms / 1000).toFixed(1) : ms / 1000} s` });
  }
  return ticks;
}
