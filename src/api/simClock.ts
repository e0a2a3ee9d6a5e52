/** The last instant a JavaScript Date (and so an ISO date in a response) can hold. */
export const MAX_EPOCH_MS = 8.64e15;

/**
 * The simulator's clock: Unix time in milliseconds that only moves when told to, so expiry and
 * rate limits are tested without waiting.
 */
export class SimClock {
  #nowMs: number;

  constructor(readonly startEpochMs: number) {
    this.#nowMs = startEpochMs;
  }

  get nowMs(): number {
    return this.#nowMs;
  }

  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || this.#nowMs + ms > MAX_EPOCH_MS) {
      throw new RangeError(
        `cannot advance the clock by ${ms} ms; pass whole milliseconds, 0 or more, ` +
          `staying within ${MAX_EPOCH_MS} ms of 1970`,
      );
    }
    this.#nowMs += ms;
  }

  reset(): void {
    this.#nowMs = this.startEpochMs;
  }
}

export function isoTime(epochMs: number): string {
  // Twilio writes dates without milliseconds.
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
