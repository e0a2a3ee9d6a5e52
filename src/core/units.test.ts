import { describe, expect, it } from 'vitest';
import { msToSeconds, secondsToMs, type Hz, type Ms, type Seconds } from './units.ts';

// `npm run typecheck` checks this file: each `@ts-expect-error` below must meet a type error, or
// the check fails ("unused directive"). They are the unit mixes the compiler refuses.
function wait(durationMs: Ms): Ms {
  return durationMs;
}
const readout: Seconds = 4;
const ringback: Hz = 440;

describe('units', () => {
  it('refuses seconds or hertz where milliseconds are expected, at compile time', () => {
    // @ts-expect-error seconds are not milliseconds
    wait(readout);
    // @ts-expect-error a frequency is not a duration
    wait(ringback);
    // @ts-expect-error milliseconds are not seconds
    const asSeconds: Seconds = wait(4000);
    expect(asSeconds).toBe(4000);
    // Converted, and plain arithmetic, are accepted.
    expect(wait(secondsToMs(readout))).toBe(4000);
    expect(wait(readout * 1000 + 1)).toBe(4001);
  });

  it('converts seconds to whole milliseconds and back', () => {
    expect(secondsToMs(0.0015)).toBe(2);
    expect(secondsToMs(6.4)).toBe(6400);
    expect(msToSeconds(6400)).toBe(6.4);
    expect(msToSeconds(secondsToMs(1.25))).toBe(1.25);
  });
});
