import type { Ms } from '../../core/distributions.ts';

/** Where playing last started: the real time (performance.now) and the simulated time then. */
export interface PlayAnchor {
  readonly realMs: number;
  readonly simMs: Ms;
}

/**
 * The simulated time at real time `nowMs` while playing from `anchor` at `speed`, held between
 * the anchor and `endMs`. A requestAnimationFrame timestamp is the start of the frame, which can
 * fall before the moment play() read performance.now(): such a frame stays at the anchor rather
 * than stepping back before it.
 */
export function simulatedTimeAt(anchor: PlayAnchor, nowMs: number, speed: number, endMs: Ms): Ms {
  const elapsedMs = Math.max(0, nowMs - anchor.realMs);
  return Math.min(anchor.simMs + elapsedMs * speed, endMs);
}
