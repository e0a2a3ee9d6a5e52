import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MedianSketch } from './medianSketch.ts';

function sketchOf(values: readonly number[]): MedianSketch {
  const sketch = new MedianSketch();
  for (const value of values) sketch.add(value);
  return sketch;
}

/** The exact lower median of integer ms values, in seconds. */
function lowerMedianMs(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

const milliseconds = fc.array(fc.integer({ min: 0, max: 120_000 }));

describe('MedianSketch', () => {
  it('gives the midpoint, in seconds, of the 10 ms bin holding the median', () => {
    expect(sketchOf([1234, 5000, 9999]).median()).toBe(5005);
    expect(sketchOf([0]).median()).toBe(5);
    expect(sketchOf([9]).median()).toBe(5);
    expect(sketchOf([10]).median()).toBe(15);
  });

  it('takes the lower median for an even count', () => {
    expect(sketchOf([1000, 2000]).median()).toBe(1005);
    expect(sketchOf([4000, 1000, 3000, 2000]).median()).toBe(2005);
  });

  it('has no median (null) when empty', () => {
    expect(new MedianSketch().median()).toBeNull();
  });

  it('is within 5 ms of the exact lower median', () => {
    fc.assert(
      fc.property(
        milliseconds.filter((values) => values.length > 0),
        (values) => {
          const median = sketchOf(values).median()!;
          const exact = lowerMedianMs(values);
          expect(Math.abs(median - exact)).toBeLessThanOrEqual(5);
        },
      ),
    );
  });

  it('handles negative values by flooring to their bin', () => {
    expect(sketchOf([-1]).median()).toBe(-5);
  });

  it('keeps one entry per occupied bin, however many values', () => {
    const sketch = new MedianSketch();
    for (let i = 0; i < 100_000; i++) sketch.add(6000 + (i % 50));
    expect(sketch.count).toBe(100_000);
    expect(sketch.toJSON().bins).toEqual([
      [600, 20_000],
      [601, 20_000],
      [602, 20_000],
      [603, 20_000],
      [604, 20_000],
    ]);
  });

  it('merges to the same data in either order as adding everything to one sketch', () => {
    fc.assert(
      fc.property(milliseconds, milliseconds, (a, b) => {
        const ab = MedianSketch.fromJSON(sketchOf(a).toJSON()).merge(sketchOf(b));
        const ba = MedianSketch.fromJSON(sketchOf(b).toJSON()).merge(sketchOf(a));
        const all = sketchOf([...a, ...b]);
        expect(ab.toJSON()).toEqual(all.toJSON());
        expect(ba.toJSON()).toEqual(all.toJSON());
        expect(JSON.stringify(ab)).toBe(JSON.stringify(ba));
        expect(Object.is(ab.median(), all.median())).toBe(true);
      }),
    );
  });

  it('merges many worker parts to the same result whatever the split', () => {
    fc.assert(
      fc.property(milliseconds, fc.array(fc.nat()), (values, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % (values.length + 1)))].sort(
          (x, y) => x - y,
        );
        const bounds = [0, ...points, values.length];
        const parts = bounds.slice(1).map((end, i) => sketchOf(values.slice(bounds[i], end)));
        const merged = parts.reverse().reduce((sum, part) => sum.merge(part), new MedianSketch());
        expect(merged.toJSON()).toEqual(sketchOf(values).toJSON());
      }),
    );
  });

  it('survives structured clone and JSON as plain data', () => {
    const sketch = sketchOf([120, 7, 3456, 3451]);
    const data = sketch.toJSON();
    expect(data).toEqual({
      binMs: 10,
      bins: [
        [0, 1],
        [12, 1],
        [345, 2],
      ],
    });
    expect(MedianSketch.fromJSON(structuredClone(data)).toJSON()).toEqual(data);
    expect(MedianSketch.fromJSON(JSON.parse(JSON.stringify(sketch))).median()).toBe(125);
  });

  it('rejects fractional values and foreign data', () => {
    expect(() => new MedianSketch().add(12.5)).toThrow(/whole milliseconds; got 12\.5/);
    expect(() => MedianSketch.fromJSON({ binMs: 100 as 10, bins: [] })).toThrow(/100 ms/);
    expect(() => MedianSketch.fromJSON({ binMs: 10, bins: [[1, 0]] })).toThrow(/count.*got 0/);
  });
});

describe('MedianSketch ranks and the interval of the median', () => {
  it('gives the value of each rank as the midpoint of its bin', () => {
    const sketch = sketchOf([1234, 5000, 9999, 5003]);
    expect([1, 2, 3, 4].map((r) => sketch.valueAtRank(r))).toEqual([1235, 5005, 5005, 9995]);
    expect(() => sketch.valueAtRank(5)).toThrow('rank must be 1 to 4; got 5');
    expect(new MedianSketch().valueAtRank(1)).toBeNull();
  });

  it('takes ranks n/2 − 1.96·√n/2 and 1 + n/2 + 1.96·√n/2, rounded (Gardner and Altman)', () => {
    // n = 100: ranks 50 − 9.8 = 40.2 → 40 and 1 + 50 + 9.8 = 60.8 → 61; values 0, 10, … 990 ms.
    const sketch = sketchOf(Array.from({ length: 100 }, (_, i) => i * 10));
    expect(sketch.medianInterval()).toEqual([395, 605]);
    expect(sketch.median()).toBe(495);
  });

  it('keeps the ranks within 1 to n for tiny samples, and has none when empty', () => {
    expect(sketchOf([70]).medianInterval()).toEqual([75, 75]);
    expect(sketchOf([10, 20]).medianInterval()).toEqual([15, 25]);
    expect(new MedianSketch().medianInterval()).toBeNull();
  });

  it('holds the median between its ends (property)', () => {
    fc.assert(
      fc.property(
        milliseconds.filter((values) => values.length > 0),
        (values) => {
          const sketch = sketchOf(values);
          const [low, high] = sketch.medianInterval()!;
          expect(low).toBeLessThanOrEqual(sketch.median()!);
          expect(high).toBeGreaterThanOrEqual(sketch.median()!);
        },
      ),
    );
  });
});
