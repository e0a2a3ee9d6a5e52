/** The last instant a JavaScript Date (and so an ISO date in a response) can hold. */
export const MAX_EPOCH_MS = 8.64e15;

export type ClockMode = 'simulated' | 'real';

/**
 * The simulator's clock, Unix time in milliseconds. `simulated` (the default) moves only when
 * told to, so expiry and rate limits are tested without waiting; `real` follows `realNow` (the
 * machine's clock, given by a Node adapter: this layer reads no clock), plus whatever the clock
 * was advanced by. It never goes back: switching to `real` while the simulated time is ahead of
 * the machine's keeps the lead.
 */
export class SimClock {
  #simulatedMs: number;
  #mode: ClockMode = 'simulated';
  /** In `real` mode, how far ahead of `realNow` the clock runs. */
  #offsetMs = 0;

  constructor(
    readonly startEpochMs: number,
    readonly realNow: (() => number) | null = null,
    readonly startMode: ClockMode = 'simulated',
  ) {
    if (startMode === 'real' && realNow === null) {
      throw new RangeError('a real clock needs a real time source');
    }
    this.#simulatedMs = startEpochMs;
    this.reset();
  }

  get nowMs(): number {
    return this.#mode === 'real' ? this.realNow!() + this.#offsetMs : this.#simulatedMs;
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  /** Switches mode from the current instant on; `real` needs a `realNow`. */
  setMode(mode: ClockMode): void {
    if (mode === 'real' && this.realNow === null) {
      throw new RangeError('this clock has no real time source; it can only be simulated');
    }
    const now = this.nowMs;
    this.#mode = mode;
    if (mode === 'real') this.#offsetMs = Math.max(0, now - this.realNow!());
    else this.#simulatedMs = now;
  }

  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || this.nowMs + ms > MAX_EPOCH_MS) {
      throw new RangeError(
        `cannot advance the clock by ${ms} ms; pass whole milliseconds, 0 or more, ` +
          `staying within ${MAX_EPOCH_MS} ms of 1970`,
      );
    }
    if (this.#mode === 'real') this.#offsetMs += ms;
    else this.#simulatedMs += ms;
  }

  reset(): void {
    this.#simulatedMs = this.startEpochMs;
    this.#offsetMs = 0;
    // A real clock starts at the machine's time, whatever startEpochMs says.
    this.#mode = this.startMode === 'real' && this.realNow !== null ? 'real' : 'simulated';
  }
}

export function isoTime(epochMs: number): string {
  // Twilio writes dates without milliseconds.
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
