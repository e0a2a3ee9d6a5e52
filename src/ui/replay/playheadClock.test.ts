import { describe, expect, it } from 'vitest';
import { simulatedTimeAt } from './playheadClock.ts';

describe('simulatedTimeAt', () => {
  const anchor = { realMs: 1000, simMs: 25_000 };

  it('moves speed simulated ms per real ms from the anchor', () => {
    expect(simulatedTimeAt(anchor, 1500, 1, 90_000)).toBe(25_500);
    expect(simulatedTimeAt(anchor, 1500, 10, 90_000)).toBe(30_000);
  });

  it('stops at the end of the call', () => {
    expect(simulatedTimeAt(anchor, 100_000, 10, 90_000)).toBe(90_000);
  });

  it('a frame stamped before play() started stays at the anchor, never before it', () => {
    expect(simulatedTimeAt(anchor, 999.2, 1, 90_000)).toBe(25_000);
    expect(simulatedTimeAt({ realMs: 1000, simMs: 0 }, 990, 10, 90_000)).toBe(0);
  });
});
