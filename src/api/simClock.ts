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
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`cannot advance the clock by ${ms} ms; pass 0 or more`);
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
