import type { Ms } from '../../core/distributions.ts';
import { simulatedTimeAt, type PlayAnchor } from './playheadClock.ts';

/**
 * The replay's position in simulated time. The call is precomputed; playing only moves this
 * cursor, driven by requestAnimationFrame at `speed` simulated seconds per real second.
 */
export class Playhead {
  timeMs: Ms = $state(0);
  playing = $state(false);
  speed = $state(1);
  endMs: Ms = $state(0);
  private frame = 0;
  /** Real time (performance.now) and simulated time when playing last started. */
  private anchor: PlayAnchor = { realMs: 0, simMs: 0 };

  constructor(endMs: Ms) {
    this.endMs = endMs;
  }

  play(): void {
    if (this.playing) return;
    if (this.timeMs >= this.endMs) this.timeMs = 0;
    this.playing = true;
    this.anchor = { realMs: performance.now(), simMs: this.timeMs };
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Stops where the call is now, not at the last frame drawn. */
  pause(): void {
    if (this.playing) {
      this.timeMs = simulatedTimeAt(this.anchor, performance.now(), this.speed, this.endMs);
    }
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }

  seek(ms: Ms): void {
    this.timeMs = Math.min(Math.max(0, ms), this.endMs);
    this.anchor = { realMs: performance.now(), simMs: this.timeMs };
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.anchor = { realMs: performance.now(), simMs: this.timeMs };
  }

  /** A new call to show: back to its start, stopped. */
  reset(endMs: Ms): void {
    this.pause();
    this.endMs = endMs;
    this.timeMs = 0;
  }

  // Measured from the anchor rather than summed per frame, so it keeps time with the audio.
  private readonly tick = (now: number): void => {
    if (!this.playing) return;
    this.timeMs = simulatedTimeAt(this.anchor, now, this.speed, this.endMs);
    if (this.timeMs >= this.endMs) this.pause();
    else this.frame = requestAnimationFrame(this.tick);
  };
}
