import type { Ms } from '../../core/distributions.ts';
import type { CallTrace, TraceEvent } from '../../sim/callTrace.ts';

/** Where the playhead stands in a call trace: the flow state, the last event, the next stop. */

/** The flow state at `atMs`: the last one entered at or before it (ringing before anything). */
export function flowStateAt(trace: CallTrace, atMs: Ms): string | null {
  let current: string | null = trace.flowStates[0]?.state ?? null;
  for (const span of trace.flowStates) {
    if (span.startMs <= atMs) current = span.state;
    else break;
  }
  return current;
}

/** The instants the step buttons stop at: the start, every event, the end. */
export function stepTimes(trace: CallTrace): Ms[] {
  return [...new Set([0, ...trace.events.map((e) => e.atMs), trace.spanMs])].sort((a, b) => a - b);
}

export function nextStepMs(trace: CallTrace, atMs: Ms): Ms {
  return stepTimes(trace).find((t) => t > atMs) ?? trace.spanMs;
}

export function previousStepMs(trace: CallTrace, atMs: Ms): Ms {
  const earlier = stepTimes(trace).filter((t) => t < atMs);
  return earlier[earlier.length - 1] ?? 0;
}

/** Index of the last event at or before `atMs`, or -1 before the first. */
export function lastEventIndex(events: readonly TraceEvent[], atMs: Ms): number {
  let index = -1;
  for (let i = 0; i < events.length && events[i]!.atMs <= atMs; i++) index = i;
  return index;
}

/** Seconds with a fixed number of decimals, for labels: 26840 → "26.84 s". */
export function formatSeconds(ms: Ms, decimals = 2): string {
  return `${(ms / 1000).toFixed(decimals)} s`;
}
