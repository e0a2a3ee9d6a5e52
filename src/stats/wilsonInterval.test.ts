import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval, Z_95 } from './wilsonInterval.ts';

/** The textbook closed form, (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). */
function textbookWilson(successes: number, n: number, z = Z_95): [number, number] {
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return [(centre - spread) / scale, (centre + spread) / scale];
}

describe('wilsonInterval', () => {
  it.each([
    [0, 10],
    [10, 10],
    [5, 10],
    [1, 10],
    [1, 10_000],
    [9_999, 10_000],
    [81, 263],
  ])('matches the textbook formula for %i of %i', (successes, n) => {
    const [low, high] = textbookWilson(successes, n);
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 14);
    expect(interval.high).toBeCloseTo(high, 14);
  });

  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat. Med. 17,
  // Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('reproduces the published interval for %i of %i', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('starts at exactly 0 for no successes and ends at exactly 1 for all successes', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(0, 10_000_000).low).toBe(0);
  });

  it('is symmetric: s of n mirrors n − s of n', () => {
    const a = wilsonInterval(3, 17);
    const b = wilsonInterval(14, 17);
    expect(a.low).toBeCloseTo(1 - b.high, 15);
    expect(a.high).toBeCloseTo(1 - b.low, 15);
  });

  it('knows nothing with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('widens with z', () => {
    const narrow = wilsonInterval(5, 10, 1);
    const wide = wilsonInterval(5, 10, 3);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('always holds the observed rate and stays inside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const successes = Math.round(f * n);
          const { low, high } = wilsonInterval(successes, n);
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(successes / n);
          expect(high).toBeGreaterThanOrEqual(successes / n);
        },
      ),
    );
  });

  it('names bad arguments', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/successes \(11\) cannot exceed n \(10\)/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/successes.*got -1/);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/n.*got 2\.5/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(/z.*got 0/);
  });
});
